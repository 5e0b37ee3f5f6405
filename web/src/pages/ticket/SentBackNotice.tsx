import { Alert, Text } from "@mantine/core";
import type { TicketDetail } from "../../contract";
import { useT } from "../../i18n";
import { formatDateTime } from "../../lib/format";

/** The send-back that put the ticket back in progress, if that is the last thing its status did. */
export function lastSendBack(ticket: TicketDetail): TicketDetail["history"][number] | null {
  if (ticket.status !== "in_progress") return null;
  const moves = ticket.history.filter((h) => h.toStatus !== null && h.toStatus !== h.fromStatus);
  const last = moves.reduce<(typeof moves)[number] | null>(
    (latest, h) => (latest === null || h.at >= latest.at ? h : latest),
    null,
  );
  return last?.action === "send_back" ? last : null;
}

/**
 * A ticket the senior sent back says so at the top, with who, when and why: the technician opening
 * it must see what to fix without digging the reason out of the history tab.
 */
export function SentBackNotice({ ticket, meId }: { ticket: TicketDetail; meId: string }) {
  const t = useT();
  const sentBack = lastSendBack(ticket);
  if (!sentBack) return null;
  const vars = { name: sentBack.actorName ?? t("history.system"), at: formatDateTime(sentBack.at) };
  // The technician is told what to do; anyone else (the reviewer, a leader) whom it waits for.
  const mine = ticket.assigneeId === meId;
  return (
    <Alert color="orange" title={t("ticket.sentBack.title")} data-testid="sent-back">
      <Text size="sm">
        {mine
          ? t("ticket.sentBack.by", vars)
          : t("ticket.sentBack.waiting", {
              ...vars,
              assignee: ticket.assigneeName ?? t("ticket.unassigned"),
            })}
      </Text>
      {sentBack.reason && (
        <Text size="sm" className="mesa-pre" fw={500} mt={4}>
          {sentBack.reason}
        </Text>
      )}
    </Alert>
  );
}
