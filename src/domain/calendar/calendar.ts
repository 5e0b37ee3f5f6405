import { DayRules } from "./rules.js";
import { DAY_MS, yearOfDay } from "./time.js";
import { type CalendarConfig, CalendarConfigError, CalendarRangeError, deepFreeze } from "./types.js";
import { validateCalendarConfig } from "./validate.js";
import { buildYearBlock, type YearBlock } from "./yearblock.js";
import { ZoneConverter } from "./zone.js";

export interface BusinessCalendar {
  readonly config: CalendarConfig;
}

/** Years outside this span are refused: they bound both the cache size and every scan. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2399;

export class CompiledCalendar implements BusinessCalendar {
  readonly config: CalendarConfig;
  readonly rules: DayRules;
  readonly zone: ZoneConverter;
  private readonly years = new Map<number, YearBlock>();

  constructor(cfg: CalendarConfig) {
    this.config = deepFreeze(structuredClone(cfg));
    this.rules = new DayRules(this.config);
    this.zone = new ZoneConverter(this.config.timeZone);
  }

  /** Tables of a local calendar year, built on first use and kept for the calendar's life. */
  block(year: number): YearBlock {
    const cached = this.years.get(year);
    if (cached !== undefined) return cached;
    if (!(year >= MIN_YEAR && year <= MAX_YEAR)) {
      throw new CalendarRangeError(`Date outside the supported range (${MIN_YEAR}–${MAX_YEAR})`);
    }
    const built = buildYearBlock(this.rules, this.zone, year);
    this.years.set(year, built);
    return built;
  }

  /** Block of the local year containing an instant. */
  blockAt(ms: number): YearBlock {
    // The UTC year is at most one off the local one, near New Year.
    const year = yearOfDay(Math.floor(ms / DAY_MS));
    const b = this.block(year);
    if (ms < b.utcStart) return this.block(year - 1);
    if (ms >= b.utcEnd) return this.block(year + 1);
    return b;
  }
}

/**
 * Callers typically compile the stored settings on every request; reusing a calendar with the
 * same content keeps its year tables warm. Sharing is safe because a calendar is immutable.
 */
const recent = new Map<string, CompiledCalendar>();
const RECENT_LIMIT = 16;

export function compileCalendar(cfg: CalendarConfig): BusinessCalendar {
  return compileCached(cfg);
}

function compileCached(cfg: CalendarConfig): CompiledCalendar {
  const key = JSON.stringify(cfg);
  const hit = recent.get(key);
  if (hit !== undefined) return hit;
  const issues = validateCalendarConfig(cfg);
  if (issues.length > 0) throw new CalendarConfigError(issues);
  const cal = new CompiledCalendar(cfg);
  if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value ?? "");
  recent.set(key, cal);
  return cal;
}

const adopted = new WeakMap<BusinessCalendar, CompiledCalendar>();

/** Accepts calendars not made by compileCalendar (e.g. a plain `{ config }`) by compiling them once. */
export function compiled(cal: BusinessCalendar): CompiledCalendar {
  if (cal instanceof CompiledCalendar) return cal;
  let c = adopted.get(cal);
  if (c === undefined) {
    c = compileCached(cal.config);
    adopted.set(cal, c);
  }
  return c;
}
