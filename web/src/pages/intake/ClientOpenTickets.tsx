import { Anchor, Button, Group, Stack, Table, Text } from "@mantine/core";
import { useId, useState } from "react";
import { Link } from "react-router-dom";
import { type TicketSummary, useTicketFirstPage } from "../../api/tickets";
import { StatusBadge } from "../../components/Badges";
import { useT } from "../../i18n";
import { formatDateTime } from "../../lib/format";
import { slaAlarm } from "../../lib/sla";
import { OPEN_STATUSES, readFilters, writeFilters } from "../queue/filterState";

/** Enough for "¿cómo va mi folio?"; the rest are in the queue, one link away. */
const SHOWN = 10;

/** The all-open queue filtered by this client, as its own filters write the address. */
function queueOfClient(clientId: string): string {
  const filters = writeFilters({ ...readFilters(new URLSearchParams()), view: "open", clientId });
  return `/queue?${new URLSearchParams(filters)}`;
}

function OpenTicketRow({ ticket }: { ticket: TicketSummary }) {
  const t = useT();
  return (
    <Table.Tr data-testid="client-open-ticket" data-folio={ticket.folio}>
      <Table.Td className="mesa-nowrap">
        <Anchor component={Link} to={`/tickets/${ticket.id}`} size="sm" fw={600} className="mesa-folio">
          {ticket.folio}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Text size="sm" truncate="end" title={ticket.title}>
          {ticket.title}
        </Text>
      </Table.Td>
      <Table.Td>
        <StatusBadge status={ticket.status} />
      </Table.Td>
      <Table.Td>
        <Text size="sm" truncate="end">
          {ticket.assigneeName ?? t("ticket.unassigned")}
        </Text>
      </Table.Td>
      <Table.Td className="mesa-nowrap">
        {/* An unanswered breach in red: the caller is probably calling about that one. */}
        <Text size="sm" c={slaAlarm(ticket) ? "red" : undefined}>
          {formatDateTime(ticket.responseDueAt)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** Some six rows high: ten would push the subject below the fold of a laptop. */
const LIST_HEIGHT = { maxHeight: "14rem", overflowY: "auto" } as const;

/** Compact and fixed in width (the title gives way), so it fits beside the navigation at 1024 px. */
function OpenTicketTable({ id, tickets }: { id: string; tickets: TicketSummary[] }) {
  const t = useT();
  return (
    <div id={id} style={LIST_HEIGHT}>
      <Table
        layout="fixed"
        verticalSpacing={4}
        horizontalSpacing="xs"
        fz="sm"
        aria-label={t("intake.openTickets.label")}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={135}>{t("ticket.folio")}</Table.Th>
            <Table.Th>{t("ticket.title")}</Table.Th>
            <Table.Th w={120}>{t("ticket.status")}</Table.Th>
            <Table.Th w={130}>{t("ticket.assignee")}</Table.Th>
            <Table.Th w={135}>{t("ticket.responseDue")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tickets.map((ticket) => (
            <OpenTicketRow key={ticket.id} ticket={ticket} />
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}

/**
 * The caller's client's open tickets, most urgent first (the queue's order), so a call about one
 * ("¿cómo va mi folio?") is answered or opened instead of filed twice. It can be folded away; it
 * never takes the focus from the subject.
 */
export function ClientOpenTickets({ clientId }: { clientId: string }) {
  const t = useT();
  const id = useId();
  const [open, setOpen] = useState(true);
  const list = useTicketFirstPage({ clientId, status: OPEN_STATUSES, limit: SHOWN });
  if (list.isError)
    return (
      <Text size="sm" c="dimmed">
        {t("intake.openTickets.error")}
      </Text>
    );
  const tickets = list.data?.items;
  if (!tickets) return null;
  if (tickets.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="client-open-tickets">
        {t("intake.openTickets.none")}
      </Text>
    );
  }
  const count = list.data?.nextCursor ? `${tickets.length}+` : String(tickets.length);
  return (
    <Stack gap={4} data-testid="client-open-tickets">
      <Group justify="space-between" gap="xs">
        <Button
          variant="subtle"
          size="compact-sm"
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen((shown) => !shown)}
        >
          {open ? "▾" : "▸"} {t("intake.openTickets", { count })}
        </Button>
        <Anchor component={Link} to={queueOfClient(clientId)} size="sm">
          {t("intake.openTickets.all")}
        </Anchor>
      </Group>
      {open && <OpenTicketTable id={id} tickets={tickets} />}
    </Stack>
  );
}
