import { PlainBadge, PlainText } from "../../components/plain";
import type { ExtraColumn } from "../../components/TicketTable";
import type { Translate } from "../../i18n";
import { formatMinutes } from "../../lib/format";

/** Did the client accept the work: the review and closing queues' first question about a ticket. */
export const acceptanceColumn = (t: Translate): ExtraColumn => ({
  label: t("review.acceptanceCol"),
  cell: (ticket) =>
    ticket.acceptance ? (
      <PlainBadge color="teal" variant="light" data-testid="acceptance">
        {t("review.accepted", { via: t(`acceptance.via.${ticket.acceptance.via}`) })}
      </PlainBadge>
    ) : (
      <PlainBadge color="orange" variant="light" data-testid="acceptance">
        {t("review.notAccepted")}
      </PlainBadge>
    ),
});

/**
 * What the leader bills when closing: a póliza's hours or an event's, and the billable time (the
 * charges are on the ticket).
 */
export const billingColumns = (t: Translate): ExtraColumn[] => [
  {
    label: t("closing.kindCol"),
    cell: (ticket) => <PlainText size="sm">{t(`kind.${ticket.serviceKind}`)}</PlainText>,
  },
  {
    label: t("closing.billableCol"),
    cell: (ticket) => (
      <div data-testid="billable">
        <PlainText size="sm">{formatMinutes(ticket.billableMinutes)}</PlainText>
      </div>
    ),
  },
];
