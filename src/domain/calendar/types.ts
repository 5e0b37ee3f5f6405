import type { HolidayKey } from "./holidays.js";

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/** Local wall-clock range "HH:mm"–"HH:mm"; "24:00" is allowed as end. */
export interface TimeRange {
  start: string;
  end: string;
}

/**
 * An admin closure of a local date. Without from/to it closes the whole day; with only
 * `from` it closes from that time to the end of the day; with only `to` until that time.
 */
export interface Closure {
  date: string;
  from?: string;
  to?: string;
  reason: string;
}

export interface CalendarConfig {
  timeZone: string;
  weeklyHours: Record<Weekday, TimeRange[]>;
  statutoryHolidays: boolean;
  removedHolidays: string[];
  closures: Closure[];
}

/** What is wrong with one part of a calendar configuration, as a code the caller words. */
export type ConfigIssueCode =
  | "config_missing"
  | "zone_unknown"
  | "not_boolean"
  | "not_a_list"
  | "week_missing"
  | "week_closed"
  | "start_invalid"
  | "end_invalid"
  | "end_before_start"
  | "ranges_overlap"
  | "date_invalid"
  | "reason_missing";

export interface ConfigIssue {
  /** Where, as `weeklyHours.1[0].start`, `closures[2].reason`… */
  path: string;
  code: ConfigIssueCode;
  params: Record<string, string | number>;
}

export type SkipKind = "weekend" | "holiday" | "closure" | "closed_day";

/**
 * A closed local day, or a partial closure (then `from`/`to` are set). Why, as data rather than words:
 * the weekday of a weekend or a day without hours, the holiday's key, or a closure's reason as the admin
 * typed it. Readers word it in their own language.
 */
export interface SkippedDay {
  date: string;
  kind: SkipKind;
  /** `weekend` and `closed_day`: which day of the week. */
  weekday?: Weekday;
  holiday?: HolidayKey;
  /** A closure's reason, as typed. */
  reason?: string;
  from?: string;
  to?: string;
}

export interface DeadlineExplanation {
  dueAt: number;
  intervals: { start: number; end: number; minutes: number }[];
  skipped: SkippedDay[];
}

export function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object") {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const workday = (): TimeRange[] => [{ start: "09:00", end: "17:00" }];

/** Frozen so that no caller can mutate the shared default by accident; clone it to edit. */
export const DEFAULT_CALENDAR_CONFIG: CalendarConfig = deepFreeze({
  timeZone: "America/Mexico_City",
  weeklyHours: { 1: workday(), 2: workday(), 3: workday(), 4: workday(), 5: workday(), 6: [], 7: [] },
  statutoryHolidays: true,
  removedHolidays: [],
  closures: [],
});

export class CalendarConfigError extends Error {
  readonly issues: ConfigIssue[];

  constructor(issues: ConfigIssue[]) {
    // For logs and developers; people see each issue worded from its code (settings module).
    const detail = issues.map((i) => `${i.path}: ${i.code}`).join("; ");
    super(`Invalid calendar configuration: ${detail}`);
    this.name = "CalendarConfigError";
    this.issues = issues;
  }
}

/** Thrown when the arithmetic would need to scan beyond the supported horizon. */
export class CalendarRangeError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = "CalendarRangeError";
  }
}
