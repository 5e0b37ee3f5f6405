import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

/**
 * The queue's `breached` filter answered from the queue index (issue #16).
 *
 * A page of breached tickets walks tickets_queue in queue order and keeps the tickets whose response
 * was late or is overdue, which needs responded_at and closed_at: read from each ticket's row, that was
 * one table lookup per entry walked (several hundred for a page), more than the rest of the page.
 * With both at the end of the index the walk reads the index alone; the order it serves is unchanged.
 */
async function up(db: AnyDb): Promise<void> {
  await db.schema.dropIndex("tickets_queue").execute();
  await db.schema
    .createIndex("tickets_queue")
    .on("tickets")
    .columns(["urgent desc", "response_due_at", "id", "responded_at", "closed_at"])
    .execute();
}

export const queueBreachedMigration: Migration = { up };
