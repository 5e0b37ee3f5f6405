// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/ModalBase.layer.css";
import "@mantine/core/styles/Combobox.layer.css";
import "@mantine/core/styles/List.layer.css";
import "@mantine/core/styles/Modal.layer.css";
import "@mantine/core/styles/Table.layer.css";
import { Alert, Button, Group, Select, TextInput } from "@mantine/core";
import { DateTime } from "luxon";
import { type FormEvent, useState } from "react";
import { useExport, useInvoices, useRunPeriod } from "../../api/billing";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { type MessageKey, useT } from "../../i18n";
import { errorMessage } from "../../lib/form";
import { displayTimeZone } from "../../lib/format";
import { ErpImport } from "./ErpImport";
import { InvoiceTable } from "./InvoiceTable";

const STATUSES = ["draft", "issued", "exported", "paid", "cancelled"] as const;
type Status = (typeof STATUSES)[number];
const isStatus = (v: string | null): v is Status => (STATUSES as readonly (string | null)[]).includes(v);

function RunPeriod() {
  const t = useT();
  const [period, setPeriod] = useState(() => DateTime.now().setZone(displayTimeZone()).toFormat("yyyy-MM"));
  const run = useRunPeriod();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run.mutate(period.trim());
  };
  return (
    <form onSubmit={submit} noValidate>
      <Group align="flex-end" mb="sm" wrap="wrap">
        <TextInput
          label={t("billing.period")}
          value={period}
          onChange={(e) => setPeriod(e.currentTarget.value)}
          w={160}
          name="period"
        />
        <Button type="submit" loading={run.isPending}>
          {t("billing.run")}
        </Button>
      </Group>
      {run.isSuccess && (
        <Alert color={run.data.failed.length ? "orange" : "teal"} mb="sm" data-testid="run-result">
          {t("billing.ran", { created: run.data.created, period: run.data.period })}
          {run.data.failed.length > 0 && ` — ${t("billing.runFailed", { count: run.data.failed.length })}`}
        </Alert>
      )}
      {run.isError && (
        <Alert color="red" mb="sm">
          {errorMessage(t, run.error)}
        </Alert>
      )}
    </form>
  );
}

export default function BillingPage() {
  const t = useT();
  const [status, setStatus] = useState<Status | null>(null);
  const invoices = useInvoices(status ? { status } : {});
  const exporter = useExport();
  const [importing, setImporting] = useState(false);
  return (
    <>
      <PageHeader
        title={t("billing.title")}
        subtitle={t("billing.subtitle")}
        actions={
          <Group gap="xs">
            <Button
              variant="light"
              onClick={() => exporter.mutate("csv")}
              loading={exporter.isPending && exporter.variables === "csv"}
              disabled={exporter.isPending}
            >
              {t("billing.export")}
            </Button>
            <Button
              variant="light"
              onClick={() => exporter.mutate("xlsx")}
              loading={exporter.isPending && exporter.variables === "xlsx"}
              disabled={exporter.isPending}
            >
              {t("billing.exportXlsx")}
            </Button>
            <Button variant="default" onClick={() => setImporting(true)}>
              {t("billing.import")}
            </Button>
          </Group>
        }
      />
      {exporter.isSuccess && (
        <Alert color="teal" mb="sm">
          {t("billing.exported", { file: exporter.data })}
        </Alert>
      )}
      {exporter.isError && (
        <Alert color="orange" mb="sm">
          {errorMessage(t, exporter.error)}
        </Alert>
      )}
      <RunPeriod />
      <Select
        mb="md"
        w={220}
        label={t("billing.status")}
        placeholder={t("billing.allStatuses")}
        data={STATUSES.map((s) => ({ value: s, label: t(`billing.st.${s}` as MessageKey) }))}
        value={status}
        onChange={(v) => setStatus(isStatus(v) ? v : null)}
        clearable
      />
      <QueryState query={invoices}>
        <InvoiceTable items={invoices.data?.items ?? []} />
      </QueryState>
      <ErpImport opened={importing} onClose={() => setImporting(false)} />
    </>
  );
}
