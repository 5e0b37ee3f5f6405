/** Billing SQL (Kysely, parameterised): the only place the billing module talks to the database. */
import { type Kysely, type Selectable, sql, type Transaction, type Updateable } from "kysely";
import type { DB, InvoicesTable } from "../../platform/database/schema.js";
import { updateAtVersion } from "../../platform/database/versioned-rows.js";
import { chargeNotInvoiced, reviewedTicket } from "./unbilled-repository.js";

type Db = Kysely<DB> | Transaction<DB>;
export type InvoiceRow = Selectable<InvoicesTable> & { ticket_folio: string | null };
export type NewInvoice = Omit<Selectable<InvoicesTable>, "version">;

export const ratesRepo = {
  list: (db: Db) => db.selectFrom("rates").selectAll().orderBy("rule_key").execute(),
  byId: (db: Db, id: string) => db.selectFrom("rates").selectAll().where("id", "=", id).executeTakeFirst(),
  insert: async (db: Db, row: Omit<Selectable<DB["rates"]>, "version">) => {
    const r = await db
      .insertInto("rates")
      .values(row)
      .onConflict((oc) => oc.column("rule_key").doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },
  updateIfVersion: (db: Db, id: string, version: number, cents: number, at: string) =>
    updateAtVersion(db, "rates", id, version, { hourly_rate_cents: cents, updated_at: at }),
  delete: (db: Db, id: string) => db.deleteFrom("rates").where("id", "=", id).executeTakeFirst(),
  categoryExists: async (db: Db, code: string) =>
    Boolean(await db.selectFrom("categories").select("code").where("code", "=", code).executeTakeFirst()),
};

export const overridesRepo = {
  history: (db: Db, ticketId: string) =>
    db
      .selectFrom("ticket_rate_overrides as o")
      .leftJoin("users as u", "u.id", "o.actor_id")
      .select(["o.hourly_rate_cents", "o.reason", "o.actor_id", "o.at", "u.name as actor_name"])
      .where("o.ticket_id", "=", ticketId)
      .orderBy("o.at", "desc")
      .orderBy("o.id", "desc")
      .execute(),
  insert: (db: Db, row: Selectable<DB["ticket_rate_overrides"]>) =>
    db.insertInto("ticket_rate_overrides").values(row).execute(),
};

export const workRepo = {
  countCharges: async (db: Db, ticketId: string) => {
    const r = await db
      .selectFrom("charges")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("ticket_id", "=", ticketId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
  minutesByMode: (db: Db, ticketId: string) =>
    db
      .selectFrom("time_entries")
      .select(["mode", (eb) => eb.fn.sum<number>("minutes").as("minutes")])
      .where("ticket_id", "=", ticketId)
      .groupBy("mode")
      .execute(),
  chargesOfTicket: (db: Db, ticketId: string) =>
    db
      .selectFrom("charges")
      .selectAll()
      .where("ticket_id", "=", ticketId)
      .where(chargeNotInvoiced("charges"))
      .orderBy("created_at")
      .execute(),
};

/**
 * Multi-row inserts of at most 1,000 rows: a contract with years of unbilled tickets stays under the
 * bound parameters a statement may carry (32,766 on SQLite, 65,535 on PostgreSQL).
 */
async function inChunks<T>(rows: T[], insert: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await insert(rows.slice(i, i + 1000));
}

const invoiceSelect = (db: Db) =>
  db
    .selectFrom("invoices as i")
    .leftJoin("tickets as tk", "tk.id", "i.ticket_id")
    .selectAll("i")
    .select("tk.folio as ticket_folio");

export const invoicesRepo = {
  nextFolioNumber: async (db: Db, year: number): Promise<number> => {
    const row = await db
      .insertInto("invoice_counters")
      .values({ year, last_value: 1 })
      .onConflict((oc) => oc.column("year").doUpdateSet({ last_value: sql`invoice_counters.last_value + 1` }))
      .returning("last_value")
      .executeTakeFirstOrThrow();
    return Number(row.last_value);
  },
  insert: (db: Db, row: NewInvoice) => db.insertInto("invoices").values(row).execute(),
  byId: (db: Db, id: string): Promise<InvoiceRow | undefined> =>
    invoiceSelect(db).where("i.id", "=", id).executeTakeFirst(),
  byIds: (db: Db, ids: string[]): Promise<InvoiceRow[]> =>
    ids.length
      ? invoiceSelect(db).where("i.id", "in", ids).orderBy("i.folio").execute()
      : Promise.resolve([]),
  byFolios: (db: Db, folios: string[]): Promise<InvoiceRow[]> =>
    folios.length ? invoiceSelect(db).where("i.folio", "in", folios).execute() : Promise.resolve([]),
  byRunKey: (db: Db, key: string): Promise<InvoiceRow | undefined> =>
    invoiceSelect(db).where("i.run_key", "=", key).executeTakeFirst(),
  ofPeriodRuns: (db: Db, period: string): Promise<InvoiceRow[]> =>
    invoiceSelect(db)
      .where("i.period", "=", period)
      .where("i.kind", "=", "contract")
      .orderBy("i.folio")
      .execute(),
  list: (
    db: Db,
    f: {
      period?: string | undefined;
      /** The period's month as instants: events' invoices (no period) made in it. */
      month?: { from: string; to: string } | undefined;
      clientId?: string | undefined;
      status?: string | undefined;
      limit: number;
    },
  ) => {
    let q = invoiceSelect(db);
    const { period, month } = f;
    if (period && month)
      q = q.where((eb) =>
        eb.or([
          eb("i.period", "=", period),
          eb.and([
            eb("i.period", "is", null),
            eb("i.created_at", ">=", month.from),
            eb("i.created_at", "<", month.to),
          ]),
        ]),
      );
    if (f.clientId) q = q.where("i.client_id", "=", f.clientId);
    if (f.status) q = q.where("i.status", "=", f.status as InvoicesTable["status"]);
    return q.orderBy("i.created_at", "desc").orderBy("i.folio", "desc").limit(f.limit).execute();
  },
  issuedForExport: (db: Db) =>
    invoiceSelect(db).where("i.status", "=", "issued").orderBy("i.folio").limit(5000).execute(),
  updateIfVersion: (db: Db, id: string, version: number, patch: Updateable<InvoicesTable>) =>
    updateAtVersion(db, "invoices", id, version, patch),
  markTickets: (db: Db, rows: Selectable<DB["invoice_tickets"]>[]) =>
    inChunks(rows, (part) => db.insertInto("invoice_tickets").values(part).execute()),
  markOverage: (db: Db, rows: Selectable<DB["invoice_overage"]>[]) =>
    inChunks(rows, (part) => db.insertInto("invoice_overage").values(part).execute()),
  markCharges: (db: Db, rows: Selectable<DB["invoice_charges"]>[]) =>
    inChunks(rows, (part) => db.insertInto("invoice_charges").values(part).execute()),
  /** A cancelled invoice gives back what it billed, so a correction may bill it again. */
  release: async (db: Db, invoiceId: string) => {
    await db.deleteFrom("invoice_tickets").where("invoice_id", "=", invoiceId).execute();
    await db.deleteFrom("invoice_charges").where("invoice_id", "=", invoiceId).execute();
    await db.deleteFrom("invoice_overage").where("invoice_id", "=", invoiceId).execute();
  },
};

export const lookupRepo = {
  client: (db: Db, id: string) =>
    db.selectFrom("clients").selectAll().where("id", "=", id).executeTakeFirst(),
  ticket: (db: Db, id: string) =>
    db.selectFrom("tickets").selectAll().where("id", "=", id).executeTakeFirst(),
  contract: (db: Db, id: string) =>
    db.selectFrom("contracts").selectAll().where("id", "=", id).executeTakeFirst(),
  /**
   * Where the invoice goes: the client's billing contact's e-mail when it names one, else the client's
   * e-mail, else its first contact with one.
   */
  billingAddress: async (db: Db, clientId: string): Promise<string | null> => {
    const client = await db
      .selectFrom("clients")
      .leftJoin("contacts as billing", (j) =>
        j
          .onRef("billing.id", "=", "clients.billing_contact_id")
          .onRef("billing.client_id", "=", "clients.id"),
      )
      .select(["clients.email", "billing.email as billing_email"])
      .where("clients.id", "=", clientId)
      .executeTakeFirst();
    if (client?.billing_email) return client.billing_email;
    if (client?.email) return client.email;
    const contact = await db
      .selectFrom("contacts")
      .select("email")
      .where("client_id", "=", clientId)
      .where("email", "is not", null)
      .orderBy("created_at")
      .executeTakeFirst();
    return contact?.email ?? null;
  },
  /** Reviewed contract tickets whose last time entry falls in [fromIso, toIso). */
  monthTickets: (db: Db, contractId: string, fromIso: string, toIso: string) =>
    db
      .selectFrom("tickets as t")
      .innerJoin("time_entries as te", "te.ticket_id", "t.id")
      .select([
        "t.id",
        "t.folio",
        "t.title",
        "t.billable_minutes",
        (eb) => eb.fn.max(eb.fn.coalesce("te.ended_at", "te.created_at")).as("last_at"),
      ])
      .where("t.contract_id", "=", contractId)
      .where(reviewedTicket("t"))
      .where("t.billable_minutes", "is not", null)
      .groupBy(["t.id", "t.folio", "t.title", "t.billable_minutes"])
      .having((eb) => eb.fn.max(eb.fn.coalesce("te.ended_at", "te.created_at")), ">=", fromIso)
      .having((eb) => eb.fn.max(eb.fn.coalesce("te.ended_at", "te.created_at")), "<", toIso)
      .execute(),
};
