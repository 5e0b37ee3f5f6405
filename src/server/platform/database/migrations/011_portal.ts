import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

/**
 * The client portal: magic sign-in links (only a hash of the token is kept), portal sessions apart
 * from staff sessions (their own cookie, so a contact never holds a staff session), the company-admin
 * flag on contacts, and who uploaded an attachment through the portal.
 */
async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable("portal_links")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("next_path", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .addColumn("used_at", "text")
    .execute();
  await db.schema
    .createIndex("portal_links_user")
    .on("portal_links")
    .columns(["user_id", "created_at"])
    .execute();

  await db.schema
    .createTable("portal_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull())
    .addColumn("csrf_token", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("expires_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("portal_sessions_user").on("portal_sessions").column("user_id").execute();

  // Requests for a link, per address and per IP, counted in the database so every instance sees them.
  await db.schema
    .createTable("portal_link_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("key", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("portal_link_requests_key")
    .on("portal_link_requests")
    .columns(["key", "at"])
    .execute();

  await db.schema
    .alterTable("contacts")
    .addColumn("portal_admin", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable("mail_attachments").addColumn("uploaded_by", "text").execute();
}

export const portalMigration: Migration = { up };
