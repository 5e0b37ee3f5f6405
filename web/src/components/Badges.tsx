import { Badge } from "@mantine/core";
import type { Ticket } from "../contract";
import { useT } from "../i18n";
import { formatDateTime } from "../lib/format";
import { slaAlarm, slaText } from "../lib/sla";

const STATUS_COLORS: Record<Ticket["status"], string> = {
  new: "blue",
  assigned: "indigo",
  in_progress: "violet",
  attended: "cyan",
  reviewed: "teal",
  closed: "gray",
  cancelled: "dark",
};

export const SLA_COLORS: Record<Ticket["slaState"], string> = {
  ok: "green",
  near: "orange",
  breached: "red",
  met: "gray",
};

export function StatusBadge({ status }: { status: Ticket["status"] }) {
  const t = useT();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" data-status={status}>
      {t(`status.${status}`)}
    </Badge>
  );
}

/** A ticket from a mail whose sender Mesa does not know yet: reception must link it to its client. */
export function UnknownSenderBadge({ unknown }: { unknown: boolean }) {
  const t = useT();
  if (!unknown) return null;
  return (
    <Badge color="orange" variant="light" data-testid="unknown-sender-badge">
      {t("unknownSender.badge")}
    </Badge>
  );
}

export function UrgentBadge({ urgent }: { urgent: boolean }) {
  const t = useT();
  if (!urgent) return null;
  return (
    <Badge color="red" variant="filled">
      {t("ticket.urgent")}
    </Badge>
  );
}

/** SLA state as colour plus the business time left (or since breach, or how late the answer was). */
export function SlaBadge({
  ticket,
}: {
  ticket: Pick<Ticket, "slaState" | "businessMinutesLeft" | "responseDueAt" | "respondedAt">;
}) {
  const t = useT();
  const { slaState } = ticket;
  const text = slaText(t, ticket);
  const alarm = slaAlarm(ticket);
  return (
    <Badge
      color={SLA_COLORS[slaState]}
      variant={alarm ? "filled" : "light"}
      data-sla={slaState}
      data-responded={ticket.respondedAt ? "yes" : "no"}
      title={`${t("ticket.responseDue")}: ${formatDateTime(ticket.responseDueAt)}`}
    >
      {text}
    </Badge>
  );
}
