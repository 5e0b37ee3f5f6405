/**
 * Billing periods ("YYYY-MM") and dates (issue #14 items 4 and 7). Pure: callers pass today's local
 * date in the calendar's zone.
 */
import { DateTime } from "luxon";

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export type PeriodCheck =
  | { ok: true }
  | { ok: false; code: "billing.period_format" | "billing.period_future" };

/** A period must be YYYY-MM and not after the month of `todayLocal` (YYYY-MM-DD). */
export function checkPeriod(period: string, todayLocal: string): PeriodCheck {
  if (!PERIOD.test(period)) return { ok: false, code: "billing.period_format" };
  if (period > todayLocal.slice(0, 7)) return { ok: false, code: "billing.period_future" };
  return { ok: true };
}

/** The period of a local date or of an instant in a zone. */
export const periodOfDate = (localDate: string): string => localDate.slice(0, 7);
export const periodOfInstant = (iso: string, zone: string): string =>
  DateTime.fromISO(iso, { zone: "utc" }).setZone(zone).toFormat("yyyy-MM");

/** First and last local dates of a period. */
export function periodBounds(period: string): { first: string; last: string } {
  const d = DateTime.fromISO(`${period}-01`, { zone: "utc" });
  return { first: d.toISODate()!, last: d.endOf("month").toISODate()! };
}

/** The UTC instant at which the period starts in `zone` (local midnight of its first day). */
export const periodStartInstant = (period: string, zone: string): string =>
  DateTime.fromISO(`${period}-01T00:00:00`, { zone }).toUTC().toISO()!;

/** Whether a contract [startsOn, endsOn] is in force during any day of the period. */
export function inForceDuring(period: string, startsOn: string, endsOn: string | null): boolean {
  const { first, last } = periodBounds(period);
  return startsOn <= last && (endsOn === null || endsOn >= first);
}

export type PaymentTermsInput = { terms: "cash" | "credit"; creditDays: number | null };

/** Due date: cash is due on issue; credit `creditDays` calendar days after the issue date. */
export function dueOn(issueDate: string, t: PaymentTermsInput): string {
  if (t.terms === "cash" || !t.creditDays) return issueDate;
  return DateTime.fromISO(issueDate, { zone: "utc" }).plus({ days: t.creditDays }).toISODate()!;
}
