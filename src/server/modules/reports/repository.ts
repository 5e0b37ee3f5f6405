/**
 * The reports' SQL: aggregates grouped in the database, or narrow projections (a few columns of the
 * tickets in range) where a figure needs the calendar engine. Same SQL on SQLite and PostgreSQL:
 * instants are fixed-width ISO text, so ranges and comparisons are text comparisons.
 */
import { type Kysely, type RawBuilder, type SqlBool, sql } from "kysely";
import type { ReportFilters } from "../../../contract/reports.js";
import type { Span } from "../../../domain/reports/range.js";
import type { DB } from "../../platform/database/schema.js";

type Db = Kysely<DB>;
type Row = Record<string, unknown>;

const rows = async <T = Row>(db: Db, q: RawBuilder<unknown>): Promise<T[]> =>
  (await q.execute(db)).rows as T[];

/** The filters on the ticket `t` (the range is applied by each query on its own column). */
export function ticketFilters(f: Omit<ReportFilters, "from" | "to">): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [sql`1 = 1`];
  if (f.clientId) parts.push(sql`t.client_id = ${f.clientId}`);
  if (f.kind) parts.push(sql`t.service_kind = ${f.kind}`);
  if (f.urgent) parts.push(sql`t.urgent = ${f.urgent === "true" ? 1 : 0}`);
  if (f.category) parts.push(sql`t.category = ${f.category}`);
  if (f.technicianId) parts.push(sql`t.assignee_id = ${f.technicianId}`);
  if (f.channel) parts.push(sql`t.channel = ${f.channel}`);
  return sql<SqlBool>`(${sql.join(parts, sql` and `)})`;
}

/** Tickets received in the span, cancelled ones left out (SPEC §10). */
const received = (span: Span, f: ReportFilters) =>
  sql`t.received_at >= ${span.start} and t.received_at < ${span.end} and t.status <> 'cancelled' and ${ticketFilters(f)}`;

/** The bucket an instant column falls in, as the index of the span (spans are ordered, contiguous). */
export function bucketOf(column: RawBuilder<unknown>, spans: readonly Span[]): RawBuilder<unknown> {
  if (spans.length === 0) return sql`0`;
  const whens = spans.map((s, i) => sql`when ${column} < ${s.end} then ${sql.lit(i)}`);
  return sql`(case ${sql.join(whens, sql` `)} else ${sql.lit(spans.length - 1)} end)`;
}

const met = sql`t.responded_at is not null and t.responded_at <= t.response_due_at`;
const breached = (now: string) =>
  sql`(t.responded_at is not null and t.responded_at > t.response_due_at) or (t.responded_at is null and t.response_due_at < ${now})`;
const pending = (now: string) => sql`t.responded_at is null and t.response_due_at >= ${now}`;
const counts = (now: string) => sql`count(*) as total,
  sum(case when ${met} then 1 else 0 end) as met,
  sum(case when ${breached(now)} then 1 else 0 end) as breached,
  sum(case when ${pending(now)} then 1 else 0 end) as pending`;

export const reportsRepo = {
  /** Compliance counts per period × kind × urgency in one pass over the range (rolled up by the caller). */
  slaCounts: (db: Db, span: Span, spans: Span[], f: ReportFilters, now: string) =>
    rows(
      db,
      sql`select t.bucket as bucket, t.kind as kind, t.urgent as urgent, ${counts(now)} from (
          select ${bucketOf(sql`t.received_at`, spans)} as bucket, t.service_kind as kind, t.urgent,
            t.responded_at, t.response_due_at
          from tickets t where ${received(span, f)}) t
        group by t.bucket, t.kind, t.urgent order by t.bucket, t.kind, t.urgent`,
    ),

  /**
   * The first breaches of the range: answered late, or unanswered past the deadline. Each kind is
   * read from its partial index (migration 022) in list order, so a year with few breaches reads
   * those, not every ticket of the year.
   */
  slaBreaches: (db: Db, span: Span, f: ReportFilters, now: string, limit: number) => {
    const first = (kind: RawBuilder<unknown>) =>
      sql`select * from (select t.id from tickets t where ${kind} and t.status <> 'cancelled'
        and t.received_at >= ${span.start} and t.received_at < ${span.end} and ${ticketFilters(f)}
        order by t.received_at, t.folio limit ${limit}) x`;
    return rows(
      db,
      sql`select t.id, t.folio, t.title, c.name as client_name, t.service_kind, t.urgent, t.received_at,
          t.response_due_at, t.responded_at, u.name as assignee_name
        from (${first(sql`t.responded_at > t.response_due_at`)}
          union all ${first(sql`t.responded_at is null and t.response_due_at < ${now}`)}) b
        join tickets t on t.id = b.id join clients c on c.id = t.client_id left join users u on u.id = t.assignee_id
        order by t.received_at, t.folio limit ${limit}`,
    );
  },

  /** Received and responded instants of the answered tickets: business time needs the calendar. */
  responseTimes: (db: Db, span: Span, f: ReportFilters) =>
    rows<{ kind: string; urgent: number; received_at: string; responded_at: string }>(
      db,
      sql`select t.service_kind as kind, t.urgent, t.received_at, t.responded_at from tickets t
        where ${received(span, f)} and t.responded_at is not null`,
    ),

  /** Per ticket in range: its category, received, first attended and closed instants. */
  resolutionTimes: (db: Db, span: Span, f: ReportFilters) =>
    rows<{
      category: string | null;
      received_at: string;
      attended_at: string | null;
      closed_at: string | null;
    }>(
      db,
      sql`select t.category, t.received_at, t.closed_at,
          (select min(h.at) from ticket_history h where h.ticket_id = t.id and h.to_status = 'attended') as attended_at
        from tickets t where ${received(span, f)}`,
    ),

  categories: (db: Db) =>
    db.selectFrom("categories").select(["code", "name", "estimate_minutes"]).orderBy("code").execute(),

  workload: (db: Db, span: Span, f: ReportFilters, by: "technician" | "category" | "client") => {
    const [key, label, join] = {
      // `|| ''` keeps null as null but is no bare column: the planner then reads the received-day
      // index instead of walking tickets_assignee_queue for its order (and sorting a year is cheap).
      technician: [sql`(t.assignee_id || '')`, sql`u.name`, sql`left join users u on u.id = t.assignee_id`],
      category: [sql`(t.category || '')`, sql`k.name`, sql`left join categories k on k.code = t.category`],
      // CROSS JOIN (condition in WHERE) keeps the received-day range the outer loop on SQLite.
      client: [sql`(t.client_id || '')`, sql`c.name`, sql`cross join clients c`],
    }[by];
    return rows(
      db,
      sql`select ${key} as key, ${label} as label, count(*) as tickets, sum(t.raw_minutes) as raw,
          sum(t.billable_minutes) as billable
        from tickets t ${join} where ${received(span, f)} ${by === "client" ? sql`and c.id = t.client_id` : sql``}
        group by ${key}, ${label} order by count(*) desc, ${label}`,
    );
  },

  /**
   * Minutes logged in the range by attention mode, dated by the entry (when the work ended), not by
   * the ticket's intake: December's work on a November ticket is December's load. With a technician
   * filter, that technician's own entries only.
   */
  workloadByMode: (db: Db, span: Span, f: ReportFilters) =>
    rows(
      db,
      sql`select te.mode as key, count(distinct te.ticket_id) as tickets, sum(te.minutes) as raw
        from time_entries te join tickets t on t.id = te.ticket_id
        where coalesce(te.ended_at, te.created_at) >= ${span.start}
          and coalesce(te.ended_at, te.created_at) < ${span.end}
          and t.status <> 'cancelled' and ${ticketFilters(f)}
          ${f.technicianId ? sql`and te.user_id = ${f.technicianId}` : sql``}
        group by te.mode order by sum(te.minutes) desc`,
    ),
};
