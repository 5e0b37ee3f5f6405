/** Helpers shared by the calendar tests (not imported by production code). */
import { DateTime } from "luxon";
import { type BusinessCalendar, compileCalendar } from "./calendar.js";
import { type CalendarConfig, DEFAULT_CALENDAR_CONFIG, type TimeRange, type Weekday } from "./types.js";

export const MX = "America/Mexico_City";

/** Instant of a local wall time "YYYY-MM-DDTHH:mm" in a zone (Luxon, independent of the code under test). */
export function at(local: string, zone = MX): number {
  const dt = DateTime.fromISO(local, { zone });
  if (!dt.isValid) throw new Error(`bad test instant ${local}`);
  return dt.toMillis();
}

/** Local wall time of an instant, "YYYY-MM-DDTHH:mm" plus ":ss.SSS" when not whole minutes. */
export function wall(ms: number, zone = MX): string {
  const dt = DateTime.fromMillis(ms, { zone });
  return dt.toFormat(
    dt.second === 0 && dt.millisecond === 0 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss.SSS",
  );
}

export function config(overrides: Partial<CalendarConfig> = {}): CalendarConfig {
  return { ...structuredClone(DEFAULT_CALENDAR_CONFIG), ...overrides };
}

export function everyDay(ranges: TimeRange[]): Record<Weekday, TimeRange[]> {
  return { 1: ranges, 2: ranges, 3: ranges, 4: ranges, 5: ranges, 6: ranges, 7: ranges };
}

export function calendar(overrides: Partial<CalendarConfig> = {}): BusinessCalendar {
  return compileCalendar(config(overrides));
}
