// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/ModalBase.layer.css";
import "@mantine/core/styles/Modal.layer.css";
import "@mantine/core/styles/Table.layer.css";
import { Alert, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { type BillingSettings, useBillingSettings, useSaveBillingSettings } from "../../api/billing";
import { ConflictDialog } from "../../components/ConflictDialog";
import { SettingPage } from "../../components/SettingPage";
import { useT } from "../../i18n";
import { useEditConflict } from "../../lib/conflict";
import { errorMessage } from "../../lib/form";
import { parsePercent, percentToInput } from "../../lib/percent";

const shownRate = (_field: string, value: unknown) =>
  typeof value === "number" ? `${percentToInput(value)} %` : null;

function TaxForm({ settings }: { settings: BillingSettings }) {
  const t = useT();
  const save = useSaveBillingSettings();
  const edit = useEditConflict<BillingSettings>();
  // The settings this form edits over: the ones read, then the ones saved or found saved by someone else.
  const [base, setBase] = useState(settings);
  const [text, setText] = useState(percentToInput(settings.taxBasisPoints));
  const [bad, setBad] = useState(false);
  const rebase = (next: BillingSettings) => {
    setBase(next);
    setText(percentToInput(next.taxBasisPoints));
  };
  const send = (taxBasisPoints: number, from: BillingSettings) =>
    save.mutate(
      { taxBasisPoints, version: from.version },
      {
        onSuccess: (saved) => {
          rebase(saved);
          edit.close();
          notifications.show({ color: "teal", message: t("tax.saved") });
        },
        onError: (e) => edit.caught(e, from, { taxBasisPoints }),
      },
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = parsePercent(text);
    setBad(value === null);
    if (value !== null) send(value, base);
  };
  const conflict = edit.conflict;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm" data-testid="tax-current">
          {t("tax.current", { rate: percentToInput(base.taxBasisPoints) })}
        </Text>
        <TextInput
          label={t("tax.label")}
          description={t("tax.hint")}
          rightSection="%"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={bad ? t("tax.bad") : undefined}
          maw={200}
        />
        {save.isError && !conflict && <Alert color="red">{errorMessage(t, save.error)}</Alert>}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
      <ConflictDialog
        conflict={conflict}
        fields={["taxBasisPoints"]}
        format={shownRate}
        busy={save.isPending}
        onReapply={() => conflict && send(Number(conflict.mine.taxBasisPoints), conflict.current)}
        onDiscard={() => {
          if (conflict) rebase(conflict.current);
          edit.close();
        }}
      />
    </form>
  );
}

/** The IVA rate invoices are made with (admins): a percentage, stored in basis points. */
export default function TaxRatePage() {
  const t = useT();
  return (
    <SettingPage
      title={t("tax.title")}
      explain={t("tax.explain")}
      query={useBillingSettings()}
      form={(settings) => <TaxForm settings={settings} />}
    />
  );
}
