import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

/**
 * Who sees an attachment: `client` (the portal lists and serves it) or `internal` (staff only). Staff
 * may now upload files to a ticket and keep some inside (a photo of a rack with passwords on it);
 * every file kept before came from the client or its mail, so the existing rows are client-visible.
 */
async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("mail_attachments")
    .addColumn("visibility", "text", (c) => c.notNull().defaultTo("client"))
    .execute();
}

export const attachmentVisibilityMigration: Migration = { up };
