import type { Ticket } from "../contract";
import { useT } from "../i18n";
import { formatDateTime } from "../lib/format";
import { slaAlarm, slaText } from "../lib/sla";
import { STATUS_COLORS } from "../lib/statusColors";
import { PlainBadge } from "./plain";

export const SLA_COLORS: Record<Ticket["slaState"], string> = {
  ok: "green",
  near: "orange",
  breached: "red",
  met: "gray",
};

export function StatusBadge({ status }: { status: Ticket["status"] }) {
  const t = useT();
  return (
    <PlainBadge color={STATUS_COLORS[status]} variant="light" data-status={status}>
      {t(`status.${status}`)}
    </PlainBadge>
  );
}

/** A ticket from a mail whose sender Mesa does not know yet: reception must link it to its client. */
export function UnknownSenderBadge({ unknown }: { unknown: boolean }) {
  const t = useT();
  if (!unknown) return null;
  return (
    <PlainBadge color="orange" variant="light" data-testid="unknown-sender-badge">
      {t("unknownSender.badge")}
    </PlainBadge>
  );
}

/** Back in progress: the senior sent it back, or the client rejected the service order. */
export function ReturnedBadge({ by }: { by: "review" | "client" | null }) {
  const t = useT();
  if (!by) return null;
  return (
    <PlainBadge color="orange" variant="filled" data-testid="returned-badge">
      {t(by === "client" ? "ticket.returned.client" : "ticket.returned.review")}
    </PlainBadge>
  );
}

export function UrgentBadge({ urgent }: { urgent: boolean }) {
  const t = useT();
  if (!urgent) return null;
  return (
    <PlainBadge color="red" variant="filled">
      {t("ticket.urgent")}
    </PlainBadge>
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
    <PlainBadge
      color={SLA_COLORS[slaState]}
      variant={alarm ? "filled" : "light"}
      data-sla={slaState}
      data-responded={ticket.respondedAt ? "yes" : "no"}
      title={`${t("ticket.responseDue")}: ${formatDateTime(ticket.responseDueAt)}`}
    >
      {text}
    </PlainBadge>
  );
}
