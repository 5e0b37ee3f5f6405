import { Alert, Button, Group, Stack, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { useSaveWarrantySettings, useWarrantySettings } from "../../api/credit-warranty";
import { SettingPage } from "../../components/SettingPage";
import { useT } from "../../i18n";
import { errorMessage } from "../../lib/form";
import { centsToInput, parsePesos } from "../../lib/format";

function FeeForm({ cents, version }: { cents: number; version: number }) {
  const t = useT();
  const save = useSaveWarrantySettings();
  const [text, setText] = useState(centsToInput(cents));
  const [bad, setBad] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const value = parsePesos(text);
    setBad(value === null);
    if (value === null) return;
    save.mutate(
      { warrantyExecutionFeeCents: value, version },
      { onSuccess: () => notifications.show({ color: "teal", message: t("warrantyFee.saved") }) },
    );
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <TextInput
          label={t("warrantyFee.label")}
          description={t("warrantyFee.hint")}
          leftSection="$"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={bad ? t("client.badMoney") : undefined}
          maw={280}
        />
        {save.isError && <Alert color="red">{errorMessage(t, save.error)}</Alert>}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The warranty execution fee an event ticket's invoice adds when a warranty case was handled. */
export default function WarrantyFeePage() {
  const t = useT();
  return (
    <SettingPage
      title={t("warrantyFee.title")}
      explain={t("warrantyFee.explain")}
      query={useWarrantySettings()}
      form={(s) => <FeeForm cents={s.warrantyExecutionFeeCents} version={s.version} />}
    />
  );
}
