import type { Kysely } from "kysely";
import type { NotificationMailKind } from "../../../contract/service-orders.js";
import type { DB } from "../../platform/database/schema.js";

type Db = Kysely<DB>;

/** The only SQL of staff notification preferences. */
export const prefsRepo = {
  forUsers: (db: Db, userIds: string[]) =>
    userIds.length
      ? db.selectFrom("notification_prefs").selectAll().where("user_id", "in", userIds).execute()
      : Promise.resolve([]),
  set: (db: Db, userId: string, kind: NotificationMailKind, byEmail: boolean, now: string) =>
    db
      .insertInto("notification_prefs")
      .values({ user_id: userId, kind, by_email: byEmail ? 1 : 0, updated_at: now })
      .onConflict((oc) =>
        oc.columns(["user_id", "kind"]).doUpdateSet({ by_email: byEmail ? 1 : 0, updated_at: now }),
      )
      .execute(),
  /** Active users and their roles, to find who holds a role (few rows: the firm's staff). */
  activeUsers: (db: Db) => db.selectFrom("users").select(["id", "roles"]).where("active", "=", 1).execute(),
  /** Active users with an address, for mailing them. */
  recipients: (db: Db, userIds: string[]) =>
    userIds.length
      ? db
          .selectFrom("users")
          .select(["id", "email", "name", "locale"])
          .where("id", "in", userIds)
          .where("active", "=", 1)
          .execute()
      : Promise.resolve([]),
};
