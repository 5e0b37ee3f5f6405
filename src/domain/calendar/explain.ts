/** Human-facing views: why a deadline falls where it does, and which days are closed. */
import { addBusinessMinutes, firstEndAfter } from "./arithmetic.js";
import { type BusinessCalendar, type CompiledCalendar, compiled } from "./calendar.js";
import { type HolidayKey, mexicanStatutoryHolidays } from "./holidays.js";
import type { ClosureSpan, WallRanges } from "./rules.js";
import {
  DAY_MINUTES,
  DAY_MS,
  daysFromCivil,
  daysInMonth,
  formatDate,
  formatTime,
  isoWeekday,
  MINUTE_MS,
  parseTime,
  yearOfDay,
} from "./time.js";
import type { DeadlineExplanation, SkippedDay } from "./types.js";

function overlapsWall(ranges: WallRanges, from: number, to: number): boolean {
  for (let i = 0; i < ranges.length; i += 2) {
    if ((ranges[i] ?? 0) < to && (ranges[i + 1] ?? 0) > from) return true;
  }
  return false;
}

const isWholeDay = (c: ClosureSpan): boolean => !c.partial || (c.from === 0 && c.to === DAY_MINUTES);

/**
 * Why a local day is (partly) closed; [] for a regular open day. A holiday wins over an admin
 * closure, which wins over the weekly schedule, because that is the most specific reason.
 */
export function describeDay(c: CompiledCalendar, day: number, onlyEffective = true): SkippedDay[] {
  const date = formatDate(day);
  const weekday = isoWeekday(day);
  const holiday = c.rules.holiday(day, yearOfDay(day));
  if (holiday !== null) return [{ date, kind: "holiday", holiday }];
  const closures = c.rules.closuresOn(day);
  const whole = closures.find(isWholeDay);
  if (whole) return [{ date, kind: "closure", reason: whole.reason }];
  const weekly = c.rules.weekly[weekday] ?? [];
  if (weekly.length === 0) return [{ date, kind: weekday >= 6 ? "weekend" : "closed_day", weekday }];
  return closures
    .filter((cl) => !onlyEffective || overlapsWall(weekly, cl.from, cl.to))
    .map((cl) => ({
      date,
      kind: "closure",
      reason: cl.reason,
      from: formatTime(cl.from),
      to: formatTime(cl.to),
    }));
}

/** Local day number containing an instant. */
export function localDayOf(c: CompiledCalendar, ms: number): number {
  const b = c.blockAt(ms);
  let lo = 0;
  let hi = b.dayCount;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((b.dayStart[mid] ?? 0) <= ms) lo = mid;
    else hi = mid - 1;
  }
  return b.firstDay + lo;
}

/** UTC span of a skipped entry: the whole local day, or the closed part of it. */
function spanOf(c: CompiledCalendar, day: number, entry: SkippedDay): [number, number] {
  const from = entry.from === undefined ? 0 : (parseTime(entry.from) ?? 0);
  const to = entry.to === undefined ? DAY_MINUTES : (parseTime(entry.to, true) ?? DAY_MINUTES);
  return [c.zone.toUtc(day * DAY_MS + from * MINUTE_MS), c.zone.toUtc(day * DAY_MS + to * MINUTE_MS)];
}

function skippedBetween(c: CompiledCalendar, fromMs: number, dueAt: number): SkippedDay[] {
  const out: SkippedDay[] = [];
  const last = localDayOf(c, dueAt);
  for (let day = localDayOf(c, fromMs); day <= last; day++) {
    for (const entry of describeDay(c, day)) {
      const [s, e] = spanOf(c, day, entry);
      if (s < dueAt && e > fromMs) out.push(entry);
    }
  }
  return out;
}

function countedIntervals(
  c: CompiledCalendar,
  fromMs: number,
  dueAt: number,
): DeadlineExplanation["intervals"] {
  const out: DeadlineExplanation["intervals"] = [];
  let b = c.blockAt(fromMs);
  let i = firstEndAfter(b, fromMs);
  while (b.utcStart < dueAt) {
    if (i >= b.count) {
      b = c.block(b.year + 1);
      i = 0;
      continue;
    }
    const start = Math.max(b.starts[i] ?? 0, fromMs);
    const end = Math.min(b.ends[i] ?? 0, dueAt);
    if (start >= dueAt) break;
    if (end > start) out.push({ start, end, minutes: (end - start) / MINUTE_MS });
    i++;
  }
  return out;
}

export function explainDeadline(cal: BusinessCalendar, fromMs: number, minutes: number): DeadlineExplanation {
  const c = compiled(cal);
  const dueAt = addBusinessMinutes(c, fromMs, minutes);
  return { dueAt, intervals: countedIntervals(c, fromMs, dueAt), skipped: skippedBetween(c, fromMs, dueAt) };
}

/** Every closed or partly closed day of a month, for the admin month view. */
export function closedDaysInMonth(cal: BusinessCalendar, year: number, month: number): SkippedDay[] {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Not a year and month: ${year}-${month}`);
  }
  const c = compiled(cal);
  const first = daysFromCivil(year, month, 1);
  const out: SkippedDay[] = [];
  for (let d = first; d < first + daysInMonth(year, month); d++) out.push(...describeDay(c, d, false));
  return out;
}

/** Local calendar date ("YYYY-MM-DD") of an instant in the calendar's time zone. */
export function localDateOf(cal: BusinessCalendar, ms: number): string {
  return formatDate(localDayOf(compiled(cal), ms));
}

/** Generated statutory holidays of a year, flagging those an admin reopened. */
export function holidaysInYear(
  cal: BusinessCalendar,
  year: number,
): { date: string; key: HolidayKey; removed: boolean }[] {
  const c = compiled(cal);
  if (!c.config.statutoryHolidays) return [];
  const removed = new Set(c.config.removedHolidays);
  return mexicanStatutoryHolidays(year).map((h) => ({ ...h, removed: removed.has(h.date) }));
}
