import { type Kysely, type Migration, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

/**
 * The client's designated billing contact (issue #14 item 7: the issued invoice is mailed to it).
 * Nullable; a contact deleted from the database leaves no dangling reference on either database
 * (`on delete set null`; SQLite runs with `foreign_keys = ON`). The index serves that delete's
 * lookup of the clients naming the contact, and the clearing when its e-mail is removed.
 */
async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("clients")
    .addColumn("billing_contact_id", "text", (c) => c.references("contacts.id").onDelete("set null"))
    .execute();
  await sql`create index clients_billing_contact on clients (billing_contact_id)
    where billing_contact_id is not null`.execute(db);
}

export const billingContactMigration: Migration = { up };
