// The chart's styles, in the chunk of the screens that show one (checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/ColorSwatch.layer.css";
import "@mantine/charts/styles.layer.css";
import { BarChart } from "@mantine/charts";
import { Box } from "@mantine/core";
import type { HoursAxis } from "../../lib/hoursAxis";

export interface Series {
  name: string;
  label: string;
  color: string;
}

/** An axis label as the desk writes dates: a week's or a day's «2026-11-30» → «30/11», a month «2026-11» → «11/2026». */
export function axisLabel(value: unknown): string {
  const text = String(value);
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) return `${day[3]}/${day[2]}`;
  const month = /^(\d{4})-(\d{2})$/.exec(text);
  return month ? `${month[2]}/${month[1]}` : text;
}

/** A report's chart: Mantine bars (recharts underneath), its data also in the table below it. */
export function ReportChart({
  data,
  dataKey,
  series,
  label,
  stacked,
  hours,
}: {
  data: Record<string, string | number | null>[];
  dataKey: string;
  series: Series[];
  label: string;
  stacked?: boolean;
  /** Series of hours: their axis, its ticks and how a bar reads. */
  hours?: HoursAxis;
}) {
  return (
    <Box role="figure" aria-label={label} data-testid="report-chart" mb="lg">
      <BarChart
        h={260}
        data={data}
        dataKey={dataKey}
        series={series}
        type={stacked ? "stacked" : "default"}
        withLegend
        tickLine="y"
        gridAxis="y"
        // Counts of tickets, hours and scores: a tick at 0.25 tickets reads as nonsense.
        yAxisProps={{
          allowDecimals: false,
          ...(hours && { ticks: hours.ticks, domain: hours.domain, tickFormatter: hours.tick, interval: 0 }),
        }}
        valueFormatter={hours?.value}
        yAxisLabel={hours?.label}
        // Every bar named (up to a year of months), not one label in two as recharts thins them.
        xAxisProps={{ tickFormatter: axisLabel, interval: data.length <= 12 ? 0 : "preserveStartEnd" }}
      />
    </Box>
  );
}
