import { Button, Group, SegmentedControl, Switch, Text } from "@mantine/core";
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { type TicketFilters, useTicketList } from "../../api/tickets";
import { PageHeader } from "../../components/PageHeader";
import { TicketList } from "../../components/TicketTable";
import type { Ticket } from "../../contract";
import { useT } from "../../i18n";
import { formatDateTime } from "../../lib/format";
import { AssignDialog } from "./AssignDialog";

export const OPEN_STATUSES = "new,assigned,in_progress,attended,reviewed";

function filtersFor(view: string, urgentOnly: boolean): TicketFilters {
  const base: TicketFilters =
    view === "unassigned"
      ? { unassigned: "true", status: "new,assigned,in_progress" }
      : { status: OPEN_STATUSES };
  return urgentOnly ? { ...base, urgent: "true" } : base;
}

export default function QueuePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const view = params.get("view") === "open" ? "open" : "unassigned";
  const [urgentOnly, setUrgentOnly] = useState(false);
  const query = useTicketList(filtersFor(view, urgentOnly), { live: true });
  const [assigning, setAssigning] = useState<Ticket | null>(null);

  const action = (ticket: Ticket) =>
    ticket.availableActions.includes("assign") ? (
      <Button
        size="xs"
        variant={ticket.assigneeId ? "default" : "filled"}
        onClick={() => setAssigning(ticket)}
      >
        {ticket.assigneeId ? t("assign.reassign") : t("assign.action")}
      </Button>
    ) : null;

  return (
    <>
      <PageHeader
        title={t("queue.title")}
        subtitle={
          query.dataUpdatedAt
            ? t("queue.updated", { at: formatDateTime(new Date(query.dataUpdatedAt)) })
            : undefined
        }
      />
      <Group mb="md" justify="space-between">
        <SegmentedControl
          value={view}
          onChange={(v) => setParams({ view: v })}
          data={[
            { value: "unassigned", label: t("queue.unassigned") },
            { value: "open", label: t("queue.open") },
          ]}
        />
        <Switch
          label={t("queue.urgentOnly")}
          checked={urgentOnly}
          onChange={(e) => setUrgentOnly(e.currentTarget.checked)}
        />
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {t("queue.order")}
      </Text>
      <TicketList query={query} action={action} empty={t("queue.empty")} />
      <AssignDialog ticket={assigning} onClose={() => setAssigning(null)} />
    </>
  );
}
