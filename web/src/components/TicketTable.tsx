import { Anchor, Card, Group, Stack, Table, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import type { ReactNode } from "react";
import { Link } from "react-router-dom";
import { refreshesBySelf } from "../api/query";
import type { TicketSummary } from "../contract";
import { useT } from "../i18n";
import { formatDateTime } from "../lib/format";
import { ReturnedBadge, SlaBadge, StatusBadge, UnknownSenderBadge, UrgentBadge } from "./Badges";
import { ListFooter } from "./ListFooter";
import { PlainGroup, PlainLink, PlainStack, PlainTd, PlainText, PlainTr } from "./plain";
import { QueryState } from "./QueryState";
import { type ListQuery, useSearchRounds } from "./useSearchRounds";
import { WideTable } from "./WideTable";

/** A column a list adds after the common ones (the review queue's acceptance and time). */
export interface ExtraColumn {
  label: string;
  cell: (ticket: TicketSummary) => ReactNode;
}

interface Props {
  tickets: TicketSummary[];
  action?: (ticket: TicketSummary) => ReactNode;
  extra?: ExtraColumn[];
  empty?: string;
  /**
   * A queue of one status (reviewed, to close): its status and response deadline say nothing there,
   * and on a laptop they pushed the columns that decide (acceptance, time to bill) off the right.
   */
  oneStatus?: boolean;
}

/** Plain elements with Mantine's look (plain.tsx): the queue shows 50 of these on its first render. */
function Row({
  ticket,
  action,
  extra = [],
  oneStatus,
}: Pick<Props, "action" | "extra" | "oneStatus"> & { ticket: TicketSummary }) {
  const t = useT();
  return (
    <PlainTr data-testid="ticket-row" data-folio={ticket.folio}>
      <PlainTd>
        <PlainLink to={`/tickets/${ticket.id}`} className="mesa-folio" fw={600}>
          {ticket.folio}
        </PlainLink>
      </PlainTd>
      <PlainTd>
        <PlainStack gap={2}>
          <PlainGroup gap={6}>
            <UrgentBadge urgent={ticket.urgent} />
            <UnknownSenderBadge unknown={ticket.unknownSender} />
            <ReturnedBadge by={ticket.returnedBy} />
            <PlainText size="sm" fw={500} clamp>
              {ticket.title}
            </PlainText>
          </PlainGroup>
          <PlainText size="xs" dimmed clamp>
            {ticket.clientName}
            {ticket.contactName ? ` · ${ticket.contactName}` : ""}
          </PlainText>
        </PlainStack>
      </PlainTd>
      {!oneStatus && (
        <PlainTd>
          <StatusBadge status={ticket.status} />
        </PlainTd>
      )}
      <PlainTd>
        <PlainText size="sm">{ticket.assigneeName ?? t("ticket.unassigned")}</PlainText>
      </PlainTd>
      {!oneStatus && (
        <PlainTd className="mesa-nowrap">
          <PlainText size="sm">{formatDateTime(ticket.responseDueAt)}</PlainText>
        </PlainTd>
      )}
      <PlainTd className="mesa-nowrap">
        <SlaBadge ticket={ticket} />
      </PlainTd>
      {extra.map((c) => (
        <PlainTd key={c.label}>{c.cell(ticket)}</PlainTd>
      ))}
      {action && <PlainTd>{action(ticket)}</PlainTd>}
    </PlainTr>
  );
}

export function TicketTable({ tickets, action, extra = [], empty, oneStatus }: Props) {
  const t = useT();
  if (tickets.length === 0) {
    return (
      <Text c="dimmed" py="lg" ta="center" data-testid="empty-list">
        {empty ?? t("list.empty")}
      </Text>
    );
  }
  return (
    <WideTable minWidth={860}>
      <Table striped highlightOnHover verticalSpacing="xs" data-testid="ticket-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("ticket.folio")}</Table.Th>
            <Table.Th>{t("ticket.title")}</Table.Th>
            {!oneStatus && <Table.Th>{t("ticket.status")}</Table.Th>}
            <Table.Th>{t("ticket.assignee")}</Table.Th>
            {!oneStatus && <Table.Th>{t("ticket.responseDue")}</Table.Th>}
            <Table.Th>{t("ticket.sla")}</Table.Th>
            {extra.map((c) => (
              <Table.Th key={c.label}>{c.label}</Table.Th>
            ))}
            {action && <Table.Th>{t("common.actions")}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tickets.map((ticket) => (
            <Row key={ticket.id} ticket={ticket} action={action} extra={extra} oneStatus={oneStatus} />
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}

/** Cards for narrow screens: every list on a phone, where a table's status and deadline fall off the right. */
export function TicketCards({
  tickets,
  empty,
  action,
  extra = [],
  showAssignee,
}: Props & { showAssignee?: boolean }) {
  const t = useT();
  if (tickets.length === 0) {
    return (
      <Text c="dimmed" py="lg" ta="center" data-testid="empty-list">
        {empty ?? t("list.empty")}
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      {tickets.map((ticket) => (
        <Card
          key={ticket.id}
          withBorder
          padding="sm"
          className="mesa-card-link"
          data-testid="ticket-card"
          data-folio={ticket.folio}
        >
          <Group justify="space-between" wrap="nowrap">
            <Anchor component={Link} to={`/tickets/${ticket.id}`} fw={700} className="mesa-folio">
              {ticket.folio}
            </Anchor>
            <StatusBadge status={ticket.status} />
          </Group>
          <Group gap={6} mt={4} wrap="nowrap">
            <UrgentBadge urgent={ticket.urgent} />
            <UnknownSenderBadge unknown={ticket.unknownSender} />
            <ReturnedBadge by={ticket.returnedBy} />
            <Text fw={500} lineClamp={2}>
              {ticket.title}
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            {ticket.clientName}
            {showAssignee ? ` · ${ticket.assigneeName ?? t("ticket.unassigned")}` : ""}
          </Text>
          <Group justify="space-between" mt={6}>
            <Text size="xs" c="dimmed">
              {t("ticket.responseDue")}: {formatDateTime(ticket.responseDueAt)}
            </Text>
            <SlaBadge ticket={ticket} />
          </Group>
          {extra.length > 0 && (
            <Group gap="xs" mt={6}>
              {extra.map((c) => (
                <Group key={c.label} gap={4}>
                  <Text size="xs" c="dimmed">
                    {c.label}:
                  </Text>
                  {c.cell(ticket)}
                </Group>
              ))}
            </Group>
          )}
          {action && (
            // Above the card's stretched link, so the button is pressed and the card not opened.
            <Group justify="flex-end" mt={6} className="mesa-card-action">
              {action(ticket)}
            </Group>
          )}
        </Card>
      ))}
    </Stack>
  );
}

export function flatten(query: ListQuery): TicketSummary[] {
  return query.data?.pages.flatMap((p) => p.items) ?? [];
}

/**
 * A paged ticket list: loading/error states, the table (or cards) and "load more". A search cut short
 * (`partial`) goes on by itself for a while (useSearchRounds); until it ends, an empty list is "still
 * searching", never "no tickets".
 */
export function TicketList({
  query,
  cards,
  ...props
}: Omit<Props, "tickets"> & { query: ListQuery; cards?: boolean }) {
  const tickets = flatten(query);
  const round = useSearchRounds(query);
  // On a phone every list is cards (a table there hid the status and the time left off-screen).
  const narrow = useMediaQuery("(max-width: 36em)");
  const list =
    (cards ?? narrow) ? (
      <TicketCards tickets={tickets} showAssignee={!cards} {...props} />
    ) : (
      <TicketTable tickets={tickets} {...props} />
    );
  return (
    <QueryState query={query}>
      {(tickets.length > 0 || round.state === "paging") && list}
      <ListFooter
        round={round}
        hasNextPage={query.hasNextPage}
        loading={query.isFetchingNextPage}
        more={round.more}
        notLive={!refreshesBySelf(query.data?.pages)}
      />
    </QueryState>
  );
}
