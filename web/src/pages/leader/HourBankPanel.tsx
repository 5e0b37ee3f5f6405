import { AreaChart } from "@mantine/charts";
import { ActionIcon, Box, Group, Modal, Table, Text } from "@mantine/core";
import { useState } from "react";
import { type HourBank, useHourBank } from "../../api/billing";
import { FigureCards } from "../../components/FigureCards";
import { QueryState } from "../../components/QueryState";
import { WideTable } from "../../components/WideTable";
import { useI18n, useT } from "../../i18n";
import { formatDate, formatMinutes } from "../../lib/format";
import { hoursAxis } from "../../lib/hoursAxis";

const hours = (minutes: number) => minutes / 60;

/**
 * Burn-down of the month: hours left at the end of each day, the bank as a dashed line on top and
 * zero below it (overage is the area under zero). Its figures are in the cards above it.
 */
function BurnDown({ bank }: { bank: HourBank }) {
  const { t, locale } = useI18n();
  // The whole month on the axis; days still to come have no value (the line stops at today).
  const [year, month] = bank.month.split("-").map(Number) as [number, number];
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const byDay = new Map(bank.burnDown.map((p) => [Number(p.date.slice(8, 10)), hours(p.leftMinutes)]));
  const data = Array.from({ length: days }, (_, i) => ({
    day: String(i + 1),
    left: byDay.get(i + 1) ?? null,
  }));
  // The bank's own line is always on the chart: recharts' own top could fall below it.
  const axis = hoursAxis(
    [...data.map((d) => d.left), hours(bank.includedMinutes)],
    locale,
    t("hourBank.axisHours"),
  );
  return (
    <Box role="figure" aria-label={t("hourBank.chart")} data-testid="burn-down">
      <AreaChart
        h={240}
        // Room above the top tick for the bank's label; Mantine's own margins for the axis names.
        areaChartProps={{ margin: { top: 16, bottom: 30, left: 10, right: 5 } }}
        data={data}
        dataKey="day"
        series={[{ name: "left", label: t("hourBank.left"), color: "blue.6" }]}
        curveType="linear"
        gridAxis="x"
        tickLine="y"
        valueFormatter={axis.value}
        yAxisLabel={axis.label}
        yAxisProps={{ ticks: axis.ticks, domain: axis.domain, tickFormatter: axis.tick, interval: 0 }}
        xAxisLabel={t("hourBank.axisDay")}
        referenceLines={[
          {
            y: hours(bank.includedMinutes),
            label: t("hourBank.included"),
            color: "gray.5",
            strokeDasharray: "4 4",
          },
          { y: 0, color: "gray.7" },
        ]}
      />
    </Box>
  );
}

function Figures({ bank }: { bank: HourBank }) {
  const figures = [
    ["hourBank.included", formatMinutes(bank.includedMinutes)],
    ["hourBank.used", formatMinutes(bank.usedMinutes)],
    ["hourBank.left", formatMinutes(bank.leftMinutes)],
    ["hourBank.overage", formatMinutes(bank.overageMinutes)],
  ] as const;
  return <FigureCards figures={figures} cols={{ base: 2, sm: 4 }} />;
}

/** "2026-11" moved by `delta` months. */
function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const i = y * 12 + (m - 1) + delta;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
}

/** «noviembre de 2026» / «November 2026». */
function monthName(month: string, locale: string): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const fmt = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" });
  return fmt.format(new Date(Date.UTC(y, m - 1, 1)));
}

/**
 * The month shown and the arrows to the ones before it: the server's own month (the business
 * calendar's) first, and never past it (its bank is not spent yet).
 */
function MonthPicker({
  shown,
  current,
  onPick,
}: {
  shown: string;
  current: string;
  onPick: (month: string) => void;
}) {
  const { t, locale } = useI18n();
  return (
    <Group gap="xs" mb="sm" data-testid="hour-bank-month">
      <ActionIcon
        variant="default"
        onClick={() => onPick(shiftMonth(shown, -1))}
        aria-label={t("calendar.prev")}
      >
        ‹
      </ActionIcon>
      <Text fw={600} miw={160} ta="center" aria-live="polite">
        {monthName(shown, locale)}
      </Text>
      <ActionIcon
        variant="default"
        disabled={shown >= current}
        onClick={() => onPick(shiftMonth(shown, 1))}
        aria-label={t("calendar.next")}
      >
        ›
      </ActionIcon>
    </Group>
  );
}

export function HourBankPanel({ contractId, onClose }: { contractId: string | null; onClose: () => void }) {
  const t = useT();
  const [picked, setPicked] = useState<{ contractId: string | null; month: string } | null>(null);
  // A month picked for one contract is not another's: each opens on the current month.
  const month = picked?.contractId === contractId ? picked.month : undefined;
  const current = useHourBank(contractId);
  const bank = useHourBank(contractId, month);
  const pick = (m: string) => setPicked({ contractId, month: m });
  return (
    <Modal
      opened={contractId !== null}
      onClose={onClose}
      size="xl"
      closeButtonProps={{ "aria-label": t("common.close") }}
      title={t("hourBank.title")}
    >
      {current.data && (
        <MonthPicker shown={month ?? current.data.month} current={current.data.month} onPick={pick} />
      )}
      <QueryState query={bank} gone={{ title: t("hourBank.gone.title"), message: t("hourBank.gone") }}>
        {bank.data && (
          <>
            <Figures bank={bank.data} />
            <BurnDown bank={bank.data} />
            <Text fw={600} mt="sm" mb="xs">
              {t("hourBank.tickets")}
            </Text>
            {bank.data.tickets.length === 0 ? (
              <Text c="dimmed">{t("hourBank.noTickets")}</Text>
            ) : (
              <WideTable minWidth={420}>
                <Table>
                  <Table.Tbody>
                    {bank.data.tickets.map((tk) => (
                      <Table.Tr key={tk.ticketId}>
                        <Table.Td>{tk.folio}</Table.Td>
                        <Table.Td>{tk.title}</Table.Td>
                        <Table.Td>{formatDate(tk.lastEntryAt)}</Table.Td>
                        <Table.Td>
                          <Group justify="flex-end">{formatMinutes(tk.billableMinutes)}</Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </WideTable>
            )}
          </>
        )}
      </QueryState>
    </Modal>
  );
}
