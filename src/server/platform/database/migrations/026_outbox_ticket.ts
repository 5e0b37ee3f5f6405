import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

/**
 * The survey links mailed for the tickets in reception's survey queue, read from the outbox by ticket.
 *
 * The queue shows, per ticket, the latest `portal_survey` mail (when and to whom, and whether it
 * failed): one statement for up to 500 tickets. The outbox keeps every mail Mesa ever sent and had no
 * index on ticket_id, so that statement read the whole table on every load of the queue (it refreshes
 * every 30 s). With (ticket_id, kind, created_at) each ticket is one index range, newest last.
 */
async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex("outbox_ticket")
    .on("outbox")
    .columns(["ticket_id", "kind", "created_at"])
    .execute();
}

export const outboxTicketMigration: Migration = { up };
