/**
 * SQL of the report summaries' rebuild from scratch (summary-rebuild.ts): the per-ticket facts
 * backfill, then every summary table from the stored facts. Same SQL on SQLite and PostgreSQL; the
 * rows it writes are the ones the ledger keeps (domain/reports/facts.ts, minutes.ts), which the
 * API tests compare row by row.
 */
import { type Kysely, sql } from "kysely";
import { COUNTS, type Facts } from "../../../domain/reports/facts.js";
import { BUCKET_WIDTHS, MINUTE_COUNTS } from "../../../domain/reports/minutes.js";
import { isSqlite } from "../../platform/database/dialect.js";
import type { DB } from "../../platform/database/schema.js";
import { ENTRY_AT } from "./repository-billing.js";

type Db = Kysely<DB>;

/** The dimension value of a row `x` with the ticket columns, for the dimension named by `d.dim`. */
const DIM_KEY = sql`case d.dim when 'client' then x.client_id when 'category' then coalesce(x.category, '')
  when 'technician' then coalesce(x.assignee_id, '') when 'channel' then x.channel else '' end`;
const DIM_LIST = sql`(select 'all' as dim union all select 'client' union all select 'category'
  union all select 'technician' union all select 'channel')`;

/** Each count column, as given in `given` or else 0, in COUNTS order (the sides of one UNION). */
const countsOf = (given: Partial<Record<(typeof COUNTS)[number], string>>) =>
  sql.raw(COUNTS.map((c) => `${given[c] ?? "0"} as ${c}`).join(", "));
const answered = (c: string) => `case when s.outcome = 'answered' and s.${c} is not null then`;

const RECEIVED_SIDE = sql`select t.report_day as day, t.client_id, t.category, t.assignee_id, t.channel,
    t.service_kind, t.urgent, ${countsOf({
      received: "1",
      met: "case when t.responded_at is not null and t.responded_at <= t.response_due_at then 1 else 0 end",
      late: "case when t.responded_at is not null and t.responded_at > t.response_due_at then 1 else 0 end",
      unanswered: "case when t.responded_at is null then 1 else 0 end",
      raw_minutes: "t.raw_minutes",
      billable_minutes: "coalesce(t.billable_minutes, 0)",
    })}
  from tickets t where t.status <> 'cancelled' and t.report_day is not null`;

const CLOSED_SIDE = sql`select t.closed_day as day, t.client_id, t.category, t.assignee_id, t.channel,
    t.service_kind, t.urgent, ${countsOf({
      closed: "1",
      answered: "case when s.outcome = 'answered' then 1 else 0 end",
      unreachable: "case when s.outcome = 'unreachable' then 1 else 0 end",
      ...Object.fromEntries(
        ["overall", "technician", "timeliness"].flatMap((c) => [
          [`${c}_sum`, `${answered(c)} s.${c} else 0 end`],
          [`${c}_n`, `${answered(c)} 1 else 0 end`],
        ]),
      ),
    })}
  from tickets t left join surveys s on s.ticket_id = t.id where t.status = 'closed' and t.closed_day is not null`;

/** The hour bank: reviewed contract tickets on the day of their last entry, per contract only. */
const BANK_SIDE = sql`select t.bank_day as day, 'contract' as dim, t.contract_id as key, t.service_kind,
    t.urgent, ${countsOf({ bank_minutes: "t.billable_minutes", bank_tickets: "1" })}
  from tickets t where t.status <> 'cancelled' and t.service_kind = 'contract' and t.contract_id is not null
    and t.billable_minutes is not null and t.bank_day is not null`;

/** minutes.ts bucketOf in SQL: integer division of non-negative minutes rounds up by (v + w − 1) / w. */
const bucketSql = (v: string) => {
  const steps = BUCKET_WIDTHS.steps.map(
    ([limit, width]) => `when ${v} <= ${limit} then ((${v} + ${width - 1}) / ${width}) * ${width}`,
  );
  const w = BUCKET_WIDTHS.last;
  return sql.raw(`case ${steps.join(" ")} else ((${v} + ${w - 1}) / ${w}) * ${w} end`);
};

/** Response (business and wall) minutes per filter dimension; attention and closing per category. */
const MINUTE_SAMPLES = sql`select x.report_day as day, d.dim, ${DIM_KEY} as key, m.measure, x.service_kind,
    x.urgent, case m.measure when 'response' then x.response_minutes else x.response_wall_minutes end as v
  from tickets x cross join ${DIM_LIST} d cross join (select 'response' as measure union all select 'wall') m
  where x.status <> 'cancelled' and x.report_day is not null and x.response_minutes is not null
    and x.response_wall_minutes is not null
  union all
  select x.report_day, 'category', coalesce(x.category, ''), m.measure, x.service_kind, x.urgent,
    case m.measure when 'attended' then x.attended_minutes else x.closed_minutes end
  from tickets x cross join (select 'attended' as measure union all select 'closed') m
  where x.status <> 'cancelled' and x.report_day is not null
    and (case m.measure when 'attended' then x.attended_minutes else x.closed_minutes end) is not null`;

/** The first day of the month of a `day` column. */
const MONTH_OF_DAY = sql`substr(day, 1, 8) || '01'`;

export interface FactsInput {
  id: string;
  version: number;
  received_at: string;
  responded_at: string | null;
  closed_at: string | null;
  attended_at: string | null;
  last_entry_at: string | null;
}

/** The instants of tickets, the first time each was attended (history) and its last time entry. */
const factsInputs = (db: Db) =>
  db
    .selectFrom("tickets as t")
    .select(["t.id", "t.version", "t.received_at", "t.responded_at", "t.closed_at"])
    .select(
      sql<string | null>`(select min(h.at) from ticket_history h
        where h.ticket_id = t.id and h.to_status = 'attended')`.as("attended_at"),
    )
    .select(
      sql<string | null>`(select max(${ENTRY_AT}) from time_entries te where te.ticket_id = t.id)`.as(
        "last_entry_at",
      ),
    );

export type RebuiltFacts = Facts & {
  id: string;
  version: number;
  attended_at: string | null;
  last_entry_at: string | null;
};

export const rebuildRepo = {
  hasTickets: async (db: Db) => !!(await db.selectFrom("tickets").select("id").limit(1).executeTakeFirst()),

  /** A page of tickets after `afterId` (id order) with the instants their facts come from. */
  factsPage: (db: Db, afterId: string, limit: number): Promise<FactsInput[]> =>
    factsInputs(db).where("t.id", ">", afterId).orderBy("t.id").limit(limit).execute(),

  /** The same for tickets changed while their page was computed. */
  factsByIds: (db: Db, ids: readonly string[]): Promise<FactsInput[]> =>
    factsInputs(db).where("t.id", "in", ids).execute(),

  /**
   * Writes a page of facts, only over the version read: answers the ids written (the others changed
   * meanwhile: read again). PostgreSQL: one statement (UPDATE … FROM a VALUES list). SQLite: one
   * UPDATE per ticket by its key, in the caller's transaction — no round trips to save, and above a
   * few hundred VALUES rows SQLite's planner turns UPDATE … FROM into a scan of every ticket.
   */
  writeFacts: async (db: Db, rows: readonly RebuiltFacts[]): Promise<Set<string>> => {
    if (rows.length === 0) return new Set();
    if (isSqlite(db)) {
      const written = new Set<string>();
      for (const { id, version, ...facts } of rows) {
        const r = await db
          .updateTable("tickets")
          .set(facts)
          .where("id", "=", id)
          .where("version", "=", version)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) === 1) written.add(id);
      }
      return written;
    }
    const values = rows.map(
      (r) =>
        sql`(${r.id}, ${r.version}::integer, ${r.attended_at}, ${r.report_day}, ${r.closed_day},
          ${r.response_minutes}::integer, ${r.response_wall_minutes}::integer, ${r.attended_minutes}::integer,
          ${r.closed_minutes}::integer, ${r.last_entry_at}, ${r.bank_day})`,
    );
    const written = await sql<{ id: string }>`with v (id, version, attended_at, report_day, closed_day, rm,
        rwm, am, cm, le, bd) as (values ${sql.join(values)})
      update tickets set attended_at = v.attended_at, report_day = v.report_day, closed_day = v.closed_day,
        response_minutes = v.rm, response_wall_minutes = v.rwm, attended_minutes = v.am, closed_minutes = v.cm,
        last_entry_at = v.le, bank_day = v.bd
      from v where tickets.id = v.id and tickets.version = v.version
      returning tickets.id`.execute(db);
    return new Set(written.rows.map((r) => r.id));
  },

  /**
   * Every summary from scratch, from the tickets' stored facts and their surveys. PostgreSQL: the
   * tables are locked first (in the ledger's order), so a ticket write either committed before (and
   * is read) or adds its delta after.
   */
  rebuildSummaries: async (db: Db) => {
    if (!isSqlite(db)) await sql`lock table report_daily, report_minutes in exclusive mode`.execute(db);
    await db.deleteFrom("report_daily").execute();
    await db.deleteFrom("report_minutes").execute();
    const cols = sql.raw(COUNTS.join(", "));
    const sums = (from: string) => sql.raw(COUNTS.map((c) => `sum(${from}${c})`).join(", "));
    await sql`insert into report_daily (grain, day, dim, key, service_kind, urgent, ${cols})
      select 'd', x.day, d.dim, ${DIM_KEY}, x.service_kind, x.urgent, ${sums("x.")}
      from (${RECEIVED_SIDE} union all ${CLOSED_SIDE}) x cross join ${DIM_LIST} d
      group by x.day, d.dim, ${DIM_KEY}, x.service_kind, x.urgent`.execute(db);
    await sql`insert into report_daily (grain, day, dim, key, service_kind, urgent, ${cols})
      select 'd', x.day, x.dim, x.key, x.service_kind, x.urgent, ${sums("x.")} from (${BANK_SIDE}) x
      group by x.day, x.dim, x.key, x.service_kind, x.urgent`.execute(db);
    await sql`insert into report_daily (grain, day, dim, key, service_kind, urgent, ${cols})
      select 'm', ${MONTH_OF_DAY}, dim, key, service_kind, urgent, ${sums("")} from report_daily
      where grain = 'd' group by ${MONTH_OF_DAY}, dim, key, service_kind, urgent`.execute(db);
    const mcols = sql.raw(MINUTE_COUNTS.join(", "));
    await sql`insert into report_minutes (grain, day, dim, key, measure, service_kind, urgent, bucket, ${mcols})
      select 'd', x.day, x.dim, x.key, x.measure, x.service_kind, x.urgent, ${bucketSql("x.v")}, count(*),
        sum(x.v)
      from (${MINUTE_SAMPLES}) x group by 2, 3, 4, 5, 6, 7, 8`.execute(db);
    await sql`insert into report_minutes (grain, day, dim, key, measure, service_kind, urgent, bucket, ${mcols})
      select 'm', ${MONTH_OF_DAY}, dim, key, measure, service_kind, urgent, bucket, sum(n), sum(total)
      from report_minutes where grain = 'd' group by 2, 3, 4, 5, 6, 7, 8`.execute(db);
  },

  /** minutes.ts bucketOf computed by the database for each of `values` (tests compare the two). */
  bucketsInSql: async (db: Db, values: readonly number[]): Promise<number[]> => {
    const rows = values.map((v) => sql`select ${sql.lit(v)} as i, ${bucketSql(String(v))} as b`);
    const r = await sql<{ i: number; b: number }>`${sql.join(rows, sql` union all `)}`.execute(db);
    return r.rows.sort((a, b) => Number(a.i) - Number(b.i)).map((x) => Number(x.b));
  },
};
