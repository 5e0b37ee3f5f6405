import type { Kysely } from "kysely";
import { foldForSearch } from "../../../domain/text.js";
import type { DB } from "../../platform/database/schema.js";

type Db = Kysely<DB>;

/** What `q` matches: folio, title, the start of the description, the client's and the contact's names. */
export const ticketSearchText = (t: {
  folio: string;
  title: string;
  description: string;
  clientName: string;
  contactName?: string | null | undefined;
}) =>
  foldForSearch(
    `${t.folio} ${t.title} ${t.description.slice(0, 4000)} ${t.clientName} ${t.contactName ?? ""}`,
  );

/**
 * Recomputes search_text of the tickets of one client or one contact after a rename (both columns
 * are indexed), inside the caller's transaction.
 */
export async function refreshSearchText(db: Db, by: { clientId: string } | { contactId: string }) {
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
    ]);
  q =
    "clientId" in by
      ? q.where("tickets.client_id", "=", by.clientId)
      : q.where("tickets.contact_id", "=", by.contactId);
  for (const r of await q.execute()) {
    const text = ticketSearchText(r);
    if (text !== r.search_text)
      await db.updateTable("tickets").set({ search_text: text }).where("id", "=", r.id).execute();
  }
}
