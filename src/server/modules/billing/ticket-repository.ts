/** Billing SQL about the tickets an invoice bills (Kysely, parameterised). */
import type { Kysely, Transaction, Updateable } from "kysely";
import type { InvoiceStatus } from "../../../contract/billing.js";
import type { BillingStatus } from "../../../contract/tickets.js";
import type { DB, InvoicesTable } from "../../platform/database/schema.js";

type Db = Kysely<DB> | Transaction<DB>;

/** Invoices that still bill what they list. */
const BILLING = ["issued", "exported", "paid"] as const;

/** Which of the tickets an invoice in one of `statuses` bills, by their time or their extra charges. */
function billingOf(db: Db, ticketIds: string[], statuses: readonly InvoiceStatus[]) {
  return db
    .selectFrom("invoice_tickets as it")
    .innerJoin("invoices as i", "i.id", "it.invoice_id")
    .select(["it.ticket_id", "i.folio"])
    .where("it.ticket_id", "in", ticketIds)
    .where("i.status", "in", statuses)
    .union(
      db
        .selectFrom("invoice_charges as ic")
        .innerJoin("charges as c", "c.id", "ic.charge_id")
        .innerJoin("invoices as i", "i.id", "ic.invoice_id")
        .select(["c.ticket_id", "i.folio"])
        .where("c.ticket_id", "in", ticketIds)
        .where("i.status", "in", statuses),
    );
}

export const invoiceTicketsRepo = {
  /** The tickets an invoice bills: by their time (`invoice_tickets`) or their extra charges. */
  ticketIds: async (db: Db, invoiceId: string): Promise<string[]> => {
    const rows = await db
      .selectFrom("invoice_tickets")
      .select("ticket_id")
      .where("invoice_id", "=", invoiceId)
      .union(
        db
          .selectFrom("invoice_charges as ic")
          .innerJoin("charges as c", "c.id", "ic.charge_id")
          .select("c.ticket_id")
          .where("ic.invoice_id", "=", invoiceId),
      )
      .execute();
    return rows.map((r) => r.ticket_id);
  },
  /** The minutes of a ticket's time an invoice bills (0 when it bills none of it). */
  minutesOf: async (db: Db, invoiceId: string, ticketId: string): Promise<number> => {
    const row = await db
      .selectFrom("invoice_tickets")
      .select("minutes")
      .where("invoice_id", "=", invoiceId)
      .where("ticket_id", "=", ticketId)
      .executeTakeFirst();
    return Number(row?.minutes ?? 0);
  },
  /** The folio of a draft invoice that bills the ticket (its time or its charges), if any. */
  draftBilling: async (db: Db, ticketId: string): Promise<string | null> => {
    const row = await billingOf(db, [ticketId], ["draft"]).executeTakeFirst();
    return row?.folio ?? null;
  },
  /** Of `ticketIds`, those another issued, exported or paid invoice still bills. */
  stillBilled: async (db: Db, ticketIds: string[]): Promise<Set<string>> => {
    if (ticketIds.length === 0) return new Set();
    const rows = await billingOf(db, ticketIds, BILLING).execute();
    return new Set(rows.map((r) => r.ticket_id));
  },
  /** Cancels an invoice only while it is a draft, whatever its version; false when it is not one any more. */
  cancelDraft: async (db: Db, id: string, patch: Updateable<InvoicesTable>) => {
    const r = await db
      .updateTable("invoices")
      .set((eb) => ({ ...patch, version: eb("version", "+", 1) }))
      .where("id", "=", id)
      .where("status", "=", "draft")
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** Moves the tickets still in `from` to `to` (version bumped); answers the ids it moved. */
  moveBillingStatus: async (db: Db, ids: string[], from: BillingStatus, to: BillingStatus, at: string) => {
    if (ids.length === 0) return [];
    const rows = await db
      .updateTable("tickets")
      .set((eb) => ({ billing_status: to, updated_at: at, version: eb("version", "+", 1) }))
      .where("id", "in", ids)
      .where("billing_status", "=", from)
      .returning("id")
      .execute();
    return rows.map((r) => r.id);
  },
};
