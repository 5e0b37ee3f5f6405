import { IANAZone } from "luxon";
import { parseDate, parseTime } from "./time.js";
import { type CalendarConfig, type ConfigIssue, type TimeRange, WEEKDAYS } from "./types.js";

function validTimeZone(zone: unknown): boolean {
  return typeof zone === "string" && zone.length > 0 && IANAZone.isValidZone(zone);
}

/** Validates one day's ranges; returns their total open minutes (0 when any is broken). */
function checkDay(ranges: unknown, path: string, weekday: number, issues: ConfigIssue[]): number {
  if (ranges === undefined) return 0;
  if (!Array.isArray(ranges)) {
    issues.push({ path, code: "not_a_list", params: {} });
    return 0;
  }
  const parsed: { start: number; end: number; index: number }[] = [];
  ranges.forEach((range: Partial<TimeRange> | null, index) => {
    const at = `${path}[${index}]`;
    const start = typeof range?.start === "string" ? parseTime(range.start) : null;
    const end = typeof range?.end === "string" ? parseTime(range.end, true) : null;
    if (start === null) issues.push({ path: `${at}.start`, code: "start_invalid", params: {} });
    if (end === null) issues.push({ path: `${at}.end`, code: "end_invalid", params: {} });
    if (start === null || end === null) return;
    if (end <= start) {
      issues.push({ path: at, code: "end_before_start", params: {} });
      return;
    }
    parsed.push({ start, end, index });
  });
  parsed.sort((a, b) => a.start - b.start);
  let total = 0;
  parsed.forEach((r, i) => {
    const prev = parsed[i - 1];
    if (prev && r.start < prev.end) {
      issues.push({ path: `${path}[${r.index}]`, code: "ranges_overlap", params: { weekday } });
    }
    total += r.end - r.start;
  });
  return total;
}

function checkWeek(cfg: CalendarConfig, issues: ConfigIssue[]): void {
  if (!cfg.weeklyHours || typeof cfg.weeklyHours !== "object") {
    issues.push({ path: "weeklyHours", code: "week_missing", params: {} });
    return;
  }
  let open = 0;
  for (const wd of WEEKDAYS) {
    open += checkDay(cfg.weeklyHours[wd], `weeklyHours.${wd}`, wd, issues);
  }
  if (open === 0 && !issues.some((i) => i.path.startsWith("weeklyHours"))) {
    issues.push({ path: "weeklyHours", code: "week_closed", params: {} });
  }
}

function checkClosures(cfg: CalendarConfig, issues: ConfigIssue[]): void {
  if (!Array.isArray(cfg.closures)) {
    issues.push({ path: "closures", code: "not_a_list", params: {} });
    return;
  }
  cfg.closures.forEach((c, i) => {
    const at = `closures[${i}]`;
    if (typeof c?.date !== "string" || parseDate(c.date) === null) {
      issues.push({ path: `${at}.date`, code: "date_invalid", params: {} });
    }
    const from = c?.from === undefined ? 0 : parseTime(String(c.from));
    const to = c?.to === undefined ? 1440 : parseTime(String(c.to), true);
    if (from === null) issues.push({ path: `${at}.from`, code: "start_invalid", params: {} });
    if (to === null) issues.push({ path: `${at}.to`, code: "end_invalid", params: {} });
    if (from !== null && to !== null && to <= from) {
      issues.push({ path: at, code: "end_before_start", params: {} });
    }
    if (typeof c?.reason !== "string" || c.reason.trim() === "") {
      issues.push({ path: `${at}.reason`, code: "reason_missing", params: {} });
    }
  });
}

function checkRemoved(cfg: CalendarConfig, issues: ConfigIssue[]): void {
  if (!Array.isArray(cfg.removedHolidays)) {
    issues.push({ path: "removedHolidays", code: "not_a_list", params: {} });
    return;
  }
  cfg.removedHolidays.forEach((d, i) => {
    if (typeof d !== "string" || parseDate(d) === null) {
      issues.push({ path: `removedHolidays[${i}]`, code: "date_invalid", params: {} });
    }
  });
}

/** Returns every problem found (empty when the configuration is usable). */
export function validateCalendarConfig(cfg: CalendarConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (!cfg || typeof cfg !== "object") return [{ path: "", code: "config_missing", params: {} }];
  if (!validTimeZone(cfg.timeZone)) {
    issues.push({ path: "timeZone", code: "zone_unknown", params: { zone: String(cfg.timeZone) } });
  }
  if (typeof cfg.statutoryHolidays !== "boolean") {
    issues.push({ path: "statutoryHolidays", code: "not_boolean", params: {} });
  }
  checkWeek(cfg, issues);
  checkClosures(cfg, issues);
  checkRemoved(cfg, issues);
  return issues;
}
