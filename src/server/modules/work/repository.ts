import type { Kysely, Selectable } from "kysely";
import type { ChargesTable, DB, MessagesTable, TimeEntriesTable } from "../../platform/database/schema.js";
import { deleteAtVersion, updateAtVersion } from "../../platform/database/versioned-rows.js";
import { rolesOf } from "../users/repository.js";

type Db = Kysely<DB>;
export type TimeEntryRow = Selectable<TimeEntriesTable>;
export type ChargeRow = Selectable<ChargesTable>;
export type MessageRow = Selectable<MessagesTable>;

/** Time entries, extra charges and messages: the work recorded on a ticket. */
export const workRepo = {
  addTimeEntry: (db: Db, row: TimeEntryRow) => db.insertInto("time_entries").values(row).execute(),
  timeEntries: (db: Db, ticketId: string) =>
    db
      .selectFrom("time_entries")
      .innerJoin("users", "users.id", "time_entries.user_id")
      .selectAll("time_entries")
      .select("users.name as user_name")
      .where("ticket_id", "=", ticketId)
      // In the order the work was done: an entry logged today for yesterday's visit comes before today's.
      .orderBy((eb) => eb.fn.coalesce("time_entries.started_at", "time_entries.created_at"))
      .orderBy("time_entries.id")
      .execute(),
  countTimeEntries: async (db: Db, ticketId: string) => {
    const r = await db
      .selectFrom("time_entries")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("ticket_id", "=", ticketId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
  totalMinutes: async (db: Db, ticketId: string) => {
    const r = await db
      .selectFrom("time_entries")
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("minutes"), eb.lit(0)).as("total"))
      .where("ticket_id", "=", ticketId)
      .executeTakeFirstOrThrow();
    return Number(r.total);
  },
  timeEntry: (db: Db, ticketId: string, id: string) =>
    db
      .selectFrom("time_entries")
      .innerJoin("users", "users.id", "time_entries.user_id")
      .selectAll("time_entries")
      .select("users.name as user_name")
      .where("time_entries.ticket_id", "=", ticketId)
      .where("time_entries.id", "=", id)
      .executeTakeFirst(),
  /** Rewrites an entry still at `version`; false when someone changed or removed it since. */
  correctTimeEntry: async (
    db: Db,
    id: string,
    version: number,
    next: Pick<TimeEntryRow, "started_at" | "ended_at" | "minutes" | "mode" | "activity">,
  ) => updateAtVersion(db, "time_entries", id, version, next),
  removeTimeEntry: (db: Db, id: string, version: number) => deleteAtVersion(db, "time_entries", id, version),
  charge: (db: Db, ticketId: string, id: string) =>
    db
      .selectFrom("charges")
      .selectAll()
      .where("ticket_id", "=", ticketId)
      .where("id", "=", id)
      .executeTakeFirst(),
  /** Whether the charge is a line of an invoice already (then it is the invoice's, not the ticket's). */
  chargeInvoiced: async (db: Db, id: string) =>
    (await db
      .selectFrom("invoice_charges")
      .select("charge_id")
      .where("charge_id", "=", id)
      .executeTakeFirst()) !== undefined,
  correctCharge: async (
    db: Db,
    id: string,
    version: number,
    next: Pick<ChargeRow, "kind" | "description" | "quantity" | "unit_price_cents" | "amount_cents">,
  ) => updateAtVersion(db, "charges", id, version, next),
  removeCharge: (db: Db, id: string, version: number) => deleteAtVersion(db, "charges", id, version),
  addCharge: (db: Db, row: ChargeRow) => db.insertInto("charges").values(row).execute(),
  chargesTotalCents: async (db: Db, ticketId: string) => {
    const r = await db
      .selectFrom("charges")
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount_cents"), eb.lit(0)).as("total"))
      .where("ticket_id", "=", ticketId)
      .executeTakeFirstOrThrow();
    return Number(r.total);
  },
  charges: (db: Db, ticketId: string) =>
    db
      .selectFrom("charges")
      .selectAll()
      .where("ticket_id", "=", ticketId)
      .orderBy("created_at")
      .orderBy("id")
      .execute(),
  addMessage: (db: Db, row: MessageRow) => db.insertInto("messages").values(row).execute(),
  messages: (db: Db, ticketId: string, includeInternal: boolean) => {
    let q = db
      .selectFrom("messages")
      .leftJoin("users", "users.id", "messages.author_id")
      .selectAll("messages")
      .select(["users.name as author_name", "users.roles as author_roles"])
      .where("ticket_id", "=", ticketId);
    if (!includeInternal) q = q.where("visibility", "=", "client");
    return q.orderBy("messages.created_at").orderBy("messages.id").execute();
  },
};

/**
 * Whether a stored message came from the client: it arrived by e-mail, or its author is a client
 * contact (the portal). Staff's ticket view and the portal read it the same way.
 */
export const messageFromClient = (m: { email_from: string | null; author_roles: string | null }) =>
  m.email_from !== null || (m.author_roles !== null && rolesOf({ roles: m.author_roles }).includes("client"));
