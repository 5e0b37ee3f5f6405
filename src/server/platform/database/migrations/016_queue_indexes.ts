import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

/**
 * Queue pages filtered by client or assignee at a million tickets (issue #16).
 *
 * The list reads a page as a few ordered index ranges, one per (status, urgent) pair, each starting
 * at the cursor: (client_id | assignee_id, status, urgent, response_due_at, id) lets every range be
 * one seek and at most a page of entries, whatever the page's depth or the table's size.
 * They replace (client_id, status) and (assignee_id, status), which are their prefixes, so a create
 * maintains no more indexes than before.
 */
async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createIndex("tickets_client_queue")
    .on("tickets")
    .columns(["client_id", "status", "urgent desc", "response_due_at", "id"])
    .execute();
  await db.schema
    .createIndex("tickets_assignee_queue")
    .on("tickets")
    .columns(["assignee_id", "status", "urgent desc", "response_due_at", "id"])
    .execute();
  await db.schema.dropIndex("tickets_client").execute();
  await db.schema.dropIndex("tickets_assignee").execute();
}

export const queueIndexesMigration: Migration = { up };
