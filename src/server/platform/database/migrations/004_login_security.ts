import { type Kysely, type Migration, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
async function up(db: Kysely<any>): Promise<void> {
  // Login throttling: one row per key ("acct:<email>|ip:<ip>" or "ip:<ip>"). Times are epoch
  // milliseconds, not ISO text, so one conditional UPSERT can add a delay on both databases.
  await db.schema
    .createTable("login_throttle")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("blocked_until", "bigint", (c) => c.notNull())
    .addColumn("last_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.dropTable("login_attempts").ifExists().execute();

  // SQLite adds one column per ALTER TABLE.
  for (const column of ["public_id", "ip", "user_agent", "last_seen_at"]) {
    await db.schema.alterTable("sessions").addColumn(column, "text").execute();
  }
  // Open sessions keep working; their listed id is their (already secret-free) hash.
  await sql`update sessions set public_id = id, last_seen_at = created_at where public_id is null`.execute(
    db,
  );
  await db.schema.createIndex("sessions_public_id").on("sessions").column("public_id").unique().execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();
}

export const loginSecurityMigration: Migration = { up };
