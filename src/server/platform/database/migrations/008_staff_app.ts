import type { Kysely, Migration } from "kysely";
import { foldForSearch } from "../../../../domain/text.js";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

const BATCH = 500;

/**
 * Ticket search also finds the contact's name: search_text of every ticket is rebuilt with it (in
 * batches, by id, so a large desk does not hold every row in memory). The SQLite FTS index follows
 * through its update trigger (migration 003); PostgreSQL's GIN index follows by itself.
 * Same text as ticketSearchText at the time of writing, frozen here on purpose.
 */
export async function rebuildTicketSearch(db: AnyDb): Promise<void> {
  let after = "";
  for (;;) {
    const rows = await db
      .selectFrom("tickets")
      .innerJoin("clients", "clients.id", "tickets.client_id")
      .leftJoin("contacts", "contacts.id", "tickets.contact_id")
      .select([
        "tickets.id",
        "tickets.folio",
        "tickets.title",
        "tickets.description",
        "clients.name as client_name",
        "contacts.name as contact_name",
      ])
      .where("tickets.id", ">", after)
      .orderBy("tickets.id")
      .limit(BATCH)
      .execute();
    for (const r of rows) {
      const text = foldForSearch(
        `${r.folio} ${r.title} ${String(r.description).slice(0, 4000)} ${r.client_name} ${r.contact_name ?? ""}`,
      );
      await db.updateTable("tickets").set({ search_text: text }).where("id", "=", r.id).execute();
    }
    const last = rows.at(-1);
    if (rows.length < BATCH || !last) return;
    after = last.id;
  }
}

async function up(db: AnyDb): Promise<void> {
  // A contact rename rewrites the search text of that contact's tickets: found by this index.
  await db.schema.createIndex("tickets_contact").on("tickets").column("contact_id").execute();
  await rebuildTicketSearch(db);

  // One running timer per technician, shared by all their devices.
  await db.schema
    .createTable("timers")
    .addColumn("user_id", "text", (c) => c.primaryKey().references("users.id"))
    .addColumn("ticket_id", "text", (c) => c.notNull().references("tickets.id"))
    .addColumn("started_at", "text", (c) => c.notNull())
    .execute();

  // Portal users invited from a client's contact: they sign in by magic link (no password).
  await db.schema.alterTable("users").addColumn("contact_id", "text").execute();
  await db.schema.alterTable("users").addColumn("invited_at", "text").execute();
  await db.schema.createIndex("users_contact").on("users").column("contact_id").execute();

  // Small binary files kept in the database (the company logo), base64 text on both databases.
  await db.schema
    .createTable("stored_files")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("content_type", "text", (c) => c.notNull())
    .addColumn("size", "integer", (c) => c.notNull())
    .addColumn("data", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("updated_by", "text")
    .execute();
}

export const staffAppMigration: Migration = { up };
