import { Alert, Button, Group, Paper, Text, TextInput, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import type { TicketDetail } from "../../contract";
import { useT } from "../../i18n";
import { formatDateTime } from "../../lib/format";
import { useRunTransition } from "./useRunTransition";

/** The client's acceptance of the service order: shown if recorded, else recorded on site with the signer's name. */
export function AcceptancePanel({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const { run, error, busy } = useRunTransition(ticket);
  const [signer, setSigner] = useState("");
  const [missing, setMissing] = useState(false);
  const canAccept = ticket.availableActions.includes("accept") && !ticket.acceptance;

  if (ticket.acceptance) {
    return (
      <Alert color="teal" title={t("acceptance.title")} data-testid="acceptance">
        {t("acceptance.recorded", {
          who: ticket.acceptance.signerName ?? "—",
          at: formatDateTime(ticket.acceptance.at),
          via: t(`acceptance.via.${ticket.acceptance.via}`),
        })}
      </Alert>
    );
  }
  if (!canAccept) return null;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!signer.trim()) return setMissing(true);
    if (await run({ action: "accept", signerName: signer.trim() })) setSigner("");
  };
  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} noValidate>
        <Title order={3} size="h5" mb={4}>
          {t("acceptance.record")}
        </Title>
        <Text size="sm" c="dimmed" mb="xs">
          {t("acceptance.hint")}
        </Text>
        <Group align="flex-start">
          <TextInput
            label={t("acceptance.signer")}
            value={signer}
            onChange={(e) => {
              setSigner(e.currentTarget.value);
              setMissing(false);
            }}
            error={missing ? t("common.required") : undefined}
            data-testid="signer-name"
          />
          <Button type="submit" mt={25} loading={busy} data-testid="action-accept">
            {t("acceptance.submit")}
          </Button>
        </Group>
        {error && (
          <Alert color="red" mt="sm">
            {error}
          </Alert>
        )}
      </form>
    </Paper>
  );
}
