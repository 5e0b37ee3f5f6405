import { type Kysely, type Migration, sql } from "kysely";

/**
 * Indexes the reports' plans use (bench/reports.ts measures them at a million tickets):
 * tickets by received day (every report's range) with the columns the reports read, so they read
 * the index alone; closed tickets by closing day, covering too (satisfaction, unbilled); open tickets not yet answered
 * by deadline (the dashboard's breached and near-breach lists); time entries by the instant the
 * work was done (hour bank, hours this week); the first `attended` of a ticket; charges by day.
 */
const INDEXES = [
  // Covers every per-ticket report read by received day: no table lookups for a year of tickets.
  sql`create index tickets_received_report on tickets (received_at, status, service_kind, urgent,
    response_due_at, responded_at, assignee_id, client_id, category, channel, raw_minutes, billable_minutes, closed_at)`,
  sql`create index tickets_closed_report on tickets (status, closed_at, billing_status, service_kind, urgent,
    assignee_id, client_id, category, channel, billable_minutes)`,
  sql`create index tickets_waiting on tickets (response_due_at)
    where responded_at is null and status in ('new', 'assigned', 'in_progress', 'attended', 'reviewed')`,
  sql`create index time_entries_done_at on time_entries ((coalesce(ended_at, created_at)), ticket_id, user_id, minutes)`,
  sql`create index ticket_history_status on ticket_history (ticket_id, to_status, at)`,
  sql`create index charges_created on charges (created_at)`,
];

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
async function up(db: Kysely<any>): Promise<void> {
  for (const statement of INDEXES) await statement.execute(db);
}

export const reportsMigration: Migration = { up };
