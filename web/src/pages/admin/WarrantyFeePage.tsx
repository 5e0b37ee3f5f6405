import { Alert, Button, Group, Paper, Stack, Text, TextInput } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { type FormEvent, useState } from "react";
import { useSaveWarrantySettings, useWarrantySettings } from "../../api/credit-warranty";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
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
  const settings = useWarrantySettings();
  return (
    <Stack>
      <PageHeader title={t("warrantyFee.title")} />
      <Paper withBorder p="md" maw={560}>
        <Text size="sm" c="dimmed" mb="sm">
          {t("warrantyFee.explain")}
        </Text>
        <QueryState query={settings}>
          {settings.data && (
            <FeeForm
              key={settings.data.version}
              cents={settings.data.warrantyExecutionFeeCents}
              version={settings.data.version}
            />
          )}
        </QueryState>
      </Paper>
    </Stack>
  );
}
