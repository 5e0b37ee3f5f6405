import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

/**
 * 1. `idempotency_keys`: one row per (caller, Idempotency-Key), reserved before a creating request
 *    runs and finalised with its answer, so a retry replays the answer instead of creating twice.
 * 2. A `version` on clients, contacts, contracts and settings (tickets already have one): every edit
 *    bumps it, and an edit based on an older version is refused instead of silently overwriting.
 */
async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("idempotency_keys")
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("request_hash", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("response_status", "integer")
    .addColumn("response_body", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("idempotency_keys_pk", ["scope", "key"])
    .execute();
  await db.schema
    .createIndex("idempotency_keys_created")
    .on("idempotency_keys")
    .column("created_at")
    .execute();
  for (const table of ["clients", "contacts", "contracts", "settings"]) {
    await db.schema
      .alterTable(table)
      .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
      .execute();
  }
}

export const idempotencyVersionsMigration: Migration = { up };
