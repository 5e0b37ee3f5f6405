import { Alert, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { type TicketRate, useTicketRate } from "../../api/billing";
import { QueryState } from "../../components/QueryState";
import type { Role, TicketDetail } from "../../contract";
import { type MessageKey, type Translate, useT } from "../../i18n";
import { formatDateTime, formatMoney } from "../../lib/format";
import { hasRole } from "../../lib/roles";
import { RateOverrideDialog } from "./RateOverrideDialog";

/** Who sees an event ticket's rate and may override it (the server has the last word). */
export const canOverrideRate = (roles: readonly Role[], ticket: TicketDetail) =>
  ticket.serviceKind === "event" && hasRole(roles, "sales", "leader", "admin");

/** Where the rate came from: the override, or the price-list rule that matched. */
function sourceText(t: Translate, rate: TicketRate): string {
  const mode = rate.mode ? t(`mode.${rate.mode}` as MessageKey) : "";
  return t(`ticketRate.source.${rate.source}` as MessageKey, { category: rate.category ?? "", mode });
}

/** What an override does to the ticket's invoice: re-prices a draft; an issued one stays. */
function InvoiceNote({ invoice }: { invoice: TicketRate["invoice"] }) {
  const t = useT();
  if (!invoice || invoice.status === "cancelled") return null;
  if (invoice.status === "draft") {
    return (
      <Text size="sm" c="dimmed">
        {t("ticketRate.draftFollows", { folio: invoice.folio })}
      </Text>
    );
  }
  return (
    <Alert color="yellow" p="xs" data-testid="rate-invoice-issued">
      {t("ticketRate.issuedStays", { folio: invoice.folio })}
    </Alert>
  );
}

function RateBody({ rate }: { rate: TicketRate }) {
  const t = useT();
  const [editing, setEditing] = useState(false);
  const last = rate.source === "override" ? rate.history[0] : undefined;
  return (
    <Stack gap="xs">
      <Group justify="space-between" align="flex-start">
        <div>
          <Text fw={600} size="lg" data-testid="ticket-rate-amount">
            {rate.hourlyRateCents === null ? t("ticketRate.none") : formatMoney(rate.hourlyRateCents)}
          </Text>
          <Text size="sm" data-testid="ticket-rate-source">
            {sourceText(t, rate)}
          </Text>
        </div>
        <Button variant="light" onClick={() => setEditing(true)}>
          {t("ticketRate.change")}
        </Button>
      </Group>
      {last && (
        <Text size="sm" c="dimmed" className="mesa-pre">
          {t("ticketRate.lastChange", {
            who: last.actorName ?? t("history.system"),
            when: formatDateTime(last.at),
            reason: last.reason,
          })}
        </Text>
      )}
      <InvoiceNote invoice={rate.invoice} />
      {editing && (
        <RateOverrideDialog
          ticketId={rate.ticketId}
          cents={rate.hourlyRateCents}
          onClose={() => setEditing(false)}
        />
      )}
    </Stack>
  );
}

/** Ventas, leaders and admins: the hourly rate an event ticket is billed at, and its override. */
export function RatePanel({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const rate = useTicketRate(ticket.id);
  return (
    <Paper withBorder p="md" data-testid="ticket-rate">
      <Title order={3} size="h5" mb="xs">
        {t("ticketRate.title")}
      </Title>
      <QueryState query={rate}>{rate.data && <RateBody rate={rate.data} />}</QueryState>
    </Paper>
  );
}
