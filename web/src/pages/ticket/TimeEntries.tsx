import { Group, Paper, Stack, Table, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { Fragment, type ReactNode, useState } from "react";
import { useDeleteTimeEntry } from "../../api/tickets";
import { WideTable } from "../../components/WideTable";
import type { TicketDetail } from "../../contract";
import { useT } from "../../i18n";
import { formatDateTime, formatMinutes, zonedTime } from "../../lib/format";
import { RemoveWorkDialog } from "./RemoveWorkDialog";
import { TimeEntryEditDialog } from "./TimeEntryEditDialog";
import { WorkRowButtons } from "./WorkRowButtons";

type Entry = TicketDetail["timeEntries"][number];
interface RowProps {
  entry: Entry;
  /** The row's «Corregir» and «Eliminar», when the user may change it. */
  buttons: ReactNode;
}

const whenOf = (entry: Entry) =>
  entry.startedAt && entry.endedAt
    ? `${formatDateTime(entry.startedAt)}–${zonedTime(entry.endedAt)}`
    : formatDateTime(entry.createdAt);

/** On a phone (a technician on site) each entry is a card: a five-column table scrolled sideways there. */
function EntryCard({ entry, buttons }: RowProps) {
  const t = useT();
  return (
    <Paper withBorder p="xs" data-testid="time-entry">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" fw={600}>
          {formatMinutes(entry.minutes)} · {t(`mode.${entry.mode}`)}
        </Text>
        <Text size="xs" c="dimmed" ta="right">
          {whenOf(entry)}
        </Text>
      </Group>
      <Text size="xs" c="dimmed">
        {entry.userName}
      </Text>
      <Text size="sm" className="mesa-pre" mt={4}>
        {entry.activity}
      </Text>
      {buttons && (
        <Group justify="flex-end" mt={4}>
          {buttons}
        </Group>
      )}
    </Paper>
  );
}

function EntryRow({ entry, buttons, withActions }: RowProps & { withActions: boolean }) {
  const t = useT();
  return (
    <Table.Tr>
      {/* The day and the hours each whole, on two lines where the column is narrow (a 1366 px laptop). */}
      <Table.Td>
        {whenOf(entry)
          .split(" ")
          .map((part, i) => (
            <Fragment key={part}>
              {i > 0 && " "}
              <span className="mesa-nowrap">{part}</span>
            </Fragment>
          ))}
      </Table.Td>
      <Table.Td>{entry.userName}</Table.Td>
      <Table.Td>{t(`mode.${entry.mode}`)}</Table.Td>
      <Table.Td>{formatMinutes(entry.minutes)}</Table.Td>
      <Table.Td className="mesa-pre">{entry.activity}</Table.Td>
      {withActions && <Table.Td>{buttons}</Table.Td>}
    </Table.Tr>
  );
}

function EntriesTable({ rows, withActions }: { rows: RowProps[]; withActions: boolean }) {
  const t = useT();
  return (
    <WideTable minWidth={560}>
      <Table verticalSpacing="xs" data-testid="time-entries">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("time.when")}</Table.Th>
            <Table.Th>{t("time.who")}</Table.Th>
            <Table.Th>{t("time.mode")}</Table.Th>
            <Table.Th>{t("time.duration")}</Table.Th>
            <Table.Th>{t("time.activity")}</Table.Th>
            {withActions && <Table.Th>{t("common.actions")}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <EntryRow key={r.entry.id} {...r} withActions={withActions} />
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}

/**
 * The activities performed: who, when, mode, minutes and what was done. Rows the user may correct
 * (`correctable`: his own while the time is open, any for a senior) offer «Corregir» and «Eliminar».
 */
export function TimeEntries({
  ticket,
  correctable = () => false,
}: {
  ticket: TicketDetail;
  correctable?: (entry: Entry) => boolean;
}) {
  const t = useT();
  const narrow = useMediaQuery("(max-width: 36em)");
  const [editing, setEditing] = useState<Entry | null>(null);
  const [removing, setRemoving] = useState<Entry | null>(null);
  const remove = useDeleteTimeEntry(ticket.id);
  // The entry as the ticket has it now: after a refusal (someone corrected it meanwhile) the dialog
  // shows and removes the current one; gone meanwhile, there is nothing left to ask.
  const current = removing ? ticket.timeEntries.find((e) => e.id === removing.id) : undefined;
  if (ticket.timeEntries.length === 0) return <Text c="dimmed">{t("time.none")}</Text>;
  const rows: RowProps[] = ticket.timeEntries.map((entry) => ({
    entry,
    buttons: correctable(entry) ? (
      <WorkRowButtons
        label={`${formatMinutes(entry.minutes)} ${entry.activity.slice(0, 40)}`}
        onEdit={() => setEditing(entry)}
        onRemove={() => setRemoving(entry)}
      />
    ) : null,
  }));
  return (
    <Stack gap="xs">
      {narrow ? (
        <Stack gap="xs" data-testid="time-entries">
          {rows.map((r) => (
            <EntryCard key={r.entry.id} {...r} />
          ))}
        </Stack>
      ) : (
        <EntriesTable rows={rows} withActions={rows.some((r) => r.buttons)} />
      )}
      <Text size="sm" fw={600}>
        {t("time.total", { time: formatMinutes(ticket.rawMinutes) })}
      </Text>
      {editing && (
        <TimeEntryEditDialog ticketId={ticket.id} entry={editing} onClose={() => setEditing(null)} />
      )}
      {current && (
        <RemoveWorkDialog
          description={t("work.removeTime", {
            minutes: formatMinutes(current.minutes),
            activity: current.activity,
          })}
          done={t("work.removedTime")}
          busy={remove.isPending}
          remove={(handlers) => remove.mutate({ rowId: current.id, version: current.version }, handlers)}
          onClose={() => setRemoving(null)}
        />
      )}
    </Stack>
  );
}
