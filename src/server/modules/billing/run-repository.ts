/**
 * SQL of the contract run (issue #14 item 4). The run reads a page of contracts and then each fact it
 * needs about the whole page in one query (not one per contract): ~10 queries per contract made a run of
 * 10,000 contracts take minutes. The writes stay per contract, in that contract's own transaction
 * (run-write-repository.ts).
 */
import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../platform/database/schema.js";
import { chargeUnbilled, reviewedTicket, ticketNotInvoiced } from "./unbilled-repository.js";

export type Db = Kysely<DB> | Transaction<DB>;

/** What an invoice keeps of its client (InvoiceDraft.client). */
const CLIENT_COLUMNS = ["id", "name", "rfc", "generic_rfc", "payment_terms", "credit_days"] as const;

/** An empty page asks nothing (and `in ()` is not valid SQL). */
const none = (): Promise<never[]> => Promise.resolve([]);

export const contractRunRepo = {
  /** One page of the contracts in force some day between `first` and `last` (keyset by id). */
  contractsPage: (db: Db, first: string, last: string, after: string, limit: number) =>
    db
      .selectFrom("contracts")
      .selectAll()
      .where("starts_on", "<=", last)
      .where((eb) => eb.or([eb("ends_on", "is", null), eb("ends_on", ">=", first)]))
      .where((eb) => eb.or([eb("cancelled_at", "is", null), eb("cancelled_at", ">=", first)]))
      .where("id", ">", after)
      .orderBy("id")
      .limit(limit)
      .execute(),
  /**
   * One page of the contracts out of force before `first` (ended or cancelled) that started by `last`
   * and still hold reviewed work not yet billed: their last month's overage, their tickets' charges
   * and tickets reviewed late are billed by a later run (issue #14 item 4: never lost). Read after the
   * contracts in force, so their page query stays as it was.
   */
  endedContractsPage: (db: Db, first: string, last: string, after: string, limit: number) =>
    db
      .selectFrom("contracts as k")
      .selectAll("k")
      .where("k.starts_on", "<=", last)
      .where((eb) => eb.or([eb("k.ends_on", "<", first), eb("k.cancelled_at", "<", first)]))
      .where(({ or, exists, selectFrom }) =>
        or([
          exists(
            selectFrom("tickets as t")
              .select("t.id")
              .whereRef("t.contract_id", "=", "k.id")
              .where("t.service_kind", "=", "contract")
              .where(reviewedTicket("t"))
              .where("t.billable_minutes", "is not", null)
              .where(ticketNotInvoiced("t")),
          ),
          exists(
            selectFrom("charges as c")
              .innerJoin("tickets as t", "t.id", "c.ticket_id")
              .select("c.id")
              .whereRef("t.contract_id", "=", "k.id")
              .where("t.service_kind", "=", "contract")
              .where(chargeUnbilled("t", "c")),
          ),
        ]),
      )
      .where("k.id", ">", after)
      .orderBy("k.id")
      .limit(limit)
      .execute(),
  /** The run keys among `keys` that already have their invoice. */
  madeRunKeys: async (db: Db, keys: string[]): Promise<string[]> => {
    if (keys.length === 0) return [];
    const rows = await db.selectFrom("invoices").select("run_key").where("run_key", "in", keys).execute();
    return rows.map((r) => String(r.run_key));
  },
  clients: (db: Db, ids: string[]) =>
    ids.length ? db.selectFrom("clients").select(CLIENT_COLUMNS).where("id", "in", ids).execute() : none(),
  /** Reviewed tickets of these contracts not yet billed, with the instant of their last time entry. */
  unbilledTickets: (db: Db, contractIds: string[]) =>
    contractIds.length === 0
      ? none()
      : db
          .selectFrom("tickets as t")
          .leftJoin("time_entries as te", "te.ticket_id", "t.id")
          .select([
            "t.id",
            "t.contract_id",
            "t.billable_minutes",
            "t.updated_at",
            (eb) => eb.fn.max(eb.fn.coalesce("te.ended_at", "te.created_at")).as("last_at"),
          ])
          .where("t.contract_id", "in", contractIds)
          .where("t.service_kind", "=", "contract")
          .where(reviewedTicket("t"))
          .where("t.billable_minutes", "is not", null)
          .where(ticketNotInvoiced("t"))
          .groupBy(["t.id", "t.contract_id", "t.billable_minutes", "t.updated_at"])
          .execute(),
  /** Minutes already billed per contract and month, for these contracts and months only. */
  billedMinutes: (db: Db, contractIds: string[], months: string[]) =>
    contractIds.length === 0 || months.length === 0
      ? none()
      : db
          .selectFrom("invoice_tickets")
          .select(["contract_id", "month", (eb) => eb.fn.sum<number>("minutes").as("minutes")])
          .where("contract_id", "in", contractIds)
          .where("month", "in", months)
          .groupBy(["contract_id", "month"])
          .execute(),
  /** Overage minutes already billed per contract and month, for these contracts and months only. */
  billedOverage: (db: Db, contractIds: string[], months: string[]) =>
    contractIds.length === 0 || months.length === 0
      ? none()
      : db
          .selectFrom("invoice_overage")
          .select(["contract_id", "month", (eb) => eb.fn.sum<number>("minutes").as("minutes")])
          .where("contract_id", "in", contractIds)
          .where("month", "in", months)
          .groupBy(["contract_id", "month"])
          .execute(),
  /** Extra charges of these contracts' reviewed tickets not yet billed (a leader's `no_charge` at close keeps them out). */
  unbilledCharges: (db: Db, contractIds: string[]) =>
    contractIds.length === 0
      ? none()
      : db
          .selectFrom("charges as c")
          .innerJoin("tickets as t", "t.id", "c.ticket_id")
          .select([
            "c.id",
            "t.contract_id",
            "c.description",
            "c.quantity",
            "c.unit_price_cents",
            "c.created_at",
            "t.folio",
          ])
          .where("t.contract_id", "in", contractIds)
          .where("t.service_kind", "=", "contract")
          .where(chargeUnbilled("t", "c"))
          // Ties (charges recorded in the same instant) read in ticket folio order, not at random.
          .orderBy("c.created_at")
          .orderBy("t.folio")
          .orderBy("c.id")
          .execute(),
  runOf: (db: Db, period: string) =>
    db.selectFrom("billing_runs").selectAll().where("period", "=", period).executeTakeFirst(),
  startRun: (db: Db, period: string, at: string) =>
    db
      .insertInto("billing_runs")
      .values({ period, started_at: at, completed_at: null })
      .onConflict((oc) => oc.column("period").doNothing())
      .execute(),
  completeRun: (db: Db, period: string, at: string) =>
    db.updateTable("billing_runs").set({ completed_at: at }).where("period", "=", period).execute(),
};
