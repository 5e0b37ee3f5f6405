/**
 * Mexican statutory rest days (Ley Federal del Trabajo, art. 74). Election days (fraction IX)
 * are announced case by case by the electoral authorities, so admins add them as closures.
 */
import { daysFromCivil, formatDate, isoWeekday } from "./time.js";

/** A statutory rest day by its key; its name is worded in the catalogues (`calendar.holiday.<key>`). */
export type HolidayKey =
  | "new_year"
  | "constitution_day"
  | "benito_juarez"
  | "labour_day"
  | "independence_day"
  | "revolution_day"
  | "christmas"
  | "presidential_transition";

export interface Holiday {
  date: string;
  key: HolidayKey;
}

/** The 2006 reform moved three rest days to Mondays; earlier years kept the fixed dates. */
const MONDAY_RULE_SINCE = 2006;
/** The 2024 transition was the first on 1 October; earlier ones were on 1 December. */
const OCTOBER_TRANSITION_SINCE = 2024;

/** Day number of the n-th Monday (1-based) of a month. */
function nthMonday(year: number, month: number, n: number): number {
  const first = daysFromCivil(year, month, 1);
  const toMonday = (8 - isoWeekday(first)) % 7;
  return first + toMonday + (n - 1) * 7;
}

function movable(year: number, month: number, fixedDay: number, nth: number): number {
  return year >= MONDAY_RULE_SINCE ? nthMonday(year, month, nth) : daysFromCivil(year, month, fixedDay);
}

function transitionDay(year: number): number | null {
  const cycle = (((year - OCTOBER_TRANSITION_SINCE) % 6) + 6) % 6;
  if (cycle !== 0) return null;
  return year >= OCTOBER_TRANSITION_SINCE ? daysFromCivil(year, 10, 1) : daysFromCivil(year, 12, 1);
}

/** Statutory rest days of a year as day numbers, sorted. */
export function statutoryHolidayDays(year: number): { day: number; key: HolidayKey }[] {
  const days: { day: number; key: HolidayKey }[] = [
    { day: daysFromCivil(year, 1, 1), key: "new_year" },
    { day: movable(year, 2, 5, 1), key: "constitution_day" },
    { day: movable(year, 3, 21, 3), key: "benito_juarez" },
    { day: daysFromCivil(year, 5, 1), key: "labour_day" },
    { day: daysFromCivil(year, 9, 16), key: "independence_day" },
    { day: movable(year, 11, 20, 3), key: "revolution_day" },
    { day: daysFromCivil(year, 12, 25), key: "christmas" },
  ];
  const transition = transitionDay(year);
  if (transition !== null) days.push({ day: transition, key: "presidential_transition" });
  return days.sort((a, b) => a.day - b.day);
}

export function mexicanStatutoryHolidays(year: number): Holiday[] {
  if (!Number.isInteger(year)) throw new RangeError(`Not a year: ${year}`);
  return statutoryHolidayDays(year).map((h) => ({ date: formatDate(h.day), key: h.key }));
}
