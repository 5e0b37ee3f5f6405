import { IANAZone } from "luxon";
import { parseDate, parseTime } from "./time.js";
import { type CalendarConfig, type ConfigIssue, type TimeRange, WEEKDAYS } from "./types.js";

const DAY_NAMES = ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"];

function validTimeZone(zone: unknown): boolean {
  return typeof zone === "string" && zone.length > 0 && IANAZone.isValidZone(zone);
}

/** Validates one day's ranges; returns their total open minutes (0 when any is broken). */
function checkDay(ranges: unknown, path: string, dayName: string, issues: ConfigIssue[]): number {
  if (ranges === undefined) return 0;
  if (!Array.isArray(ranges)) {
    issues.push({ path, message: `El horario del ${dayName} debe ser una lista de rangos` });
    return 0;
  }
  const parsed: { start: number; end: number; index: number }[] = [];
  ranges.forEach((range: Partial<TimeRange> | null, index) => {
    const at = `${path}[${index}]`;
    const start = typeof range?.start === "string" ? parseTime(range.start) : null;
    const end = typeof range?.end === "string" ? parseTime(range.end, true) : null;
    if (start === null) issues.push({ path: `${at}.start`, message: "Hora de inicio inválida (use HH:mm)" });
    if (end === null) issues.push({ path: `${at}.end`, message: "Hora de fin inválida (use HH:mm o 24:00)" });
    if (start === null || end === null) return;
    if (end <= start) {
      issues.push({ path: at, message: "La hora de fin debe ser posterior a la hora de inicio" });
      return;
    }
    parsed.push({ start, end, index });
  });
  parsed.sort((a, b) => a.start - b.start);
  let total = 0;
  parsed.forEach((r, i) => {
    const prev = parsed[i - 1];
    if (prev && r.start < prev.end) {
      issues.push({ path: `${path}[${r.index}]`, message: `Rangos traslapados el ${dayName}` });
    }
    total += r.end - r.start;
  });
  return total;
}

function checkWeek(cfg: CalendarConfig, issues: ConfigIssue[]): void {
  if (!cfg.weeklyHours || typeof cfg.weeklyHours !== "object") {
    issues.push({ path: "weeklyHours", message: "Falta el horario semanal" });
    return;
  }
  let open = 0;
  for (const wd of WEEKDAYS) {
    open += checkDay(cfg.weeklyHours[wd], `weeklyHours.${wd}`, DAY_NAMES[wd - 1] ?? "", issues);
  }
  if (open === 0 && !issues.some((i) => i.path.startsWith("weeklyHours"))) {
    issues.push({ path: "weeklyHours", message: "El horario semanal no tiene ninguna hora de atención" });
  }
}

function checkClosures(cfg: CalendarConfig, issues: ConfigIssue[]): void {
  if (!Array.isArray(cfg.closures)) {
    issues.push({ path: "closures", message: "Los cierres deben ser una lista" });
    return;
  }
  cfg.closures.forEach((c, i) => {
    const at = `closures[${i}]`;
    if (typeof c?.date !== "string" || parseDate(c.date) === null) {
      issues.push({ path: `${at}.date`, message: "Fecha inválida (use AAAA-MM-DD)" });
    }
    const from = c?.from === undefined ? 0 : parseTime(String(c.from));
    const to = c?.to === undefined ? 1440 : parseTime(String(c.to), true);
    if (from === null)
      issues.push({ path: `${at}.from`, message: "Hora inicial del cierre inválida (use HH:mm)" });
    if (to === null) issues.push({ path: `${at}.to`, message: "Hora final del cierre inválida (use HH:mm)" });
    if (from !== null && to !== null && to <= from) {
      issues.push({ path: at, message: "El cierre termina antes de empezar" });
    }
    if (typeof c?.reason !== "string" || c.reason.trim() === "") {
      issues.push({ path: `${at}.reason`, message: "Indique el motivo del cierre" });
    }
  });
}

function checkRemoved(cfg: CalendarConfig, issues: ConfigIssue[]): void {
  if (!Array.isArray(cfg.removedHolidays)) {
    issues.push({ path: "removedHolidays", message: "Los días festivos reabiertos deben ser una lista" });
    return;
  }
  cfg.removedHolidays.forEach((d, i) => {
    if (typeof d !== "string" || parseDate(d) === null) {
      issues.push({ path: `removedHolidays[${i}]`, message: "Fecha inválida (use AAAA-MM-DD)" });
    }
  });
}

/** Returns every problem found (empty when the configuration is usable). */
export function validateCalendarConfig(cfg: CalendarConfig): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (!cfg || typeof cfg !== "object")
    return [{ path: "", message: "Falta la configuración del calendario" }];
  if (!validTimeZone(cfg.timeZone)) {
    issues.push({ path: "timeZone", message: `Zona horaria desconocida: ${String(cfg.timeZone)}` });
  }
  if (typeof cfg.statutoryHolidays !== "boolean") {
    issues.push({ path: "statutoryHolidays", message: "Debe ser verdadero o falso" });
  }
  checkWeek(cfg, issues);
  checkClosures(cfg, issues);
  checkRemoved(cfg, issues);
  return issues;
}
