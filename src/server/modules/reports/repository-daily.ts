/**
 * The reports' reads of the summary (`report_daily`, one row per local day × dimension value × kind
 * × urgency) and of the tickets' stored minutes (distributions). Same SQL on SQLite and PostgreSQL.
 */
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { ReportFilters } from "../../../contract/reports.js";
import type { Dim } from "../../../domain/reports/facts.js";
import type { Span } from "../../../domain/reports/range.js";
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

/** Local dates `from`..`to` (inclusive) and, for periods, the local date each period ends before. */
export interface Days {
  from: string;
  to: string;
}

const where = (t: Target, d: Days, f: ReportFilters) =>
  sql`d.dim = ${t.dim} ${t.key === null ? sql`` : sql`and d.key = ${t.key}`}
    and d.day >= ${d.from} and d.day <= ${d.to}
    ${f.kind ? sql`and d.service_kind = ${f.kind}` : sql``}
    ${f.urgent ? sql`and d.urgent = ${f.urgent === "true" ? 1 : 0}` : sql``}`;

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
        from report_daily d where ${where(t, d, f)}
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
          from report_daily d where ${where(t, d, f)} group by d.key having sum(d.received) > 0) x ${join}
        order by x.tickets desc, ${label}`,
    );
  },

  satisfactionTotals: (db: Db, t: Target, d: Days, f: ReportFilters) =>
    rows(db, sql`select ${SAT} from report_daily d where ${where(t, d, f)}`),

  satisfactionBy: (db: Db, t: Target & { dim: "technician" | "client" }, d: Days, f: ReportFilters) => {
    const [label, join] = LABELS[t.dim];
    return rows(
      db,
      sql`select nullif(x.key, '') as key, ${label} as label, x.* from (
          select d.key, ${SAT} from report_daily d where ${where(t, d, f)}
          group by d.key having sum(d.closed) > 0) x ${join}
        order by ${label}`,
    );
  },

  satisfactionTrend: (db: Db, t: Target, d: Days, ends: readonly string[], f: ReportFilters) =>
    rows(
      db,
      sql`select ${periodOf(ends)} as bucket, ${SAT} from report_daily d where ${where(t, d, f)}
        group by 1 having sum(d.closed) > 0 order by 1`,
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
