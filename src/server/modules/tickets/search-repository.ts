import { type Kysely, sql } from "kysely";
import { ticketSearchText } from "../../../domain/text.js";
import type { DB } from "../../platform/database/schema.js";
import { contactPhones } from "../clients/repository.js";

type Db = Kysely<DB>;

/**
 * Recomputes search_text of one ticket, or of the tickets of one client or one contact, after what it
 * holds changed (a rename, a contact's phones, a ticket linked to its client), inside the caller's
 * transaction. client_id and contact_id are both indexed.
 */
export async function refreshSearchText(
  db: Db,
  by: { clientId: string } | { contactId: string } | { ticketId: string },
) {
  let q = db
    .selectFrom("tickets")
    .innerJoin("clients", "clients.id", "tickets.client_id")
    .leftJoin("contacts", "contacts.id", "tickets.contact_id")
    .select([
      "tickets.id",
      "tickets.folio",
      "tickets.title",
      "tickets.description",
      "tickets.search_text",
      "clients.name as clientName",
      "contacts.name as contactName",
    ])
    .select(contactPhones(db, sql.ref("tickets.contact_id")).as("contactPhones"));
  if ("clientId" in by) q = q.where("tickets.client_id", "=", by.clientId);
  else if ("contactId" in by) q = q.where("tickets.contact_id", "=", by.contactId);
  else q = q.where("tickets.id", "=", by.ticketId);
  for (const r of await q.execute()) {
    const text = ticketSearchText(r);
    if (text !== r.search_text)
      await db.updateTable("tickets").set({ search_text: text }).where("id", "=", r.id).execute();
  }
}

/** A contact's phones as the search text takes them (contactPhones); null for none or no contact. */
export async function phonesOfContact(db: Db, contactId: string | null): Promise<string | null> {
  if (!contactId) return null;
  const row = await db.selectNoFrom(contactPhones(db, sql.val(contactId)).as("phones")).executeTakeFirst();
  return row?.phones ?? null;
}
