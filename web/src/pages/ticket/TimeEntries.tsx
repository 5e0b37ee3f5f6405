import { Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useDeleteTimeEntry } from "../../api/tickets";
import type { TicketDetail } from "../../contract";
import { useT } from "../../i18n";
import { formatDateTime, formatMinutes, zonedTime } from "../../lib/format";
import { RemoveWorkDialog } from "./RemoveWorkDialog";
import { TimeEntryEditDialog } from "./TimeEntryEditDialog";
import { WorkRowButtons } from "./WorkRowButtons";

type Entry = TicketDetail["timeEntries"][number];

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
  const [editing, setEditing] = useState<Entry | null>(null);
  const [removing, setRemoving] = useState<Entry | null>(null);
  const remove = useDeleteTimeEntry(ticket.id);
  const anyCorrectable = ticket.timeEntries.some(correctable);
  if (ticket.timeEntries.length === 0) return <Text c="dimmed">{t("time.none")}</Text>;
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="xs" data-testid="time-entries">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("time.when")}</Table.Th>
              <Table.Th>{t("time.who")}</Table.Th>
              <Table.Th>{t("time.mode")}</Table.Th>
              <Table.Th>{t("time.duration")}</Table.Th>
              <Table.Th>{t("time.activity")}</Table.Th>
              {anyCorrectable && <Table.Th>{t("common.actions")}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {ticket.timeEntries.map((entry) => (
              <Table.Tr key={entry.id}>
                <Table.Td className="mesa-nowrap">
                  {entry.startedAt && entry.endedAt
                    ? `${formatDateTime(entry.startedAt)}–${zonedTime(entry.endedAt)}`
                    : formatDateTime(entry.createdAt)}
                </Table.Td>
                <Table.Td>{entry.userName}</Table.Td>
                <Table.Td>{t(`mode.${entry.mode}`)}</Table.Td>
                <Table.Td>{formatMinutes(entry.minutes)}</Table.Td>
                <Table.Td className="mesa-pre">{entry.activity}</Table.Td>
                {anyCorrectable && (
                  <Table.Td>
                    {correctable(entry) && (
                      <WorkRowButtons
                        label={`${formatMinutes(entry.minutes)} ${entry.activity.slice(0, 40)}`}
                        onEdit={() => setEditing(entry)}
                        onRemove={() => setRemoving(entry)}
                      />
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" fw={600}>
        {t("time.total", { time: formatMinutes(ticket.rawMinutes) })}
      </Text>
      {editing && (
        <TimeEntryEditDialog ticketId={ticket.id} entry={editing} onClose={() => setEditing(null)} />
      )}
      {removing && (
        <RemoveWorkDialog
          description={t("work.removeTime", {
            minutes: formatMinutes(removing.minutes),
            activity: removing.activity,
          })}
          busy={remove.isPending}
          remove={(handlers) => remove.mutate({ rowId: removing.id, version: removing.version }, handlers)}
          onClose={() => setRemoving(null)}
        />
      )}
    </Stack>
  );
}
