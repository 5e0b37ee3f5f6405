/**
 * What is open on a given local day, in wall-clock minutes: the weekly hours minus
 * statutory holidays minus admin closures. Independent of time zones.
 */
import { type HolidayKey, statutoryHolidayDays } from "./holidays.js";
import { DAY_MINUTES, parseDate, parseTime } from "./time.js";
import type { CalendarConfig, TimeRange, Weekday } from "./types.js";

export interface ClosureSpan {
  from: number;
  to: number;
  reason: string;
  /** Whether the admin gave from/to, i.e. meant a partial day. */
  partial: boolean;
}

/** Flat sorted [start, end, start, end, …] wall minutes with touching ranges merged. */
export type WallRanges = number[];

function toWallRanges(ranges: readonly TimeRange[] | undefined): WallRanges {
  const parsed = (ranges ?? [])
    .map((r) => [parseTime(r.start) ?? 0, parseTime(r.end, true) ?? 0] as const)
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const flat: WallRanges = [];
  for (const [s, e] of parsed) {
    const last = flat.length - 1;
    if (last > 0 && s <= (flat[last] ?? 0)) flat[last] = Math.max(flat[last] ?? 0, e);
    else flat.push(s, e);
  }
  return flat;
}

function subtract(ranges: WallRanges, from: number, to: number): WallRanges {
  const out: WallRanges = [];
  for (let i = 0; i < ranges.length; i += 2) {
    const s = ranges[i] ?? 0;
    const e = ranges[i + 1] ?? 0;
    if (Math.min(e, from) > s) out.push(s, Math.min(e, from));
    if (e > Math.max(s, to)) out.push(Math.max(s, to), e);
  }
  return out;
}

export class DayRules {
  readonly weekly: readonly WallRanges[];
  readonly weeklyOpenMinutes: number;
  private readonly closures = new Map<number, ClosureSpan[]>();
  private readonly removed = new Set<number>();
  private readonly holidayYears = new Map<number, Map<number, HolidayKey>>();

  constructor(private readonly cfg: CalendarConfig) {
    const weekly: WallRanges[] = [[]];
    for (let wd = 1 as Weekday; wd <= 7; wd++) weekly.push(toWallRanges(cfg.weeklyHours[wd]));
    this.weekly = weekly;
    this.weeklyOpenMinutes = weekly.reduce((sum, r) => sum + sumRanges(r), 0);
    for (const c of cfg.closures) {
      const day = parseDate(c.date);
      if (day === null) continue;
      const span: ClosureSpan = {
        from: c.from === undefined ? 0 : (parseTime(c.from) ?? 0),
        to: c.to === undefined ? DAY_MINUTES : (parseTime(c.to, true) ?? DAY_MINUTES),
        reason: c.reason,
        partial: c.from !== undefined || c.to !== undefined,
      };
      const list = this.closures.get(day) ?? [];
      list.push(span);
      this.closures.set(day, list);
    }
    for (const d of cfg.removedHolidays) {
      const day = parseDate(d);
      if (day !== null) this.removed.add(day);
    }
  }

  /** The statutory holiday on that day, unless disabled or reopened by an admin. */
  holiday(day: number, year: number): HolidayKey | null {
    if (!this.cfg.statutoryHolidays || this.removed.has(day)) return null;
    let map = this.holidayYears.get(year);
    if (!map) {
      map = new Map(statutoryHolidayDays(year).map((h) => [h.day, h.key]));
      this.holidayYears.set(year, map);
    }
    return map.get(day) ?? null;
  }

  closuresOn(day: number): readonly ClosureSpan[] {
    return this.closures.get(day) ?? [];
  }

  /** Open wall ranges of a local day after holidays and closures. */
  openRanges(day: number, weekday: Weekday, year: number): WallRanges {
    let ranges = this.weekly[weekday] ?? [];
    if (ranges.length === 0 || this.holiday(day, year) !== null) return [];
    for (const c of this.closuresOn(day)) ranges = subtract(ranges, c.from, c.to);
    return ranges;
  }
}

export function sumRanges(ranges: WallRanges): number {
  let total = 0;
  for (let i = 0; i < ranges.length; i += 2) total += (ranges[i + 1] ?? 0) - (ranges[i] ?? 0);
  return total;
}
