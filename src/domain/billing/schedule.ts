/** When the monthly contract run is due: the first business day of the month in the calendar's zone. */
import { DateTime } from "luxon";
import { type BusinessCalendar, localDateOf, nextOpening } from "../calendar/index.js";

/** The local date of the first opening at or after the month's first local midnight. */
export function firstBusinessDay(cal: BusinessCalendar, period: string): string {
  const start = DateTime.fromISO(`${period}-01T00:00:00`, { zone: cal.config.timeZone }).toMillis();
  return localDateOf(cal, nextOpening(cal, start));
}

/** The period whose run is due at `nowMs`, or null before its first business day. */
export function duePeriod(cal: BusinessCalendar, nowMs: number): string | null {
  const today = localDateOf(cal, nowMs);
  const period = today.slice(0, 7);
  return today >= firstBusinessDay(cal, period) ? period : null;
}
