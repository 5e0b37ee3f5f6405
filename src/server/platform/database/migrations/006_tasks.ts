import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
async function up(db: Kysely<any>): Promise<void> {
  // A periodic job's failure is kept on its row, so an admin sees it without reading the logs.
  await db.schema.alterTable("jobs").addColumn("last_error", "text").execute();
  await db.schema.alterTable("jobs").addColumn("last_failure_at", "text").execute();

  await db.schema
    .createTable("tasks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("dedupe_key", "text")
    .addColumn("run_at", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("max_attempts", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("locked_by", "text")
    .addColumn("locked_until", "text")
    .addColumn("last_error", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("done_at", "text")
    .execute();
  // The worker's claim: due rows by status, oldest first.
  await db.schema.createIndex("tasks_status_run_at").on("tasks").columns(["status", "run_at"]).execute();
  // One task per (kind, key) for all time; NULL keys never collide on either database.
  await db.schema.createIndex("tasks_dedupe").unique().on("tasks").columns(["kind", "dedupe_key"]).execute();
  // The admin list, newest first.
  await db.schema.createIndex("tasks_created").on("tasks").columns(["created_at", "id"]).execute();
}

export const tasksMigration: Migration = { up };
