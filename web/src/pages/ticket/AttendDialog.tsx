import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import type { TicketDetail } from "../../contract";
import { useT } from "../../i18n";
import { formatMinutes, formatMoney } from "../../lib/format";

interface Props {
  ticket: TicketDetail;
  opened: boolean;
  busy: boolean;
  error: string | null;
  onClose: () => void;
  onConfirm: () => void;
}

/**
 * Confirms "Marcar como atendido": the step sends the service order to the client and ends the
 * technician's part, so a stray tap must not do it; the summary shows what the client will see.
 */
export function AttendDialog({ ticket, opened, busy, error, onClose, onConfirm }: Props) {
  const t = useT();
  return (
    <Modal
      closeButtonProps={{ "aria-label": t("common.close") }}
      opened={opened}
      onClose={onClose}
      title={t("attend.title", { folio: ticket.folio })}
    >
      <Stack>
        <Text size="sm">
          {ticket.contactName
            ? t("attend.orderTo", { name: ticket.contactName })
            : t("attend.orderNoContact")}
        </Text>
        <Text size="sm" data-testid="attend-summary">
          {t("attend.summary", {
            time: formatMinutes(ticket.rawMinutes),
            charges: formatMoney(ticket.chargesTotalCents),
          })}
        </Text>
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-testid="attend-back">
            {t("common.back")}
          </Button>
          <Button color="cyan" onClick={onConfirm} loading={busy} data-testid="attend-confirm">
            {t("action.attend")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
