import { Button, Group, MultiSelect, Select, SimpleGrid, Switch } from "@mantine/core";
import { ClientPicker } from "../../components/ClientPicker";
import type { TicketStatus } from "../../contract";
import { type MessageKey, useT } from "../../i18n";
import { useAssigneeOptions } from "../../lib/assigneeOptions";
import { pickerSearch } from "../../lib/pickerSearch";
import { hasOpenFilters, OPEN_STATUS_LIST, type QueueFilterState } from "./filterState";

interface Props {
  state: QueueFilterState;
  onChange: (next: QueueFilterState) => void;
}

const CLEARED = {
  urgent: false,
  breached: false,
  unassigned: false,
  clientId: null,
  assigneeId: null,
  statuses: [],
};

function FilterSwitches({ state, onChange }: Props) {
  const t = useT();
  const toggle = (key: "urgent" | "breached" | "unassigned", label: MessageKey) => (
    <Switch
      label={t(label)}
      checked={state[key]}
      onChange={(e) =>
        onChange({
          ...state,
          [key]: e.currentTarget.checked,
          ...(key === "unassigned" ? { assigneeId: null } : {}),
        })
      }
    />
  );
  return (
    <Group gap="lg" mb="sm">
      {toggle("urgent", "queue.urgentOnly")}
      {toggle("breached", "queue.breachedOnly")}
      {toggle("unassigned", "queue.unassignedOnly")}
      {hasOpenFilters(state) && (
        <Button size="compact-sm" variant="subtle" onClick={() => onChange({ ...state, ...CLEARED })}>
          {t("queue.clearFilters")}
        </Button>
      )}
    </Group>
  );
}

/** Filters of the all-open queue: overdue, urgent, client, technician or unassigned, statuses. */
export function OpenQueueFilters({ state, onChange }: Props) {
  const t = useT();
  const assigneeOptions = useAssigneeOptions();
  const set = (patch: Partial<QueueFilterState>) => onChange({ ...state, ...patch });
  return (
    <fieldset className="mesa-fieldset" data-testid="queue-filters" aria-label={t("queue.filters")}>
      <FilterSwitches state={state} onChange={onChange} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <ClientPicker
          label={t("ticket.client")}
          placeholder={t("queue.anyClient")}
          value={state.clientId}
          onChange={(v) => set({ clientId: v })}
          clearable
        />
        <Select
          label={t("ticket.assignee")}
          placeholder={state.unassigned ? t("ticket.unassigned") : t("queue.anyAssignee")}
          data={assigneeOptions}
          value={state.unassigned ? null : state.assigneeId}
          onChange={(v) => set({ assigneeId: v })}
          disabled={state.unassigned}
          {...pickerSearch(t)}
          clearable
        />
        <MultiSelect
          label={t("queue.statuses")}
          placeholder={state.statuses.length ? undefined : t("queue.allOpen")}
          data={OPEN_STATUS_LIST.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={state.statuses}
          onChange={(v) => set({ statuses: v as TicketStatus[] })}
          clearable
        />
      </SimpleGrid>
    </fieldset>
  );
}
