import type { Kysely, Migration } from "kysely";
import type { Dialect } from "../database.js";

/** The client every unidentified e-mail sender's ticket belongs to until reception links it. */
export const UNIDENTIFIED_CLIENT_ID = "00000000-0000-4000-8000-0000000e4a11";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const bytes = dialect === "postgres" ? "bytea" : "blob";
  // Every mail Mesa sends, written in the transaction of the change that causes it.
  await db.schema
    .createTable("outbox")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("ticket_id", "text")
    .addColumn("to_addr", "text", (c) => c.notNull())
    .addColumn("cc", "text", (c) => c.notNull())
    .addColumn("subject", "text", (c) => c.notNull())
    .addColumn("text_body", "text", (c) => c.notNull())
    .addColumn("html_body", "text", (c) => c.notNull())
    .addColumn("headers", "text", (c) => c.notNull())
    .addColumn("message_id", "text", (c) => c.notNull().unique())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("last_error", "text")
    .addColumn("locked_until", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("sent_at", "text")
    .execute();
  await db.schema.createIndex("outbox_status").on("outbox").columns(["status", "created_at"]).execute();
  // The auto-reply limit per sender and hour.
  await db.schema.createIndex("outbox_to").on("outbox").columns(["to_addr", "kind", "created_at"]).execute();

  // Every received mail, raw, before anything else is done with it.
  await db.schema
    .createTable("inbound_mail")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("message_id", "text", (c) => c.notNull().unique())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("envelope_from", "text")
    .addColumn("from_addr", "text")
    .addColumn("raw", bytes, (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("ticket_id", "text")
    .addColumn("message_ref", "text")
    .addColumn("received_at", "text", (c) => c.notNull())
    .addColumn("processed_at", "text")
    .execute();
  await db.schema.createIndex("inbound_mail_ticket").on("inbound_mail").column("ticket_id").execute();

  await db.schema
    .createTable("mail_attachments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("ticket_id", "text", (c) => c.notNull())
    .addColumn("inbound_id", "text", (c) => c.notNull())
    .addColumn("filename", "text", (c) => c.notNull())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("mail_attachments_ticket").on("mail_attachments").column("ticket_id").execute();

  // Who wrote a message that came by e-mail (its author is nobody Mesa knows as a user).
  await db.schema.alterTable("messages").addColumn("email_from", "text").execute();

  const now = new Date().toISOString();
  await db
    .insertInto("clients")
    .values({
      id: UNIDENTIFIED_CLIENT_ID,
      name: "Remitentes sin identificar",
      payment_terms: "cash",
      search_text: "remitentes sin identificar",
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export const mailMigration = (dialect: Dialect): Migration => ({ up: (db) => up(db, dialect) });
