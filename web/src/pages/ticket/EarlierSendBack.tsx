import { Alert, Text } from "@mantine/core";
import { type TicketDetail, WORK_HISTORY_ACTIONS } from "../../contract";
import { useT } from "../../i18n";
import { formatDateTime } from "../../lib/format";

/** What a technician does to the recorded work after a send-back (what the reviewer checks again). */
const WORK_ACTIONS: ReadonlySet<string> = new Set(WORK_HISTORY_ACTIONS);

/** The last send-back of a ticket back in review, and how many changes to its work came after it. */
export function earlierSendBack(ticket: TicketDetail) {
  const sendBacks = ticket.history.filter((h) => h.action === "send_back");
  const last = sendBacks.reduce<(typeof sendBacks)[number] | null>(
    (latest, h) => (latest === null || h.at >= latest.at ? h : latest),
    null,
  );
  if (!last) return null;
  const workChanges = ticket.history.filter((h) => h.at >= last.at && WORK_ACTIONS.has(h.action)).length;
  return { entry: last, workChanges };
}

/**
 * A ticket back in review after a send-back reminds the reviewer what was asked and whether the work
 * moved since: the senior checks the fix, not the whole ticket again from memory.
 */
export function EarlierSendBack({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const earlier = earlierSendBack(ticket);
  if (!earlier) return null;
  const { entry, workChanges } = earlier;
  const vars = { name: entry.actorName ?? t("history.system"), at: formatDateTime(entry.at) };
  return (
    <Alert
      color="orange"
      variant="light"
      mb="sm"
      title={t("review.earlier.title")}
      data-testid="earlier-send-back"
    >
      <Text size="sm">{t("review.earlier.by", vars)}</Text>
      {entry.reason && (
        <Text size="sm" className="mesa-pre" fw={500} mt={4}>
          {entry.reason}
        </Text>
      )}
      <Text size="sm" c="dimmed" mt={4}>
        {workChanges === 0
          ? t("review.earlier.noWorkChanges")
          : t("review.earlier.workChanges", { count: workChanges })}
      </Text>
    </Alert>
  );
}
