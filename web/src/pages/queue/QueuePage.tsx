// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/FloatingIndicator.layer.css";
import "@mantine/core/styles/Combobox.layer.css";
import "@mantine/core/styles/InlineInput.layer.css";
import "@mantine/core/styles/Card.layer.css";
import "@mantine/core/styles/Pill.layer.css";
import "@mantine/core/styles/PillsInput.layer.css";
import "@mantine/core/styles/SegmentedControl.layer.css";
import "@mantine/core/styles/SimpleGrid.layer.css";
import "@mantine/core/styles/Switch.layer.css";
import "@mantine/core/styles/Table.layer.css";
import { Group, SegmentedControl, Switch, Text } from "@mantine/core";
import { useState } from "react";
import { useTicketList } from "../../api/tickets";
import { PageHeader } from "../../components/PageHeader";
import { PlainButton } from "../../components/plain";
import { TicketList } from "../../components/TicketTable";
import type { TicketSummary } from "../../contract";
import { useT } from "../../i18n";
import { formatDateTime } from "../../lib/format";
import { apiFilters } from "./filterState";
import { LazyAssignDialog as AssignDialog } from "./LazyAssignDialog";
import { OpenQueueFilters } from "./QueueFilters";
import { useQueueFilters } from "./useQueueFilters";

export default function QueuePage() {
  const t = useT();
  const [filters, change] = useQueueFilters();
  const query = useTicketList(apiFilters(filters), { live: true });
  const [assigning, setAssigning] = useState<TicketSummary | null>(null);

  const action = (ticket: TicketSummary) =>
    ticket.availableActions.includes("assign") ? (
      <PlainButton variant={ticket.assigneeId ? "default" : "filled"} onClick={() => setAssigning(ticket)}>
        {ticket.assigneeId ? t("assign.reassign") : t("assign.action")}
      </PlainButton>
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
          value={filters.view}
          onChange={(v) => change({ ...filters, view: v === "open" ? "open" : "unassigned" }, true)}
          data={[
            { value: "unassigned", label: t("queue.unassigned") },
            { value: "open", label: t("queue.open") },
          ]}
        />
        {filters.view === "unassigned" && (
          <Switch
            label={t("queue.urgentOnly")}
            checked={filters.urgent}
            onChange={(e) => change({ ...filters, urgent: e.currentTarget.checked })}
          />
        )}
      </Group>
      {filters.view === "open" && <OpenQueueFilters state={filters} onChange={change} />}
      <Text size="xs" c="dimmed" mb="xs">
        {t("queue.order")}
      </Text>
      <TicketList query={query} action={action} empty={t("queue.empty")} />
      <AssignDialog ticket={assigning} onClose={() => setAssigning(null)} />
    </>
  );
}
