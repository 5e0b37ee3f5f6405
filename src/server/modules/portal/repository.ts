import type { Kysely, Selectable } from "kysely";
import type { DB, PortalLinksTable, PortalSessionsTable } from "../../platform/database/schema.js";
import type { TicketSummaryRow } from "../tickets/repository.js";

type Db = Kysely<DB>;
export type PortalLinkRow = Selectable<PortalLinksTable>;

/** Which tickets a portal caller may read: the company's, or only those it filed or is the contact of. */
export interface TicketScope {
  clientId: string;
  /** null: the whole company (a company admin). */
  own: { contactId: string; userId: string } | null;
}

/** The only SQL of the client portal: links, sessions, request counts, and scoped ticket reads. */
export const portalRepo = {
  /** An active portal account (role `client`, linked to a contact of an existing client) by e-mail. */
  accountByEmail: (db: Db, email: string) =>
    db
      .selectFrom("users")
      .innerJoin("contacts", "contacts.id", "users.contact_id")
      .innerJoin("clients", "clients.id", "contacts.client_id")
      .selectAll("users")
      .select(["contacts.portal_admin", "clients.name as client_name"])
      .where("users.email", "=", email)
      .where("users.active", "=", 1)
      .where("users.roles", "=", '["client"]')
      // Only while its sign-in address is still the contact's (contact-portal-access.ts moves it along).
      .whereRef("contacts.email", "=", "users.email")
      .executeTakeFirst(),
  accountById: (db: Db, id: string) =>
    db
      .selectFrom("users")
      .innerJoin("contacts", "contacts.id", "users.contact_id")
      .innerJoin("clients", "clients.id", "contacts.client_id")
      .selectAll("users")
      .select(["contacts.portal_admin", "clients.name as client_name"])
      .where("users.id", "=", id)
      .where("users.active", "=", 1)
      .where("users.roles", "=", '["client"]')
      // Only while its sign-in address is still the contact's (contact-portal-access.ts moves it along).
      .whereRef("contacts.email", "=", "users.email")
      .executeTakeFirst(),

  /** The active portal account of a contact, if it was invited and not disabled. */
  accountOfContact: (db: Db, contactId: string) =>
    db
      .selectFrom("users")
      .selectAll()
      .where("contact_id", "=", contactId)
      .where("active", "=", 1)
      .executeTakeFirst(),

  addLink: (db: Db, row: PortalLinkRow) => db.insertInto("portal_links").values(row).execute(),
  link: (db: Db, tokenHash: string) =>
    db.selectFrom("portal_links").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst(),
  /** Marks the link used only if it still is unused and unexpired: of two racing exchanges, one wins. */
  claimLink: async (db: Db, tokenHash: string, now: string) => {
    const r = await db
      .updateTable("portal_links")
      .set({ used_at: now })
      .where("token_hash", "=", tokenHash)
      .where("used_at", "is", null)
      .where("expires_at", ">", now)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  countRequests: async (db: Db, key: string, since: string) => {
    const r = await db
      .selectFrom("portal_link_requests")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("key", "=", key)
      .where("at", ">", since)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
  addRequest: (db: Db, row: { id: string; key: string; at: string }) =>
    db.insertInto("portal_link_requests").values(row).execute(),
  pruneRequests: (db: Db, before: string) =>
    db.deleteFrom("portal_link_requests").where("at", "<", before).execute(),

  addSession: (db: Db, row: Selectable<PortalSessionsTable>) =>
    db.insertInto("portal_sessions").values(row).execute(),
  session: (db: Db, id: string) =>
    db.selectFrom("portal_sessions").selectAll().where("id", "=", id).executeTakeFirst(),
  deleteSession: (db: Db, id: string) => db.deleteFrom("portal_sessions").where("id", "=", id).execute(),
  deleteExpiredSessions: (db: Db, now: string) =>
    db.deleteFrom("portal_sessions").where("expires_at", "<=", now).execute(),

  /** The tickets in scope, newest first, with the names a list shows. */
  tickets: (db: Db, scope: TicketScope, limit: number): Promise<TicketSummaryRow[]> => {
    let q = db
      .selectFrom("tickets")
      .innerJoin("clients", "clients.id", "tickets.client_id")
      .leftJoin("contacts", "contacts.id", "tickets.contact_id")
      .leftJoin("users", "users.id", "tickets.assignee_id")
      .selectAll("tickets")
      .select(["clients.name as client_name", "contacts.name as contact_name", "users.name as assignee_name"])
      .where("tickets.client_id", "=", scope.clientId);
    const own = scope.own;
    if (own)
      q = q.where((eb) =>
        eb.or([eb("tickets.contact_id", "=", own.contactId), eb("tickets.created_by", "=", own.userId)]),
      );
    return q.orderBy("tickets.created_at", "desc").orderBy("tickets.id", "desc").limit(limit).execute();
  },

  /** Messages addressed to or written by the client ("message" kind only: calls and notes stay inside). */
  clientMessages: (db: Db, ticketId: string) =>
    db
      .selectFrom("messages")
      .leftJoin("users", "users.id", "messages.author_id")
      .select([
        "messages.id",
        "messages.body",
        "messages.created_at",
        "messages.email_from",
        "users.name as author_name",
        "users.roles as author_roles",
      ])
      .where("messages.ticket_id", "=", ticketId)
      .where("messages.visibility", "=", "client")
      .where("messages.kind", "=", "message")
      .orderBy("messages.created_at")
      .orderBy("messages.id")
      .execute(),

  setContactAdmin: (db: Db, contactId: string, admin: boolean) =>
    db
      .updateTable("contacts")
      .set({ portal_admin: admin ? 1 : 0 })
      .where("id", "=", contactId)
      .execute(),
};
