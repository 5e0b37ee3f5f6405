import { type Kysely, type Migration, SqliteAdapter, sql } from "kysely";

/**
 * Report rollups for a year at a million tickets (bench/reports.ts):
 * - `report_daily` again, with a `grain`: its day rows ('d') and the same summed by month ('m', on
 *   the month's first day), so a year of whole months reads 12 rows per key instead of 365; one
 *   table, so a ticket write still adds its rows of both grains in one upsert;
 * - the hour bank in the summary: on each ticket the instant of its last time entry and its local
 *   day; the summary gains the billable minutes and tickets of the hour bank, on rows of the
 *   dimension `contract`, on that day;
 * - `report_minutes`: histograms (days and months) of the response (business and wall), attention
 *   and closing minutes, in buckets (domain/reports/minutes.ts), from which medians and p90 are read
 *   without reading the tickets;
 * - the work not yet billed read from a partial index of the closed tickets still to invoice (and
 *   each extra charge's ticket from a narrow index of billing statuses), and the
 *   SLA report's breach list from partial indexes of the late and the unanswered tickets.
 * The summary state is cleared (and the old table dropped): the next start rebuilds every ticket's
 * facts and the summaries in the background (summary-rebuild.ts); until then reports read the tickets.
 */
// Frozen copies (see 018): a migration does not change when the domain's lists grow.
const DAILY_COUNTS = [
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

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;
const isSqlite = (db: AnyDb) => db.getExecutor().adapter instanceof SqliteAdapter;

/** Dimension first, then grain and day: a report reads one dimension's days or months as one range. */
async function daily(db: AnyDb) {
  await db.schema.dropTable("report_daily").execute();
  let t = db.schema
    .createTable("report_daily")
    .addColumn("grain", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("dim", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("service_kind", "text", (c) => c.notNull())
    .addColumn("urgent", "integer", (c) => c.notNull());
  for (const c of DAILY_COUNTS) t = t.addColumn(c, "integer", (col) => col.notNull().defaultTo(0));
  t = t.addPrimaryKeyConstraint("report_daily_pk", ["dim", "grain", "day", "key", "service_kind", "urgent"]);
  if (isSqlite(db)) t = t.modifyEnd(sql`without rowid`);
  await t.execute();
  await db.schema
    .createIndex("report_daily_key")
    .on("report_daily")
    .columns(["dim", "key", "grain", "day"])
    .execute();
}

/** Key first: a filtered report reads its value's rows; the grouped one (per category) lists its keys. */
async function histogram(db: AnyDb) {
  let t = db.schema
    .createTable("report_minutes")
    .addColumn("grain", "text", (c) => c.notNull())
    .addColumn("day", "text", (c) => c.notNull())
    .addColumn("dim", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("measure", "text", (c) => c.notNull())
    .addColumn("service_kind", "text", (c) => c.notNull())
    .addColumn("urgent", "integer", (c) => c.notNull())
    .addColumn("bucket", "integer", (c) => c.notNull())
    .addColumn("n", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("total", "bigint", (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint("report_minutes_pk", [
      "dim",
      "key",
      "measure",
      "grain",
      "day",
      "service_kind",
      "urgent",
      "bucket",
    ]);
  if (isSqlite(db)) t = t.modifyEnd(sql`without rowid`);
  await t.execute();
}

async function up(db: AnyDb): Promise<void> {
  for (const c of ["last_entry_at", "bank_day"])
    await db.schema.alterTable("tickets").addColumn(c, "text").execute();
  await daily(db);
  await histogram(db);
  // Closed tickets still to invoice, by closing instant (the list's order), covering the filters and totals
  // (and the predicate's own columns, without which SQLite does not count it as covering).
  await sql`create index tickets_unbilled on tickets (closed_at, folio, client_id, service_kind, urgent, category,
    assignee_id, channel, billable_minutes, status, billing_status)
    where status = 'closed' and billing_status = 'to_invoice'`.execute(db);
  // Extra charges not yet billed: each charge's ticket checked from this index alone.
  await sql`create index tickets_billing_status on tickets (id, status, billing_status, client_id)`.execute(
    db,
  );
  // The SLA report's breach list: answered late, and never answered, in list order (few of either).
  await sql`create index tickets_late on tickets (received_at, folio)
    where responded_at > response_due_at and status <> 'cancelled'`.execute(db);
  await sql`create index tickets_unanswered on tickets (received_at, folio)
    where responded_at is null and status <> 'cancelled'`.execute(db);
  await sql`delete from report_summary_state`.execute(db);
}

export const reportRollupsMigration: Migration = { up };
