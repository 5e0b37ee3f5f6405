import { Alert, Button, List, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useState } from "react";
import { type ImportResult, useImportErp } from "../../api/billing";
import { ApiError } from "../../api/client";
import { hasKey, type Translate, useT } from "../../i18n";
import { errorMessage } from "../../lib/form";

type Row = ImportResult["rows"][number];

/** A row's verdict in the user's language, from its code; the server's wording for a code this build lacks. */
function verdict(t: Translate, r: Row): string {
  const key = `billing.importRow.${r.code}`;
  return hasKey(key) ? t(key, r.params) : (r.message ?? "");
}

/** The ERP's folios and payments pasted or loaded from a CSV file; all rows apply or none. */
export function ErpImport({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const t = useT();
  const [csv, setCsv] = useState("");
  const imp = useImportErp();
  const rows: Row[] =
    imp.error instanceof ApiError ? ((imp.error.details as { rows?: Row[] } | null)?.rows ?? []) : [];
  const load = async (file: File | undefined) => file && setCsv(await file.text());
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t("billing.import")}
      size="lg"
      closeButtonProps={{ "aria-label": t("common.close") }}
    >
      <Stack>
        <Text size="sm" c="dimmed">
          {t("billing.importHint")}
        </Text>
        <input
          type="file"
          accept=".csv,text/csv"
          aria-label="CSV"
          onChange={(e) => load(e.currentTarget.files?.[0])}
        />
        <Textarea
          label="CSV"
          autosize
          minRows={4}
          maxRows={12}
          value={csv}
          onChange={(e) => setCsv(e.currentTarget.value)}
        />
        {imp.isSuccess && <Alert color="teal">{t("billing.imported", { count: imp.data.applied })}</Alert>}
        {imp.isError && (
          <Alert color="red" title={errorMessage(t, imp.error)}>
            <List size="sm">
              {rows
                .filter((r) => !r.ok)
                .map((r) => (
                  <List.Item key={r.row}>
                    {t("billing.row", { row: r.row })} · {r.folio}: {verdict(t, r)}
                  </List.Item>
                ))}
            </List>
          </Alert>
        )}
        <Button onClick={() => imp.mutate(csv)} disabled={!csv.trim()} loading={imp.isPending}>
          {t("billing.importApply")}
        </Button>
      </Stack>
    </Modal>
  );
}
