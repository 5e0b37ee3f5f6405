import { type Kysely, type Migration, sql } from "kysely";
import { foldForSearch } from "../../../../domain/text.js";
import type { Dialect } from "../database.js";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

/**
 * Tickets are found by their contact's phones (ticketSearchText appends them).
 *
 * 1. Tickets of an unidentified sender that reception linked to a client kept the placeholder
 *    client's name in their search text: a search by their client's name missed them. Their text is
 *    written again as ticketSearchText wrote it before phones (folio, title, description's start,
 *    client, contact).
 * 2. Every ticket whose contact has phones gets their digits at the end, in the order they were saved.
 */
async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  const linked = await db
    .selectFrom("tickets")
    .innerJoin("clients", "clients.id", "tickets.client_id")
    .leftJoin("contacts", "contacts.id", "tickets.contact_id")
    .where(
      "tickets.id",
      "in",
      db.selectFrom("ticket_history").select("ticket_id").where("action", "=", "link_sender"),
    )
    .select([
      "tickets.id",
      "folio",
      "title",
      "description",
      "clients.name as client",
      "contacts.name as contact",
    ])
    .execute();
  for (const t of linked) {
    const text = foldForSearch(
      `${t.folio} ${t.title} ${String(t.description).slice(0, 4000)} ${t.client} ${t.contact ?? ""}`,
    );
    await db.updateTable("tickets").set({ search_text: text }).where("id", "=", t.id).execute();
  }
  const phones =
    dialect === "sqlite"
      ? sql`(select group_concat(value, ' ') from (select value from contact_channels c
          where c.contact_id = tickets.contact_id and c.kind = 'phone' order by c.id))`
      : sql`(select string_agg(value, ' ' order by c.id) from contact_channels c
          where c.contact_id = tickets.contact_id and c.kind = 'phone')`;
  await sql`update tickets set search_text = search_text || ' ' || ${phones}
    where contact_id in (select contact_id from contact_channels where kind = 'phone')`.execute(db);
}

export function ticketSearchPhonesMigration(dialect: Dialect): Migration {
  return { up: (db) => up(db, dialect) };
}
