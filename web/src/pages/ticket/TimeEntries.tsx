import { Stack, Table, Text } from "@mantine/core";
import type { TicketDetail } from "../../contract";
import { useT } from "../../i18n";
import { formatDateTime, formatMinutes, zonedTime } from "../../lib/format";

/** The activities performed: who, when, mode, minutes and what was done. */
export function TimeEntries({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
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
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="sm" fw={600}>
        {t("time.total", { time: formatMinutes(ticket.rawMinutes) })}
      </Text>
    </Stack>
  );
}
