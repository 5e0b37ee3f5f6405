/** Report periods: local dates in the calendar's zone turned into UTC instants (text, as stored). */
import { DateTime } from "luxon";
import { isoDay } from "../dates.js";

export type BucketSize = "week" | "month";

/** A half-open span of instants [start, end) as fixed-width ISO UTC text, and its local label. */
export interface Span {
  label: string;
  start: string;
  end: string;
}

const iso = (dt: DateTime) => dt.toUTC().toJSDate().toISOString();

/** The label of period `i` as the database answered it (an index into `spans`); outside them is a bug. */
export function spanLabel(spans: readonly Span[], i: number): string {
  const span = spans[i];
  if (!span) throw new RangeError(`No report period ${i} among ${spans.length}`);
  return span.label;
}

/** `from`..`to` inclusive local dates → [local midnight of from, local midnight after to). */
export function localRange(from: string, to: string, zone: string): Span {
  const start = DateTime.fromISO(from, { zone }).startOf("day");
  const end = DateTime.fromISO(to, { zone }).startOf("day").plus({ days: 1 });
  return { label: `${from}/${to}`, start: iso(start), end: iso(end) };
}

/**
 * The weeks (starting Monday) or calendar months that meet the range, clipped to it. Labels are
 * the local date a bucket starts on once clipped (weeks: a range from Tuesday 1 December has its
 * first week labelled 2026-12-01, not Monday 30 November, a day it does not count) or `YYYY-MM`.
 */
export function buckets(from: string, to: string, zone: string, size: BucketSize): Span[] {
  const first = DateTime.fromISO(from, { zone }).startOf("day");
  const last = DateTime.fromISO(to, { zone }).startOf("day").plus({ days: 1 });
  const out: Span[] = [];
  let cursor = size === "week" ? first.startOf("week") : first.startOf("month");
  while (cursor < last) {
    const next = cursor.plus(size === "week" ? { weeks: 1 } : { months: 1 });
    const start = DateTime.max(cursor, first);
    const end = DateTime.min(next, last);
    const label = size === "week" ? isoDay(start) : cursor.toFormat("yyyy-MM");
    out.push({ label, start: iso(start), end: iso(end) });
    cursor = next;
  }
  return out;
}

/** Local midnight of the day `nowMs` falls on, and of the Monday of its week (dashboard). */
export function todayAndWeek(nowMs: number, zone: string): { today: string; week: string } {
  const now = DateTime.fromMillis(nowMs, { zone });
  return { today: iso(now.startOf("day")), week: iso(now.startOf("week")) };
}

/** Local dates `from`..`to`, both included. */
export interface DayRange {
  from: string;
  to: string;
}

/**
 * Which rows of a summary answer the local dates `from`..`to` when periods end before each of
 * `ends` (the first local day after each period; none: one period): the monthly rows (by the first
 * day of their month) of every whole month inside the range that no period end splits, and the daily
 * rows of the days left, as ranges. A year by month reads 12 monthly rows per key, not 365.
 */
export function monthsAndDays(
  from: string,
  to: string,
  ends: readonly string[] = [],
): { months: string[]; days: DayRange[] } {
  const months: string[] = [];
  const days: DayRange[] = [];
  let dayStart: string | null = null;
  const utc = { zone: "utc" };
  let cursor = DateTime.fromISO(from, utc);
  const last = DateTime.fromISO(to, utc);
  while (cursor <= last) {
    const first = cursor.startOf("month");
    const end = first.endOf("month").startOf("day");
    const [ms, me] = [isoDay(first), isoDay(end)];
    const whole = ms >= from && me <= to && !ends.some((e) => e > ms && e <= me);
    if (whole) {
      if (dayStart) days.push({ from: dayStart, to: isoDay(cursor.minus({ days: 1 })) });
      dayStart = null;
      months.push(ms);
    } else dayStart ??= isoDay(cursor);
    cursor = DateTime.min(end, last).plus({ days: 1 });
  }
  if (dayStart) days.push({ from: dayStart, to });
  return { months, days };
}
