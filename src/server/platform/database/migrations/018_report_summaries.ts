import { type Kysely, type Migration, SqliteAdapter, sql } from "kysely";

/**
 * Report summaries (bench/reports.ts measures them at a million tickets):
 * - on each ticket, the business minutes received → responded / first attended / closed, the wall
 *   minutes to the response, the first `attended` instant and the local days (calendar zone) it was
 *   received and closed on — set by the ticket writes (modules/reports/ledger.ts);
 * - `report_daily`: per local day, filter dimension and its value × kind × urgency, the counts and
 *   sums the reports add up, kept in the transaction of each ticket or survey change;
 * - `report_summary_state`: which calendar the stored minutes and the summary are complete for, and
 *   the rebuild under way (its calendar, its task's token, the last ticket done). The columns start
 *   null and the summary empty: the first start after this migration queues a background rebuild
 *   (summary-rebuild.ts) that fills both in committed batches; until it completes reports read the tickets.
 */
// A copy of src/domain/reports/facts.ts COUNTS on purpose: a migration is a frozen snapshot of the schema
// it made, and must not change when the domain's list grows (a later migration adds the new column).
const COUNTS = [
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

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
async function up(db: Kysely<any>): Promise<void> {
  for (const c of ["attended_at", "report_day", "closed_day"] as const) {
    await db.schema.alterTable("tickets").addColumn(c, "text").execute();
  }
  for (const c of ["response_minutes", "response_wall_minutes", "attended_minutes", "closed_minutes"]) {
    await db.schema.alterTable("tickets").addColumn(c, "integer").execute();
  }
  let daily = db.schema
    .createTable("report_daily")
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("dim", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("service_kind", "text", (c) => c.notNull())
    .addColumn("urgent", "integer", (c) => c.notNull());
  for (const c of COUNTS) daily = daily.addColumn(c, "integer", (col) => col.notNull().defaultTo(0));
  daily = daily.addPrimaryKeyConstraint("report_daily_pk", ["dim", "day", "key", "service_kind", "urgent"]);
  // SQLite: the rows clustered in key order, so a dimension's days are read in one sequential range.
  if (db.getExecutor().adapter instanceof SqliteAdapter) daily = daily.modifyEnd(sql`without rowid`);
  await daily.execute();
  await db.schema.createIndex("report_daily_key").on("report_daily").columns(["dim", "key", "day"]).execute();
  await db.schema
    .createTable("report_summary_state")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("calendar_key", "text")
    .addColumn("built_at", "text")
    .addColumn("target_key", "text")
    .addColumn("token", "text")
    .addColumn("cursor", "text")
    .execute();
  // Distributions (median, p90) read the stored minutes of a range from this index alone.
  await sql`create index tickets_report_minutes on tickets (received_at, status, service_kind, urgent,
    category, client_id, assignee_id, channel, response_minutes, response_wall_minutes, attended_minutes,
    closed_minutes)`.execute(db);
  // The SLA report's pending count: unanswered tickets whose deadline is still ahead (few, any status).
  await sql`create index tickets_unanswered_due on tickets (response_due_at) where responded_at is null`.execute(
    db,
  );
}

export const reportSummariesMigration: Migration = { up };
