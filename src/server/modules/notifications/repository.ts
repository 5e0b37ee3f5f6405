import type { Kysely } from "kysely";
import type { DB } from "../../platform/database/schema.js";

type Db = Kysely<DB>;

export const notificationsRepo = {
  insertMany: (db: Db, rows: DB["notifications"][]) =>
    rows.length ? db.insertInto("notifications").values(rows).execute() : Promise.resolve([]),
  forUser: (db: Db, userId: string, unreadOnly: boolean, limit: number) => {
    let q = db.selectFrom("notifications").selectAll().where("user_id", "=", userId);
    if (unreadOnly) q = q.where("read_at", "is", null);
    return q.orderBy("created_at", "desc").orderBy("id").limit(limit).execute();
  },
  unreadCount: async (db: Db, userId: string) => {
    const r = await db
      .selectFrom("notifications")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", userId)
      .where("read_at", "is", null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
  markRead: (db: Db, userId: string, at: string, id?: string) => {
    let q = db
      .updateTable("notifications")
      .set({ read_at: at })
      .where("user_id", "=", userId)
      .where("read_at", "is", null);
    if (id) q = q.where("id", "=", id);
    return q.executeTakeFirst();
  },
};
