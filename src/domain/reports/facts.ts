/**
 * What one ticket adds to the report summary: its stored report facts (business minutes, local days)
 * and its rows of `report_daily` (and, summed by month, `report_monthly`). Pure: the ledger applies
 * the difference between a ticket's rows before and after a change, and the rebuild computes the
 * same rows with SQL.
 */
import { DateTime, IANAZone } from "luxon";
import type { ServiceKind } from "../../contract/tickets.js";
import { type BusinessCalendar, businessMinutesBetween } from "../calendar/index.js";

/** The filter dimensions: every received and closing-day figure is kept once per dimension. */
export const DIMS = ["all", "client", "category", "technician", "channel"] as const;
/** `contract`: the hour bank's rows only (per contract, on the day of the ticket's last time entry). */
export type Dim = (typeof DIMS)[number] | "contract";

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
  "bank_minutes",
  "bank_tickets",
] as const;
export type CountName = (typeof COUNTS)[number];
export type Counts = Record<CountName, number>;

/** The instants the facts are computed from. */
export interface FactInstants {
  received_at: string;
  responded_at: string | null;
  attended_at: string | null;
  closed_at: string | null;
  /** When the work of the ticket's last time entry was done (its end, or when it was logged). */
  last_entry_at: string | null;
}

export interface Facts {
  report_day: string;
  closed_day: string | null;
  response_minutes: number | null;
  response_wall_minutes: number | null;
  attended_minutes: number | null;
  closed_minutes: number | null;
  /** The local day of the last time entry: the hour bank counts the ticket in its month (SPEC §5). */
  bank_day: string | null;
}

/** The local date (calendar zone) an instant falls on. */
export const localDay = (iso: string, zone: string): string =>
  DateTime.fromISO(iso, { zone }).toISODate() ?? iso.slice(0, 10);

/** An instant as Date#toISOString writes it (how Mesa stores them), of a four-digit year. */
const STORED_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\d\dZ$/;

/** Zones looked up once: Luxon's IANAZone.create is the costly part of a local day. */
const zones = new Map<string, IANAZone>();
const zoneOf = (name: string): IANAZone => {
  const known = zones.get(name);
  if (known) return known;
  const z = IANAZone.create(name);
  zones.set(name, z);
  return z;
};

/**
 * localDay for every ticket write: Luxon from the instant's milliseconds in a cached zone, without
 * parsing the text as ISO first (three times cheaper). Anything but a stored instant goes to localDay.
 */
export function localDayOf(iso: string, zone: string): string {
  const ms = STORED_INSTANT.test(iso) ? Date.parse(iso) : Number.NaN;
  const z = Number.isNaN(ms) ? null : zoneOf(zone);
  if (!z?.isValid) return localDay(iso, zone);
  const known = lastDays.get(zone);
  if (known && ms >= known.from && ms <= known.to) return known.day;
  const at = DateTime.fromMillis(ms, { zone: z });
  const day = at.toISODate();
  if (!day) return localDay(iso, zone);
  rememberDay(zone, at, day);
  return day;
}

/**
 * Per zone, the last local day computed, as the instants it spans: most writes fall on today, and
 * Luxon's local date is a write's costliest step. Only a day with one offset throughout and 24 hours
 * long is kept: on a day the clocks change, which instants belong to it is left to Luxon every time.
 */
const lastDays = new Map<string, { from: number; to: number; day: string }>();
const DAY_MS = 86_400_000;

function rememberDay(zone: string, at: DateTime, day: string): void {
  const start = at.startOf("day");
  const end = at.endOf("day");
  if (start.offset !== end.offset || end.toMillis() - start.toMillis() !== DAY_MS - 1) return;
  if (lastDays.size >= 64) lastDays.clear();
  lastDays.set(zone, { from: start.toMillis(), to: end.toMillis(), day });
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
    report_day: localDayOf(t.received_at, zone),
    closed_day: t.closed_at ? localDayOf(t.closed_at, zone) : null,
    response_minutes: business(cal, t.received_at, t.responded_at),
    response_wall_minutes: t.responded_at
      ? Math.round((Math.max(a, Date.parse(t.responded_at)) - a) / 60_000)
      : null,
    attended_minutes: business(cal, t.received_at, t.attended_at),
    closed_minutes: business(cal, t.received_at, t.closed_at),
    bank_day: t.last_entry_at ? localDayOf(t.last_entry_at, zone) : null,
  };
}

/** The ticket columns a summary row depends on. */
export interface FactTicket {
  status: string;
  service_kind: ServiceKind;
  urgent: number;
  client_id: string;
  contract_id: string | null;
  category: string | null;
  assignee_id: string | null;
  channel: string;
  response_due_at: string;
  responded_at: string | null;
  raw_minutes: number;
  billable_minutes: number | null;
  report_day: string | null;
  closed_day: string | null;
  bank_day: string | null;
  response_minutes: number | null;
  response_wall_minutes: number | null;
  attended_minutes: number | null;
  closed_minutes: number | null;
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
  service_kind: ServiceKind;
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
    const respondedAt = t.responded_at;
    out.push({
      day: t.report_day,
      counts: {
        received: 1,
        met: bit(respondedAt !== null && respondedAt <= t.response_due_at),
        late: bit(respondedAt !== null && respondedAt > t.response_due_at),
        unanswered: bit(respondedAt === null),
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

/** A reviewed contract ticket's billable minutes, on the day of its last entry (the hour bank). */
function bankRow(t: FactTicket): DailyRow | null {
  const contract = t.contract_id;
  const counted = t.status !== "cancelled" && t.service_kind === "contract" && contract !== null;
  if (!counted || t.billable_minutes === null || !t.bank_day) return null;
  return {
    day: t.bank_day,
    dim: "contract",
    key: contract,
    service_kind: t.service_kind,
    urgent: t.urgent,
    counts: { bank_minutes: t.billable_minutes, bank_tickets: 1 },
  };
}

export function dailyRows(t: FactTicket, s: FactSurvey | null): DailyRow[] {
  const rows: DailyRow[] = sides(t, s).flatMap(({ day, counts }) =>
    DIMS.map((dim) => ({
      day,
      dim,
      key: dimKey(t, dim),
      service_kind: t.service_kind,
      urgent: t.urgent,
      counts,
    })),
  );
  const bank = bankRow(t);
  return bank ? [...rows, bank] : rows;
}

/** A summary row: its key columns and its counts (added up by the summary). */
export interface Summed<C extends string> {
  day: string;
  counts: Partial<Record<C, number>>;
}

/** after − before, row by row (rows keyed by `key`); rows whose every count is unchanged are left out. */
export function netRows<C extends string, R extends Summed<C>>(
  before: readonly R[],
  after: readonly R[],
  key: (r: R) => string,
  names: readonly C[],
): R[] {
  const acc = new Map<string, R>();
  const add = (r: R, sign: number) => {
    const k = key(r);
    const cur = acc.get(k) ?? { ...r, counts: {} };
    for (const c of names) cur.counts[c] = (cur.counts[c] ?? 0) + sign * (r.counts[c] ?? 0);
    acc.set(k, cur);
  };
  for (const r of before) add(r, -1);
  for (const r of after) add(r, 1);
  return [...acc.values()].filter((r) => names.some((c) => (r.counts[c] ?? 0) !== 0));
}

/** The first day of the month a local day is in: the key of the monthly summaries' rows. */
export const monthOf = (day: string) => `${day.slice(0, 8)}01`;

/** The same rows summed by month (rows of one month merged; all-zero ones left out). */
export function byMonth<C extends string, R extends Summed<C>>(
  rows: readonly R[],
  key: (r: R) => string,
  names: readonly C[],
): R[] {
  return netRows(
    [],
    rows.map((r) => ({ ...r, day: monthOf(r.day) })),
    key,
    names,
  );
}

export const dailyKey = (r: DailyRow) => [r.dim, r.key, r.day, r.service_kind, r.urgent].join("\u0000");

/** after − before of the daily rows. */
export const dailyDelta = (before: readonly DailyRow[], after: readonly DailyRow[]): DailyRow[] =>
  netRows(before, after, dailyKey, COUNTS);

/** The daily rows summed by month. */
export const dailyByMonth = (rows: readonly DailyRow[]) => byMonth(rows, dailyKey, COUNTS);
