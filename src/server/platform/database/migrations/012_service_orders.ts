import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
async function up(db: Kysely<any>): Promise<void> {
  // A link mailed to the client to accept or reject a service order; single use (used_at), expiring.
  await db.schema
    .createTable("service_order_links")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("ticket_id", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("service_order_links_ticket")
    .on("service_order_links")
    .column("ticket_id")
    .execute();

  // Every acceptance or rejection of a service order, with its evidence; append-only.
  await db.schema
    .createTable("service_order_decisions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("ticket_id", "text", (c) => c.notNull())
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("method", "text", (c) => c.notNull())
    .addColumn("signer_name", "text")
    .addColumn("reason", "text")
    .addColumn("ip", "text")
    .addColumn("user_agent", "text")
    .addColumn("actor_id", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("service_order_decisions_ticket")
    .on("service_order_decisions")
    .columns(["ticket_id", "at"])
    .execute();

  // Which notification kinds a staff user also wants by e-mail (absent row: the kind's default).
  await db.schema
    .createTable("notification_prefs")
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("by_email", "integer", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("notification_prefs_pk", ["user_id", "kind"])
    .execute();

  // Files sent with a mail (the service order PDF): JSON [{filename, contentType, base64}].
  await db.schema.alterTable("outbox").addColumn("attachments", "text").execute();
}

export const serviceOrdersMigration: Migration = { up };
