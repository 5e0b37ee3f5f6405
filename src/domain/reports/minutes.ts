/**
 * Histograms of the report minutes (`report_minutes`, and summed by month: its rows of grain 'm'):
 * per local day, dimension value, kind × urgency and measure, how many tickets took a number of
 * minutes within each bucket, and their total. The medians and p90 of a range come from the summed
 * buckets: the bucket holding the rank answers the mean of its tickets — exact when they all took
 * the same minutes, always within the bucket: to the minute up to 1 h, to 15 min up to 24 h, to the
 * hour up to 160 h, to 8 h beyond. Counts up to an edge (the chart's bins, a category's estimate
 * when it is an edge) are exact.
 */
import type { ServiceKind } from "../../contract/tickets.js";
import { byMonth, dimKey, type FactTicket, netRows, type Summed } from "./facts.js";

export const MEASURES = ["response", "wall", "attended", "closed"] as const;
export type Measure = (typeof MEASURES)[number];

/** Above each limit the next width: [limit, width]; each limit is a multiple of the next width. */
const WIDTHS = [
  [60, 1],
  [1440, 15],
  [9600, 60],
] as const;
const LAST_WIDTH = 480;

/** The bucket of `minutes`: its upper edge (inclusive); the bucket below ends at the previous edge. */
export function bucketOf(minutes: number): number {
  const width = WIDTHS.find(([limit]) => minutes <= limit)?.[1] ?? LAST_WIDTH;
  return Math.ceil(minutes / width) * width;
}

/** Whether `minutes` is a bucket edge (a count "at most this many minutes" is then exact). */
export const isEdge = (minutes: number) => Number.isInteger(minutes) && bucketOf(minutes) === minutes;

/** The widths as the rebuild's SQL needs them (the same function as bucketOf). */
export const BUCKET_WIDTHS = { steps: WIDTHS, last: LAST_WIDTH } as const;

export const MINUTE_COUNTS = ["n", "total"] as const;
export type MinuteCount = (typeof MINUTE_COUNTS)[number];

export interface MinuteRow extends Summed<MinuteCount> {
  dim: "all" | "client" | "category" | "technician" | "channel";
  key: string;
  measure: Measure;
  service_kind: ServiceKind;
  urgent: number;
  bucket: number;
}

/** Response times are kept for every filter dimension; resolution times per category (its rows). */
const RESPONSE_DIMS = ["all", "client", "category", "technician", "channel"] as const;

/** A ticket's histogram rows: received (not cancelled) tickets, each measure it has reached. */
export function minuteRows(t: FactTicket): MinuteRow[] {
  if (t.status === "cancelled" || !t.report_day) return [];
  const day = t.report_day;
  const row = (dim: MinuteRow["dim"], measure: Measure, value: number): MinuteRow => ({
    day,
    dim,
    key: dimKey(t, dim),
    measure,
    service_kind: t.service_kind,
    urgent: t.urgent,
    bucket: bucketOf(value),
    counts: { n: 1, total: value },
  });
  const out: MinuteRow[] = [];
  if (t.response_minutes !== null && t.response_wall_minutes !== null) {
    for (const dim of RESPONSE_DIMS) {
      out.push(row(dim, "response", t.response_minutes), row(dim, "wall", t.response_wall_minutes));
    }
  }
  if (t.attended_minutes !== null) out.push(row("category", "attended", t.attended_minutes));
  if (t.closed_minutes !== null) out.push(row("category", "closed", t.closed_minutes));
  return out;
}

const minuteKey = (r: MinuteRow) =>
  [r.dim, r.key, r.measure, r.day, r.service_kind, r.urgent, r.bucket].join("\u0000");

/** after − before of the histogram rows. */
export const minuteDelta = (before: readonly MinuteRow[], after: readonly MinuteRow[]) =>
  netRows(before, after, minuteKey, MINUTE_COUNTS);

/** The same rows summed by month. */
export const minutesByMonth = (rows: readonly MinuteRow[]) => byMonth(rows, minuteKey, MINUTE_COUNTS);
