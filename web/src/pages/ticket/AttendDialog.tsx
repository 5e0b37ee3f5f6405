import { Alert, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useMyTimer } from "../../api/timers";
import type { TicketDetail } from "../../contract";
import { useT } from "../../i18n";
import { formatMinutes, formatMoney, zonedTime } from "../../lib/format";

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
 * technician's part, so a stray tap must not do it; the summary shows what the client will see. The
 * caller's stopwatch still running on the ticket holds time the order would go without: it must be
 * stopped and logged first.
 */
export function AttendDialog({ ticket, opened, busy, error, onClose, onConfirm }: Props) {
  const t = useT();
  const running = useMyTimer(opened).data?.timer;
  const timerHere = running?.ticketId === ticket.id ? running : null;
  // The step needs an activity with its time (the service order lists them): said here, not refused after.
  const noTime = ticket.timeEntries.length === 0;
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
            billable: formatMinutes(ticket.billableMinutes),
            charges: formatMoney(ticket.chargesTotalCents),
          })}
        </Text>
        {timerHere && (
          <Alert color="yellow" data-testid="attend-timer-running">
            {t("attend.timerRunning", { since: zonedTime(timerHere.startedAt) })}
          </Alert>
        )}
        {noTime && (
          <Alert color="yellow" data-testid="attend-no-time">
            {t("attend.noTime")}
          </Alert>
        )}
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-testid="attend-back">
            {t("common.back")}
          </Button>
          <Button
            color="cyan"
            onClick={onConfirm}
            loading={busy}
            disabled={!!timerHere || noTime}
            data-testid="attend-confirm"
          >
            {t("action.attend")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
