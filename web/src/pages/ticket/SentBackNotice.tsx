import { Alert, Text } from "@mantine/core";
import type { TicketDetail } from "../../contract";
import { useT } from "../../i18n";
import { formatDateTime } from "../../lib/format";

type HistoryLine = TicketDetail["history"][number];

/** What put the ticket back in progress, if that is the last thing its status did: the reviewer or the client. */
export function lastReturn(ticket: TicketDetail): HistoryLine | null {
  if (ticket.status !== "in_progress") return null;
  const moves = ticket.history.filter((h) => h.toStatus !== null && h.toStatus !== h.fromStatus);
  const last = moves.reduce<HistoryLine | null>(
    (latest, h) => (latest === null || h.at >= latest.at ? h : latest),
    null,
  );
  return last && (last.action === "send_back" || last.action === "reject") ? last : null;
}

/**
 * Who returned it: the senior, or the client who signed the rejection — «El cliente» when staff
 * recorded it without the signer's name (not the name of whoever typed it).
 */
function returnedBy(line: HistoryLine, names: { system: string; client: string }): string {
  const signer = line.changes?.signerName;
  if (line.action === "reject") return typeof signer === "string" && signer ? signer : names.client;
  return line.actorName ?? names.system;
}

/**
 * A ticket the senior sent back, or whose service order the client rejected, says so at the top, with
 * who, when and why: the technician opening it must see what to fix without digging the reason out of
 * the history tab.
 */
export function SentBackNotice({ ticket, meId }: { ticket: TicketDetail; meId: string }) {
  const t = useT();
  const back = lastReturn(ticket);
  if (!back) return null;
  const names = { system: t("history.system"), client: t("ticket.rejected.theClient") };
  const vars = { name: returnedBy(back, names), at: formatDateTime(back.at) };
  // The technician is told what to do; anyone else (the reviewer, a leader) whom it waits for.
  const mine = ticket.assigneeId === meId;
  const assignee = ticket.assigneeName ?? t("ticket.unassigned");
  const byClient = back.action === "reject";
  const title = byClient ? t("ticket.rejected.title") : t("ticket.sentBack.title");
  const text = byClient
    ? mine
      ? t("ticket.rejected.by", vars)
      : t("ticket.rejected.waiting", { ...vars, assignee })
    : mine
      ? t("ticket.sentBack.by", vars)
      : t("ticket.sentBack.waiting", { ...vars, assignee });
  return (
    <Alert color="orange" title={title} data-testid="sent-back">
      <Text size="sm">{text}</Text>
      {back.reason && (
        <Text size="sm" className="mesa-pre" fw={500} mt={4}>
          {back.reason}
        </Text>
      )}
    </Alert>
  );
}
