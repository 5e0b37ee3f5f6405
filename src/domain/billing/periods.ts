/**
 * Billing periods ("YYYY-MM") and dates (issue #14 items 4 and 7). Pure: callers pass today's local
 * date in the calendar's zone.
 */
import { DateTime } from "luxon";
import { isoDay } from "../dates.js";

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export type PeriodCheck =
  | { ok: true }
  | { ok: false; code: "billing.period_format" | "billing.period_future" | "billing.period_past" };

/** The first period billed: as every other date Mesa takes, none before 2000. */
export const FIRST_PERIOD = "2000-01";

/** A period must be YYYY-MM, from FIRST_PERIOD, and not after the month of `todayLocal` (YYYY-MM-DD). */
export function checkPeriod(period: string, todayLocal: string): PeriodCheck {
  if (!PERIOD.test(period)) return { ok: false, code: "billing.period_format" };
  if (period < FIRST_PERIOD) return { ok: false, code: "billing.period_past" };
  if (period > todayLocal.slice(0, 7)) return { ok: false, code: "billing.period_future" };
  return { ok: true };
}

const MONTHS = [
  "enero",
  "febrero",
  "marzo",
  "abril",
  "mayo",
  "junio",
  "julio",
  "agosto",
  "septiembre",
  "octubre",
  "noviembre",
  "diciembre",
];

/**
 * "2026-11" → "noviembre de 2026": how a period reads on an invoice line and its PDF, which the client
 * and the ERP receive in Spanish (anything not a period is returned as it is).
 */
export function periodInWords(period: string): string {
  const m = PERIOD.exec(period);
  return m ? `${MONTHS[Number(m[2]) - 1]} de ${m[1]}` : period;
}

/** The period of a local date or of an instant in a zone. */
export const periodOfDate = (localDate: string): string => localDate.slice(0, 7);
const starts = new Map<string, string>();
/** Local midnight of a period's first day as fixed-width UTC text, remembered per zone and period. */
function startOf(period: string, zone: string): string {
  const key = `${zone} ${period}`;
  let at = starts.get(key);
  if (at === undefined) {
    at = periodStartInstant(period, zone);
    if (starts.size > 10_000) starts.clear();
    starts.set(key, at);
  }
  return at;
}

const shifts = new Map<string, string>();
/** The period `months` away, remembered: a billing run asks it for each of its tickets. */
function shift(period: string, months: number): string {
  const key = `${period} ${months}`;
  let to = shifts.get(key);
  if (to === undefined) {
    to = DateTime.fromISO(`${period}-01`, { zone: "utc" }).plus({ months }).toFormat("yyyy-MM");
    if (shifts.size > 10_000) shifts.clear();
    shifts.set(key, to);
  }
  return to;
}

/**
 * The local month of a fixed-width UTC instant: its UTC month, or the one before or after when the
 * zone's month boundary lies between (compared as text against remembered boundaries: no Luxon per row).
 */
export function periodOfInstant(iso: string, zone: string): string {
  const utc = new Date(iso).toISOString();
  const candidate = utc.slice(0, 7);
  if (utc < startOf(candidate, zone)) return shift(candidate, -1);
  const next = shift(candidate, 1);
  return utc < startOf(next, zone) ? candidate : next;
}

/** First and last local dates of a period. */
export function periodBounds(period: string): { first: string; last: string } {
  const d = DateTime.fromISO(`${period}-01`, { zone: "utc" });
  return { first: isoDay(d), last: isoDay(d.endOf("month")) };
}

/** The UTC instant at which the period starts in `zone` (local midnight of its first day). */
export const periodStartInstant = (period: string, zone: string): string =>
  DateTime.fromISO(`${period}-01T00:00:00`, { zone }).toJSDate().toISOString();

/** Whether a contract [startsOn, endsOn] is in force during any day of the period. */
export function inForceDuring(period: string, startsOn: string, endsOn: string | null): boolean {
  const { first, last } = periodBounds(period);
  return startsOn <= last && (endsOn === null || endsOn >= first);
}

export type PaymentTermsInput = { terms: "cash" | "credit"; creditDays: number | null };

/** Due date: cash is due on issue; credit `creditDays` calendar days after the issue date. */
export function dueOn(issueDate: string, t: PaymentTermsInput): string {
  if (t.terms === "cash" || !t.creditDays) return issueDate;
  return isoDay(DateTime.fromISO(issueDate, { zone: "utc" }).plus({ days: t.creditDays }));
}
