import type { Kysely, Selectable } from "kysely";
import type { DB, ServiceOrderDecisionsTable } from "../../platform/database/schema.js";

type Db = Kysely<DB>;
export type DecisionRow = Selectable<ServiceOrderDecisionsTable>;

/** The only SQL of service orders: mailed links, decisions, and the work an order lists. */
export const serviceOrdersRepo = {
  addLink: (db: Db, row: { id: string; ticketId: string; expiresAt: string; now: string }) =>
    db
      .insertInto("service_order_links")
      .values({
        id: row.id,
        ticket_id: row.ticketId,
        expires_at: row.expiresAt,
        used_at: null,
        created_at: row.now,
      })
      .execute(),
  link: (db: Db, id: string) =>
    db.selectFrom("service_order_links").selectAll().where("id", "=", id).executeTakeFirst(),
  /** Takes a link for one decision: only while unused and unexpired; false when someone else took it. */
  takeLink: async (db: Db, id: string, now: string) => {
    const r = await db
      .updateTable("service_order_links")
      .set({ used_at: now })
      .where("id", "=", id)
      .where("used_at", "is", null)
      .where("expires_at", ">", now)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** A decision taken another way (portal, on site) ends every open link of the ticket. */
  closeLinks: (db: Db, ticketId: string, now: string) =>
    db
      .updateTable("service_order_links")
      .set({ used_at: now })
      .where("ticket_id", "=", ticketId)
      .where("used_at", "is", null)
      .execute(),
  addDecision: (db: Db, row: DecisionRow) => db.insertInto("service_order_decisions").values(row).execute(),
  /** When the ticket was last marked attended: the order shown is that attendance's. */
  lastAttendedAt: async (db: Db, ticketId: string) =>
    (
      await db
        .selectFrom("ticket_history")
        .select("at")
        .where("ticket_id", "=", ticketId)
        .where("action", "=", "attend")
        .orderBy("at", "desc")
        .limit(1)
        .executeTakeFirst()
    )?.at ?? null,
  lastDecision: (db: Db, ticketId: string) =>
    db
      .selectFrom("service_order_decisions")
      .selectAll()
      .where("ticket_id", "=", ticketId)
      .orderBy("at", "desc")
      .orderBy("id", "desc")
      .executeTakeFirst(),
  activities: (db: Db, ticketId: string) =>
    db
      .selectFrom("time_entries")
      .select(["started_at", "created_at", "minutes", "mode", "activity"])
      .where("ticket_id", "=", ticketId)
      // In the order the work was done, as the ticket page lists it.
      .orderBy((eb) => eb.fn.coalesce("started_at", "created_at"))
      .orderBy("id")
      .execute(),
  charges: (db: Db, ticketId: string) =>
    db
      .selectFrom("charges")
      .select(["kind", "description", "quantity", "unit_price_cents", "amount_cents"])
      .where("ticket_id", "=", ticketId)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
};
