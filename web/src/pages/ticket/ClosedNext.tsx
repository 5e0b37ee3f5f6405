import { Anchor, Button, Group, Paper, Stack, Text } from "@mantine/core";
import { Link } from "react-router-dom";
import { useTicketRate } from "../../api/billing";
import { useTicketFirstPage } from "../../api/tickets";
import type { TicketDetail } from "../../contract";
import { useT } from "../../i18n";
import { formatMoney } from "../../lib/format";

/** The draft an event ticket's close made (SPEC: billed per event), with a way to it in «Facturación». */
function DraftMade({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const rate = useTicketRate(ticket.id);
  const invoice = rate.data?.invoice;
  if (!invoice || invoice.status === "cancelled") return null;
  return (
    <Text size="sm" data-testid="closed-invoice">
      {t("closedNext.draft", { folio: invoice.folio, total: formatMoney(invoice.totalCents) })}{" "}
      <Anchor component={Link} to={`/billing?client=${ticket.clientId}&invoice=${invoice.id}`}>
        {t("closedNext.openInvoice")}
      </Anchor>
    </Text>
  );
}

/**
 * After a leader closes a ticket here: what came of it (its billing status, the event's draft) and the
 * next reviewed ticket waiting to be closed, so closing a morning's tickets is not a trip back to
 * the closing queue for each.
 */
export function ClosedNext({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const waiting = useTicketFirstPage({ status: "reviewed", limit: 2 });
  const next = waiting.data?.items.find((i) => i.id !== ticket.id);
  return (
    <Paper withBorder p="md" bg="teal.0" data-testid="closed-next">
      <Stack gap="xs">
        <Text fw={600}>
          {t("closedNext.done", { folio: ticket.folio, billing: t(`billing.${ticket.billingStatus}`) })}
        </Text>
        {ticket.serviceKind === "event" && <DraftMade ticket={ticket} />}
        {waiting.isSuccess && (
          <Group gap="sm">
            {next ? (
              <Button component={Link} to={`/tickets/${next.id}`} data-testid="close-next">
                {t("closedNext.next", { folio: next.folio, client: next.clientName })}
              </Button>
            ) : (
              <Text size="sm" c="dimmed">
                {t("closedNext.none")}
              </Text>
            )}
            <Anchor component={Link} to="/closing" size="sm">
              {t("closedNext.queue")}
            </Anchor>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
