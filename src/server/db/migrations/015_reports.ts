import { type Kysely, type Migration, sql } from "kysely";

/**
 * Indexes the reports' plans use (bench/reports.ts measures them at a million tickets):
 * tickets by received day (every report's range) with the SLA columns so the compliance counts
 * read the index alone; by closing day (satisfaction, unbilled); open tickets not yet answered
 * by deadline (the dashboard's breached and near-breach lists); time entries by the instant the
 * work was done (hour bank, hours this week); the first `attended` of a ticket; charges by day.
 */
const INDEXES = [
  sql`create index tickets_received_report on tickets
    (received_at, status, service_kind, urgent, response_due_at, responded_at)`,
  sql`create index tickets_closed_report on tickets (closed_at, status, billing_status)`,
  sql`create index tickets_unresponded on tickets (response_due_at) where responded_at is null`,
  sql`create index tickets_received_channel on tickets (received_at, channel)`,
  sql`create index time_entries_done_at on time_entries ((coalesce(ended_at, created_at)), user_id, minutes)`,
  sql`create index ticket_history_status on ticket_history (ticket_id, to_status, at)`,
  sql`create index charges_created on charges (created_at)`,
];

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
async function up(db: Kysely<any>): Promise<void> {
  for (const statement of INDEXES) await statement.execute(db);
}

export const reportsMigration: Migration = { up };
