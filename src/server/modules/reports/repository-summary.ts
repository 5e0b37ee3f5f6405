/**
 * SQL of the report summary (migration 018): the ledger's upserts, the from-scratch rebuild, the
 * per-ticket facts backfill and the rebuild's state. Same SQL on SQLite and PostgreSQL.
 */
import { type Kysely, type Selectable, SqliteAdapter, sql } from "kysely";
import {
  COUNTS,
  type DailyRow,
  type FactSurvey,
  type Facts,
  type FactTicket,
} from "../../../domain/reports/facts.js";
import { type Prepared, prepared } from "../../platform/database/prepared.js";
import type { DB, ReportSummaryStateTable } from "../../platform/database/schema.js";

type Db = Kysely<DB>;
const PK = ["dim", "day", "key", "service_kind", "urgent"] as const;

/** The dimension value of a row `x` with the ticket columns, for the dimension named by `d.dim`. */
const DIM_KEY = sql`case d.dim when 'client' then x.client_id when 'category' then coalesce(x.category, '')
  when 'technician' then coalesce(x.assignee_id, '') when 'channel' then x.channel else '' end`;
const DIM_LIST = sql`(select 'all' as dim union all select 'client' union all select 'category'
  union all select 'technician' union all select 'channel')`;
const zeros = (names: readonly string[]) => sql.raw(names.map((c) => `0 as ${c}`).join(", "));

const RECEIVED_SIDE = sql`select t.report_day as day, t.client_id, t.category, t.assignee_id, t.channel,
    t.service_kind, t.urgent, 1 as received,
    case when t.responded_at is not null and t.responded_at <= t.response_due_at then 1 else 0 end as met,
    case when t.responded_at is not null and t.responded_at > t.response_due_at then 1 else 0 end as late,
    case when t.responded_at is null then 1 else 0 end as unanswered,
    t.raw_minutes, coalesce(t.billable_minutes, 0) as billable_minutes, ${zeros(COUNTS.slice(6))}
  from tickets t where t.status <> 'cancelled' and t.report_day is not null`;

const score = (c: string) =>
  sql.raw(`case when s.outcome = 'answered' and s.${c} is not null then s.${c} else 0 end as ${c}_sum,
    case when s.outcome = 'answered' and s.${c} is not null then 1 else 0 end as ${c}_n`);
const CLOSED_SIDE = sql`select t.closed_day as day, t.client_id, t.category, t.assignee_id, t.channel,
    t.service_kind, t.urgent, ${zeros(COUNTS.slice(0, 6))}, 1 as closed,
    case when s.outcome = 'answered' then 1 else 0 end as answered,
    case when s.outcome = 'unreachable' then 1 else 0 end as unreachable,
    ${score("overall")}, ${score("technician")}, ${score("timeliness")}
  from tickets t left join surveys s on s.ticket_id = t.id where t.status = 'closed' and t.closed_day is not null`;

export interface FactsInput {
  id: string;
  version: number;
  received_at: string;
  responded_at: string | null;
  closed_at: string | null;
  attended_at: string | null;
}

/** The instants of tickets, and the first time each was attended (from the history). */
const factsInputs = (db: Db) =>
  db
    .selectFrom("tickets as t")
    .select(["t.id", "t.version", "t.received_at", "t.responded_at", "t.closed_at"])
    .select(
      sql<string | null>`(select min(h.at) from ticket_history h
        where h.ticket_id = t.id and h.to_status = 'attended')`.as("attended_at"),
    );

/** The summary's columns in the order an upsert takes them, row after row. */
const DAILY_COLUMNS = [...PK, ...COUNTS];
type DailyArgs = (string | number)[];
const upserts = new Map<number, Prepared<DailyArgs, unknown>>();

/**
 * Adds `count` rows' counts to the summary, the row not there yet starting at its counts; built once
 * per row count (a new ticket adds five), as every ticket write runs it. Arguments: DAILY_COLUMNS of
 * each row, one row after the other.
 */
function upsertDaily(count: number): Prepared<DailyArgs, unknown> {
  let q = upserts.get(count);
  if (q) return q;
  q = prepared<DailyArgs>()((db, arg) =>
    db
      .insertInto("report_daily")
      .values(
        Array.from({ length: count }, (_, i) =>
          Object.fromEntries(DAILY_COLUMNS.map((c, j) => [c, arg(i * DAILY_COLUMNS.length + j)])),
        ) as never,
      )
      .onConflict((oc) =>
        oc
          .columns(PK)
          .doUpdateSet(
            Object.fromEntries(
              COUNTS.map((c) => [c, sql`report_daily.${sql.ref(c)} + excluded.${sql.ref(c)}`]),
            ),
          ),
      ),
  );
  upserts.set(count, q);
  return q;
}

const isSqlite = (db: Db) => db.getExecutor().adapter instanceof SqliteAdapter;
type StatePatch = Partial<Omit<Selectable<ReportSummaryStateTable>, "id">>;

export const summaryRepo = {
  survey: (db: Db, ticketId: string): Promise<FactSurvey | undefined> =>
    db
      .selectFrom("surveys")
      .select(["outcome", "overall", "technician", "timeliness"])
      .where("ticket_id", "=", ticketId)
      .executeTakeFirst(),

  /**
   * The ticket a survey is recorded on. PostgreSQL: locked, so a concurrent ticket change (which
   * reads the survey after its own UPDATE) either sees this survey or is seen by it.
   */
  ticketForSurvey: (db: Db, id: string): Promise<FactTicket | undefined> => {
    const q = db.selectFrom("tickets").selectAll().where("id", "=", id);
    return (isSqlite(db) ? q : q.forUpdate()).executeTakeFirst();
  },

  /**
   * Adds each row's counts to the summary (a row not there yet starts at its counts), all rows in one
   * statement. The rows have distinct keys (dailyDelta merges them): PostgreSQL refuses to update
   * one row twice in a statement.
   */
  apply: async (db: Db, rows: readonly DailyRow[]) => {
    if (rows.length === 0) return;
    const args: DailyArgs = [];
    for (const r of rows) {
      // In DAILY_COLUMNS order: the key (PK), then the counts.
      args.push(r.dim, r.day, r.key, r.service_kind, r.urgent);
      for (const c of COUNTS) args.push(r.counts[c] ?? 0);
    }
    await upsertDaily(rows.length)(db, args);
  },

  state: (db: Db) => db.selectFrom("report_summary_state").selectAll().where("id", "=", 1).executeTakeFirst(),

  /** Sets the state row's columns (creating the row when missing). */
  putState: async (db: Db, patch: StatePatch) => {
    await db
      .insertInto("report_summary_state")
      .values({ id: 1, ...patch })
      .onConflict((oc) => oc.column("id").doUpdateSet(patch))
      .execute();
  },

  /** Updates the state only while the rebuild named by `token` is still the one under way. */
  putStateIf: async (db: Db, token: string, patch: StatePatch) => {
    const r = await db
      .updateTable("report_summary_state")
      .set(patch)
      .where("id", "=", 1)
      .where("token", "=", token)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  hasTickets: async (db: Db) => !!(await db.selectFrom("tickets").select("id").limit(1).executeTakeFirst()),

  /** A page of tickets after `afterId` (id order) with the instants their facts come from. */
  factsPage: (db: Db, afterId: string, limit: number): Promise<FactsInput[]> =>
    factsInputs(db).where("t.id", ">", afterId).orderBy("t.id").limit(limit).execute(),

  /** The same for tickets changed while their page was computed. */
  factsByIds: (db: Db, ids: readonly string[]): Promise<FactsInput[]> =>
    factsInputs(db).where("t.id", "in", ids).execute(),

  /**
   * Writes a page of facts in one statement (UPDATE … FROM a VALUES list: SQLite 3.33+, PostgreSQL).
   * Only over the version read: answers the ids written (the others changed meanwhile: read again).
   */
  writeFacts: async (
    db: Db,
    rows: readonly (Facts & { id: string; version: number; attended_at: string | null })[],
  ): Promise<Set<string>> => {
    if (rows.length === 0) return new Set();
    const int = (v: number | null) => sql`cast(${v} as integer)`;
    const values = rows.map(
      (r) =>
        sql`(${r.id}, ${int(r.version)}, ${r.attended_at}, ${r.report_day}, ${r.closed_day},
          ${int(r.response_minutes)}, ${int(r.response_wall_minutes)}, ${int(r.attended_minutes)},
          ${int(r.closed_minutes)})`,
    );
    const written = await sql<{
      id: string;
    }>`with v (id, version, attended_at, report_day, closed_day, rm, rwm, am, cm) as (values ${sql.join(values)})
      update tickets set attended_at = v.attended_at, report_day = v.report_day, closed_day = v.closed_day,
        response_minutes = v.rm, response_wall_minutes = v.rwm, attended_minutes = v.am, closed_minutes = v.cm
      from v where tickets.id = v.id and tickets.version = v.version
      returning tickets.id`.execute(db);
    return new Set(written.rows.map((r) => r.id));
  },

  /**
   * The summary from scratch, from the tickets' stored days and their surveys. PostgreSQL: the table
   * is locked first, so a ticket write either committed before (and is read) or adds its delta after.
   */
  rebuildDaily: async (db: Db) => {
    if (!isSqlite(db)) await sql`lock table report_daily in exclusive mode`.execute(db);
    await db.deleteFrom("report_daily").execute();
    const cols = sql.raw(COUNTS.join(", "));
    const sums = sql.raw(COUNTS.map((c) => `sum(x.${c})`).join(", "));
    await sql`insert into report_daily (day, dim, key, service_kind, urgent, ${cols})
      select x.day, d.dim, ${DIM_KEY}, x.service_kind, x.urgent, ${sums}
      from (${RECEIVED_SIDE} union all ${CLOSED_SIDE}) x cross join ${DIM_LIST} d
      group by x.day, d.dim, ${DIM_KEY}, x.service_kind, x.urgent`.execute(db);
  },

  /** Every summary row with a non-zero count, in key order (tests compare it with a rebuild). */
  allRows: (db: Db) =>
    db
      .selectFrom("report_daily")
      .selectAll()
      .where(sql<boolean>`${sql.raw(COUNTS.map((c) => `${c} <> 0`).join(" or "))}`)
      .orderBy("dim")
      .orderBy("key")
      .orderBy("day")
      .orderBy("service_kind")
      .orderBy("urgent")
      .execute(),
};
