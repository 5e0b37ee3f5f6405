/**
 * What one ticket adds to the report summary: its stored report facts (business minutes, local days)
 * and its rows of `report_daily`. Pure: the ledger applies the difference between a ticket's rows
 * before and after a change, and the rebuild computes the same rows with SQL.
 */
import { DateTime } from "luxon";
import {
  type BusinessCalendar,
  businessMinutesBetween,
  CalendarRangeError,
  localDateOf,
} from "../calendar/index.js";

export const DIMS = ["all", "client", "category", "technician", "channel"] as const;
export type Dim = (typeof DIMS)[number];

export const COUNTS = [
  "received",
  "met",
  "late",
  "unanswered",
  "raw_minutes",
  "billable_minutes",
  "closed",
  "answered",
  "unreachable",
  "overall_sum",
  "overall_n",
  "technician_sum",
  "technician_n",
  "timeliness_sum",
  "timeliness_n",
] as const;
export type CountName = (typeof COUNTS)[number];
export type Counts = Record<CountName, number>;

/** The instants the facts are computed from. */
export interface FactInstants {
  received_at: string;
  responded_at: string | null;
  attended_at: string | null;
  closed_at: string | null;
}

export interface Facts {
  report_day: string;
  closed_day: string | null;
  response_minutes: number | null;
  response_wall_minutes: number | null;
  attended_minutes: number | null;
  closed_minutes: number | null;
}

/** The local date (calendar zone) an instant falls on. */
export const localDay = (iso: string, zone: string): string =>
  DateTime.fromISO(iso, { zone }).toISODate() ?? iso.slice(0, 10);

/**
 * The same, from the calendar's own day tables when it is the calendar's zone: every ticket write
 * derives its report days, and Luxon's parse was a good part of a create's CPU. Instants outside the
 * calendar's years (and other zones) go through Luxon.
 */
function dayIn(cal: BusinessCalendar, zone: string, iso: string): string {
  const ms = Date.parse(iso);
  if (zone !== cal.config.timeZone || !Number.isFinite(ms)) return localDay(iso, zone);
  try {
    return localDateOf(cal, ms);
  } catch (err) {
    if (err instanceof CalendarRangeError) return localDay(iso, zone);
    throw err;
  }
}

/** Business minutes from `from` to `to` (never negative), rounded as the reports show them. */
function business(cal: BusinessCalendar, from: string, to: string | null): number | null {
  if (!to) return null;
  const a = Date.parse(from);
  return Math.round(businessMinutesBetween(cal, a, Math.max(a, Date.parse(to))));
}

export function deriveFacts(cal: BusinessCalendar, zone: string, t: FactInstants): Facts {
  const a = Date.parse(t.received_at);
  return {
    report_day: dayIn(cal, zone, t.received_at),
    closed_day: t.closed_at ? dayIn(cal, zone, t.closed_at) : null,
    response_minutes: business(cal, t.received_at, t.responded_at),
    response_wall_minutes: t.responded_at
      ? Math.round((Math.max(a, Date.parse(t.responded_at)) - a) / 60_000)
      : null,
    attended_minutes: business(cal, t.received_at, t.attended_at),
    closed_minutes: business(cal, t.received_at, t.closed_at),
  };
}

/** The ticket columns a summary row depends on. */
export interface FactTicket {
  status: string;
  service_kind: string;
  urgent: number;
  client_id: string;
  category: string | null;
  assignee_id: string | null;
  channel: string;
  response_due_at: string;
  responded_at: string | null;
  raw_minutes: number;
  billable_minutes: number | null;
  report_day: string | null;
  closed_day: string | null;
}

export interface FactSurvey {
  outcome: string;
  overall: number | null;
  technician: number | null;
  timeliness: number | null;
}

export interface DailyRow {
  day: string;
  dim: Dim;
  key: string;
  service_kind: string;
  urgent: number;
  counts: Partial<Counts>;
}

/** The key of a dimension's value ('' for none: no category, no technician, or the `all` row). */
export function dimKey(t: FactTicket, dim: Dim): string {
  if (dim === "client") return t.client_id;
  if (dim === "category") return t.category ?? "";
  if (dim === "technician") return t.assignee_id ?? "";
  if (dim === "channel") return t.channel;
  return "";
}

const bit = (b: boolean) => (b ? 1 : 0);

/** Received-day figures (cancelled tickets count nowhere) and closing-day ones (closed tickets). */
function sides(t: FactTicket, s: FactSurvey | null): { day: string; counts: Partial<Counts> }[] {
  const out: { day: string; counts: Partial<Counts> }[] = [];
  if (t.status !== "cancelled" && t.report_day) {
    const answered = t.responded_at !== null;
    out.push({
      day: t.report_day,
      counts: {
        received: 1,
        met: bit(answered && t.responded_at! <= t.response_due_at),
        late: bit(answered && t.responded_at! > t.response_due_at),
        unanswered: bit(!answered),
        raw_minutes: t.raw_minutes,
        billable_minutes: t.billable_minutes ?? 0,
      },
    });
  }
  if (t.status === "closed" && t.closed_day) {
    const ok = s?.outcome === "answered";
    const score = (v: number | null | undefined) => (ok && v !== null && v !== undefined ? v : null);
    const [o, te, ti] = [score(s?.overall), score(s?.technician), score(s?.timeliness)];
    out.push({
      day: t.closed_day,
      counts: {
        closed: 1,
        answered: bit(ok),
        unreachable: bit(s?.outcome === "unreachable"),
        overall_sum: o ?? 0,
        overall_n: bit(o !== null),
        technician_sum: te ?? 0,
        technician_n: bit(te !== null),
        timeliness_sum: ti ?? 0,
        timeliness_n: bit(ti !== null),
      },
    });
  }
  return out;
}

export function dailyRows(t: FactTicket, s: FactSurvey | null): DailyRow[] {
  return sides(t, s).flatMap(({ day, counts }) =>
    DIMS.map((dim) => ({
      day,
      dim,
      key: dimKey(t, dim),
      service_kind: t.service_kind,
      urgent: t.urgent,
      counts,
    })),
  );
}

const rowKey = (r: DailyRow) =>
  `${r.dim}\u0000${r.key}\u0000${r.day}\u0000${r.service_kind}\u0000${r.urgent}`;

/** after − before, row by row; rows whose every count is unchanged are left out. */
export function dailyDelta(before: readonly DailyRow[], after: readonly DailyRow[]): DailyRow[] {
  const acc = new Map<string, DailyRow>();
  const add = (r: DailyRow, sign: number) => {
    const k = rowKey(r);
    const cur = acc.get(k) ?? { ...r, counts: {} };
    for (const c of COUNTS) cur.counts[c] = (cur.counts[c] ?? 0) + sign * (r.counts[c] ?? 0);
    acc.set(k, cur);
  };
  for (const r of before) add(r, -1);
  for (const r of after) add(r, 1);
  return [...acc.values()].filter((r) => COUNTS.some((c) => (r.counts[c] ?? 0) !== 0));
}
