/**
 * The reports' reads of the summary (`report_daily`, one row per local day — and one per month —
 * × dimension value × kind × urgency) and of the tickets' stored minutes (distributions). Same SQL
 * on SQLite and PostgreSQL.
 */
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { ReportFilters } from "../../../contract/reports.js";
import { COUNTS, type Dim } from "../../../domain/reports/facts.js";
import type { DayRange, Span } from "../../../domain/reports/range.js";
import type { DB } from "../../platform/database/schema.js";
import { bucketOf, ticketFilters } from "./repository.js";

type Db = Kysely<DB>;
type Row = Record<string, unknown>;
const rows = async (db: Db, q: RawBuilder<unknown>): Promise<Row[]> => (await q.execute(db)).rows as Row[];

/** Which summary rows answer a query: one dimension, and its value when filtered on it. */
export interface Target {
  dim: Dim;
  key: string | null;
}

/** The days a query reads: monthly rows of whole months (first days), daily rows of the rest. */
export interface Days {
  months: readonly string[];
  days: readonly DayRange[];
}

const matches = (t: Target, f: ReportFilters) =>
  sql`d.dim = ${t.dim} ${t.key === null ? sql`` : sql`and d.key = ${t.key}`}
    ${f.kind ? sql`and d.service_kind = ${f.kind}` : sql``}
    ${f.urgent ? sql`and d.urgent = ${f.urgent === "true" ? 1 : 0}` : sql``}`;

/**
 * The rows of a summary table (by day and by month: its `grain`) for `d`, as a derived table `d`
 * with `columns`: a UNION ALL of one index range per part.
 */
export function rowsOf(
  table: "report_daily" | "report_minutes",
  columns: string,
  t: Target,
  d: Days,
  f: ReportFilters,
  more: RawBuilder<unknown> = sql``,
) {
  const cols = sql.raw(columns);
  const from = sql`select ${cols} from ${sql.table(table)} d where ${matches(t, f)} ${more}`;
  const parts = d.days.map((r) => sql`${from} and d.grain = 'd' and d.day >= ${r.from} and d.day <= ${r.to}`);
  if (d.months.length > 0) parts.push(sql`${from} and d.grain = 'm' and d.day in (${sql.join(d.months)})`);
  if (parts.length === 0) parts.push(sql`${from} and 1 = 0`);
  return sql`(${sql.join(parts, sql` union all `)}) d`;
}

/**
 * `key || ''` is no bare column: grouping by it, SQLite reads the days' (or months') range of the
 * primary key instead of walking report_daily_key for its order through every day of the dimension.
 */
const daily = (t: Target, d: Days, f: ReportFilters) =>
  rowsOf(
    "report_daily",
    `d.day, d.key || '' as key, d.service_kind, d.urgent, ${COUNTS.map((c) => `d.${c}`).join(", ")}`,
    t,
    d,
    f,
  );

/**
 * The period a local day falls in, as the index of the period (ends: first local day after each).
 * Grouped by position: PostgreSQL sees the same CASE with other parameter numbers as another expression.
 */
const periodOf = (ends: readonly string[]) => {
  if (ends.length === 0) return sql`0`;
  const whens = ends.map((e, i) => sql`when d.day < ${e} then ${sql.lit(i)}`);
  return sql`(case ${sql.join(whens, sql` `)} else ${sql.lit(ends.length - 1)} end)`;
};

const SAT = sql`sum(d.closed) as closed, sum(d.answered) as answered, sum(d.unreachable) as unreachable,
  sum(d.overall_sum) as overall_sum, sum(d.overall_n) as overall_n, sum(d.technician_sum) as technician_sum,
  sum(d.technician_n) as technician_n, sum(d.timeliness_sum) as timeliness_sum, sum(d.timeliness_n) as timeliness_n`;

const LABELS = {
  technician: [sql`u.name`, sql`left join users u on u.id = x.key`],
  category: [sql`k.name`, sql`left join categories k on k.code = x.key`],
  client: [sql`c.name`, sql`left join clients c on c.id = x.key`],
} as const;

/** Unanswered tickets whose deadline is still ahead (few: the partial index by deadline finds them). */
const STILL_PENDING = (span: Span, f: ReportFilters, now: string) =>
  sql`t.responded_at is null and t.response_due_at >= ${now} and t.received_at >= ${span.start}
    and t.received_at < ${span.end} and t.status <> 'cancelled' and ${ticketFilters(f)}`;

export const dailyRepo = {
  sla: (db: Db, t: Target, d: Days, ends: readonly string[], f: ReportFilters) =>
    rows(
      db,
      sql`select ${periodOf(ends)} as bucket, d.service_kind as kind, d.urgent as urgent,
          sum(d.received) as total, sum(d.met) as met, sum(d.late) as late, sum(d.unanswered) as unanswered
        from ${daily(t, d, f)}
        group by 1, 2, 3 having sum(d.received) > 0
        order by 1, 2, 3`,
    ),

  slaPending: (db: Db, span: Span, spans: Span[], f: ReportFilters, now: string) =>
    rows(
      db,
      sql`select ${bucketOf(sql`t.received_at`, spans)} as bucket, t.service_kind as kind, t.urgent as urgent,
          count(*) as n
        from tickets t where ${STILL_PENDING(span, f, now)}
        group by 1, 2, 3`,
    ),

  workload: (
    db: Db,
    t: Target & { dim: "technician" | "category" | "client" },
    d: Days,
    f: ReportFilters,
  ) => {
    const [label, join] = LABELS[t.dim];
    return rows(
      db,
      sql`select nullif(x.key, '') as key, ${label} as label, x.tickets, x.raw, x.billable from (
          select d.key, sum(d.received) as tickets, sum(d.raw_minutes) as raw, sum(d.billable_minutes) as billable
          from ${daily(t, d, f)} group by d.key having sum(d.received) > 0) x ${join}
        order by x.tickets desc, ${label}`,
    );
  },

  satisfactionTotals: (db: Db, t: Target, d: Days, f: ReportFilters) =>
    rows(db, sql`select ${SAT} from ${daily(t, d, f)}`),

  satisfactionBy: (db: Db, t: Target & { dim: "technician" | "client" }, d: Days, f: ReportFilters) => {
    const [label, join] = LABELS[t.dim];
    return rows(
      db,
      sql`select nullif(x.key, '') as key, ${label} as label, x.* from (
          select d.key, ${SAT} from ${daily(t, d, f)}
          group by d.key having sum(d.closed) > 0) x ${join}
        order by ${label}`,
    );
  },

  satisfactionTrend: (db: Db, t: Target, d: Days, ends: readonly string[], f: ReportFilters) =>
    rows(
      db,
      sql`select ${periodOf(ends)} as bucket, ${SAT} from ${daily(t, d, f)}
        group by 1 having sum(d.closed) > 0 order by 1`,
    ),

  /**
   * The hour bank per contract and period from the rows of dimension `contract` (counted on the day
   * of each reviewed ticket's last entry), with the contract's terms and client.
   */
  hourBank: (db: Db, d: Days, ends: readonly string[], f: ReportFilters) =>
    rows(
      db,
      sql`select x.key as contract_id, c.type, cl.name as client_name, c.included_minutes_per_month as included,
          x.bucket, x.used, x.tickets from (
          select d.key, ${periodOf(ends)} as bucket, sum(d.bank_minutes) as used, sum(d.bank_tickets) as tickets
          from ${daily({ dim: "contract", key: null }, d, f)}
          group by 1, 2 having sum(d.bank_tickets) > 0) x
        join contracts c on c.id = x.key join clients cl on cl.id = c.client_id
        order by cl.name, x.key, x.bucket`,
    ),

  /**
   * How many answered tickets of the range took each number of minutes, per kind × urgency (stored
   * minutes are set exactly when responded_at is: tested on them, the index alone answers).
   */
  responseCounts: (
    db: Db,
    span: Span,
    f: ReportFilters,
    column: "response_minutes" | "response_wall_minutes",
  ) =>
    rows(
      db,
      sql`select t.service_kind as kind, t.urgent as urgent, t.${sql.ref(column)} as value, count(*) as n
        from tickets t where t.received_at >= ${span.start} and t.received_at < ${span.end}
          and t.status <> 'cancelled' and t.response_minutes is not null and ${ticketFilters(f)}
        group by t.service_kind, t.urgent, t.${sql.ref(column)}`,
    ),

  /** Per category, how many tickets of the range took each number of minutes (null: not reached). */
  resolutionCounts: (db: Db, span: Span, f: ReportFilters, column: "attended_minutes" | "closed_minutes") =>
    rows(
      db,
      sql`select t.category as category, t.${sql.ref(column)} as value, count(*) as n
        from tickets t where t.received_at >= ${span.start} and t.received_at < ${span.end}
          and t.status <> 'cancelled' and ${ticketFilters(f)}
        group by t.category, t.${sql.ref(column)}`,
    ),
};
