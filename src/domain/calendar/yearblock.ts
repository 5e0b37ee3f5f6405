/**
 * Per-year lookup tables: every open interval of a local calendar year as UTC ms, with a
 * prefix sum of open time. Deadline arithmetic is then two binary searches per year touched.
 */
import type { DayRules } from "./rules.js";
import { DAY_MS, daysFromCivil, isoWeekday, MINUTE_MS } from "./time.js";
import type { ZoneConverter } from "./zone.js";

export interface YearBlock {
  readonly year: number;
  /** Day number of local 1 January. */
  readonly firstDay: number;
  readonly dayCount: number;
  /** dayStart[i] = instant of local midnight of day firstDay + i; dayStart[dayCount] = next year's. */
  readonly dayStart: Float64Array;
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  /** cum[i] = open ms before interval i; cum[count] = total. */
  readonly cum: Float64Array;
  readonly count: number;
  readonly total: number;
  readonly utcStart: number;
  readonly utcEnd: number;
}

function dayStarts(zone: ZoneConverter, firstDay: number, dayCount: number): Float64Array {
  const out = new Float64Array(dayCount + 1);
  let prev = zone.toUtc(firstDay * DAY_MS);
  let prevOffset = zone.offset(prev);
  out[0] = prev;
  for (let i = 1; i <= dayCount; i++) {
    // Same offset 24 h later means no transition in between (zones change at most once a
    // day), so one Luxon call per day instead of a full conversion.
    const guess = prev + DAY_MS;
    const offset = zone.offset(guess);
    prev = offset === prevOffset ? guess : zone.toUtc((firstDay + i) * DAY_MS);
    prevOffset = offset === prevOffset ? offset : zone.offset(prev);
    out[i] = prev;
  }
  return out;
}

export function buildYearBlock(rules: DayRules, zone: ZoneConverter, year: number): YearBlock {
  const firstDay = daysFromCivil(year, 1, 1);
  const dayCount = daysFromCivil(year + 1, 1, 1) - firstDay;
  const dayStart = dayStarts(zone, firstDay, dayCount);
  const starts: number[] = [];
  const ends: number[] = [];
  let lastEnd = -Infinity;
  for (let i = 0; i < dayCount; i++) {
    const dayBegin = starts.length;
    const day = firstDay + i;
    const ranges = rules.openRanges(day, isoWeekday(day), year);
    if (ranges.length === 0) continue;
    const midnight = dayStart[i] ?? 0;
    // Days without an offset change are exactly 24 h long: wall minutes map linearly.
    const uniform = (dayStart[i + 1] ?? 0) - midnight === DAY_MS;
    const toUtc = (m: number): number =>
      uniform ? midnight + m * MINUTE_MS : zone.toUtc(day * DAY_MS + m * MINUTE_MS);
    for (let r = 0; r < ranges.length; r += 2) {
      const s = Math.max(toUtc(ranges[r] ?? 0), lastEnd);
      const e = toUtc(ranges[r + 1] ?? 0);
      if (e <= s) continue;
      // Ranges that touch after conversion (e.g. across a DST gap) become one interval.
      if (s === lastEnd && dayBegin !== starts.length) ends[ends.length - 1] = e;
      else {
        starts.push(s);
        ends.push(e);
      }
      lastEnd = e;
    }
  }
  return finishBlock(year, firstDay, dayCount, dayStart, starts, ends);
}

function finishBlock(
  year: number,
  firstDay: number,
  dayCount: number,
  dayStart: Float64Array,
  starts: number[],
  ends: number[],
): YearBlock {
  const count = starts.length;
  const cum = new Float64Array(count + 1);
  for (let i = 0; i < count; i++) cum[i + 1] = (cum[i] ?? 0) + (ends[i] ?? 0) - (starts[i] ?? 0);
  return {
    year,
    firstDay,
    dayCount,
    dayStart,
    starts: Float64Array.from(starts),
    ends: Float64Array.from(ends),
    cum,
    count,
    total: cum[count] ?? 0,
    utcStart: dayStart[0] ?? 0,
    utcEnd: dayStart[dayCount] ?? 0,
  };
}
