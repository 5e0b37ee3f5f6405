import type { Kysely, Selectable } from "kysely";
import type { DB, StoredFilesTable } from "./schema.js";

type Db = Kysely<DB>;

/** One running work timer per user (the row's key is the user). */
export const timersRepo = {
  ofUser: (db: Db, userId: string) =>
    db
      .selectFrom("timers")
      .innerJoin("tickets", "tickets.id", "timers.ticket_id")
      .select(["timers.ticket_id", "timers.started_at", "tickets.folio", "tickets.title"])
      .where("timers.user_id", "=", userId)
      .executeTakeFirst(),
  /** Starts a timer unless the user already has one: true when this call started it. */
  start: async (db: Db, userId: string, ticketId: string, at: string) => {
    const r = await db
      .insertInto("timers")
      .values({ user_id: userId, ticket_id: ticketId, started_at: at })
      .onConflict((oc) => oc.column("user_id").doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },
  /** Removes the user's timer on that ticket, returning when it started (undefined: none ran). */
  stop: async (db: Db, userId: string, ticketId: string) => {
    const row = await db
      .deleteFrom("timers")
      .where("user_id", "=", userId)
      .where("ticket_id", "=", ticketId)
      .returning("started_at")
      .executeTakeFirst();
    return row?.started_at;
  },
};

export const filesRepo = {
  get: (db: Db, key: string) =>
    db.selectFrom("stored_files").selectAll().where("key", "=", key).executeTakeFirst(),
  meta: (db: Db, key: string) =>
    db
      .selectFrom("stored_files")
      .select(["content_type", "size", "updated_at"])
      .where("key", "=", key)
      .executeTakeFirst(),
  put: (db: Db, row: Selectable<StoredFilesTable>) =>
    db
      .insertInto("stored_files")
      .values(row)
      .onConflict((oc) =>
        oc.column("key").doUpdateSet({
          content_type: row.content_type,
          size: row.size,
          data: row.data,
          updated_at: row.updated_at,
          updated_by: row.updated_by,
        }),
      )
      .execute(),
  delete: (db: Db, key: string) => db.deleteFrom("stored_files").where("key", "=", key).execute(),
};

export const portalUsersRepo = {
  ofClient: (db: Db, clientId: string) =>
    db.selectFrom("users").selectAll().where("client_id", "=", clientId).orderBy("name").execute(),
  /** The contact's portal account, enabled or not. */
  ofContact: (db: Db, contactId: string) =>
    db
      .selectFrom("users")
      .selectAll()
      .where("contact_id", "=", contactId)
      .where("roles", "=", '["client"]')
      .executeTakeFirst(),
  /** The account's sign-in address follows the contact's (`active` 0: no address left to sign in with). */
  setAddress: (db: Db, userId: string, patch: { email?: string; active?: 0 }, now: string) =>
    db
      .updateTable("users")
      .set({ ...patch, updated_at: now })
      .where("id", "=", userId)
      .execute(),
  /** Ends the account's portal sessions and spends its unused sign-in links. */
  endAccess: async (db: Db, userId: string, now: string) => {
    await db.deleteFrom("portal_sessions").where("user_id", "=", userId).execute();
    await db
      .updateTable("portal_links")
      .set({ used_at: now })
      .where("user_id", "=", userId)
      .where("used_at", "is", null)
      .execute();
  },
};
