/**
 * SQL of the report summaries (migrations 018, 022): the ledger's upserts and reads, and the
 * rebuild's state (the rebuild itself: repository-rebuild.ts). Same SQL on SQLite and PostgreSQL.
 */
import { type Kysely, type Selectable, sql } from "kysely";
import { COUNTS, type DailyRow, type FactSurvey, type FactTicket } from "../../../domain/reports/facts.js";
import { MINUTE_COUNTS, type MinuteRow } from "../../../domain/reports/minutes.js";
import { compiledOnce } from "../../platform/database/compiled-once.js";
import { isSqlite } from "../../platform/database/dialect.js";
import type { DB, ReportSummaryStateTable } from "../../platform/database/schema.js";
import { ENTRY_AT } from "./repository-billing.js";

type Db = Kysely<DB>;
const PK = ["dim", "grain", "day", "key", "service_kind", "urgent"] as const;
const MINUTES_PK = ["dim", "key", "measure", "grain", "day", "service_kind", "urgent", "bucket"] as const;
type Grain = "d" | "m";
/** Rows of each grain: a change's day rows and the same summed by month. */
export interface Grains<R> {
  days: readonly R[];
  months: readonly R[];
}
const withGrain = <R>(g: Grains<R>) => [
  ...g.days.map((r) => ({ r, grain: "d" as Grain })),
  ...g.months.map((r) => ({ r, grain: "m" as Grain })),
];

/** `table.c + excluded.c` for each count column: an upsert adds a row's counts to the kept ones. */
const addUp = (table: string, names: readonly string[]) =>
  Object.fromEntries(names.map((c) => [c, sql`${sql.table(table)}.${sql.ref(c)} + excluded.${sql.ref(c)}`]));

/** Every row with a non-zero count, in key order (tests compare the kept rows with a rebuild's). */
const nonZero = (names: readonly string[]) =>
  sql<boolean>`${sql.raw(names.map((c) => `${c} <> 0`).join(" or "))}`;

type Summary = "report_daily" | "report_minutes";
type Values = Record<string, string | number>;
const SUMMARY = {
  report_daily: { pk: PK, counts: COUNTS },
  report_minutes: { pk: MINUTES_PK, counts: MINUTE_COUNTS },
} as const;

/**
 * Rows in the order of their primary key: every statement that adds to a summary table updates its
 * rows in this one order (PostgreSQL locks them as it goes), so two of them that share rows never
 * wait on each other in a cycle, whatever tickets they hold (a group of new tickets, a change).
 */
const inKeyOrder = (table: Summary, rows: Values[]): Values[] => {
  const pk = SUMMARY[table].pk;
  return rows.sort((a, b) => {
    for (const c of pk) {
      const x = a[c] ?? "";
      const y = b[c] ?? "";
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
};

const dailyValues = (rows: Grains<DailyRow>): Values[] =>
  inKeyOrder(
    "report_daily",
    withGrain(rows).map(({ r, grain }) => {
      const v: Values = {
        grain,
        day: r.day,
        dim: r.dim,
        key: r.key,
        service_kind: r.service_kind,
        urgent: r.urgent,
      };
      for (const c of COUNTS) v[c] = r.counts[c] ?? 0;
      return v;
    }),
  );

const minuteValues = (rows: Grains<MinuteRow>): Values[] =>
  inKeyOrder(
    "report_minutes",
    withGrain(rows).map(({ r, grain }) => ({
      grain,
      day: r.day,
      dim: r.dim,
      key: r.key,
      measure: r.measure,
      service_kind: r.service_kind,
      urgent: r.urgent,
      bucket: r.bucket,
      n: r.counts.n ?? 0,
      total: r.counts.total ?? 0,
    })),
  );

/** The upsert adding `values` (rows of one shape) to a summary table. */
const upsert = (db: Db, table: Summary, values: readonly Record<string, unknown>[]) =>
  db
    .insertInto(table)
    .values(values as never)
    .onConflict((oc) =>
      oc.columns(SUMMARY[table].pk).doUpdateSet(addUp(table, SUMMARY[table].counts) as never),
    );

/** Runs `upsert`, its SQL compiled once per table and number of rows (the values are bound in order). */
async function upsertOnce(db: Db, table: Summary, values: readonly Values[]): Promise<void> {
  if (values.length === 0) return;
  const bound: unknown[] = [];
  for (const v of values) for (const c in v) bound.push(v[c]);
  // Slot i is the i-th value of `bound` (row by row, column by column).
  await compiledOnce(db, `${table}.add ${values.length}`, bound as unknown as Values, (slot) => {
    let i = 0;
    return upsert(
      db,
      table,
      values.map((v) => Object.fromEntries(Object.keys(v).map((c) => [c, slot(String(i++))]))),
    );
  });
}

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

  /** When the work of the ticket's last time entry was done (null: no entry). */
  lastEntryAt: async (db: Db, ticketId: string): Promise<string | null> => {
    const r = await sql<{ at: string | null }>`select max(${ENTRY_AT}) as at from time_entries te
      where te.ticket_id = ${ticketId}`.execute(db);
    return r.rows[0]?.at ?? null;
  },

  /**
   * Adds each row's counts to the summary (a row not there yet starts at its counts), all rows of
   * both grains in one statement. The rows have distinct keys (dailyDelta merges them): PostgreSQL
   * refuses to update one row twice in a statement. Compiled once per number of rows (every ticket
   * write runs it).
   */
  apply: (db: Db, rows: Grains<DailyRow>) => upsertOnce(db, "report_daily", dailyValues(rows)),

  /** The same for histogram rows (minuteDelta merges them too). */
  applyMinutes: (db: Db, rows: Grains<MinuteRow>) => upsertOnce(db, "report_minutes", minuteValues(rows)),

  /** The rows `apply` upserts, for a caller that writes them inside a statement of its own (`upsertJsonQuery`). */
  dailyRows: dailyValues,
  /** Likewise for `applyMinutes`. */
  minuteRows: minuteValues,

  /**
   * PostgreSQL: the same upsert with the rows bound as one JSON array (`json`: a slot holding
   * JSON.stringify of dailyRows or minuteRows). A new ticket adds ten day and month rows of some twenty
   * columns each: bound one by one they were 230 of its statement's 280 parameters, each encoded by
   * this process and decoded by the server.
   */
  upsertJsonQuery: (db: Db, table: Summary, json: unknown) => {
    const columns = [...SUMMARY[table].pk, ...SUMMARY[table].counts];
    const refs = sql.join(columns.map((c) => sql.ref(c)));
    return db
      .insertInto(table)
      .columns(columns as never)
      .expression(
        sql`select ${refs} from json_populate_recordset(null::${sql.table(table)}, cast(${json} as json))`,
      )
      .onConflict((oc) =>
        oc.columns(SUMMARY[table].pk).doUpdateSet(addUp(table, SUMMARY[table].counts) as never),
      );
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

  /** Every summary row with a non-zero count, in key order (tests compare it with a rebuild). */
  allRows: (db: Db) =>
    db
      .selectFrom("report_daily")
      .selectAll()
      .where(nonZero(COUNTS))
      .orderBy("grain")
      .orderBy("dim")
      .orderBy("key")
      .orderBy("day")
      .orderBy("service_kind")
      .orderBy("urgent")
      .execute(),

  allMinuteRows: (db: Db) =>
    db
      .selectFrom("report_minutes")
      .selectAll()
      .where(nonZero(MINUTE_COUNTS))
      .orderBy("grain")
      .orderBy("dim")
      .orderBy("key")
      .orderBy("measure")
      .orderBy("day")
      .orderBy("service_kind")
      .orderBy("urgent")
      .orderBy("bucket")
      .execute(),
};
