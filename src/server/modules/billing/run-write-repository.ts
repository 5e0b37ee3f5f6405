/**
 * SQL that writes a contract's invoice in the monthly run (issue #14 item 4): the invoice row, its folio
 * and the marks of what it billed (tickets with their minutes, overage minutes per month, charges), all
 * in one transaction per contract. Each dialect gets the shape that costs it least:
 *  - PostgreSQL: one statement (data-modifying CTEs), so one implicit transaction and one round trip
 *    per contract instead of eight; round trips, not work, dominated the run there, and a few
 *    contracts are written at once (run.ts).
 *  - SQLite: the caller's transaction, with the marks passed as one JSON parameter, so each statement
 *    has the same text whatever the number of rows and its prepared statement is reused.
 */
import { type Kysely, sql, type Transaction } from "kysely";
import type { DB } from "../../platform/database/schema.js";
import type { NewInvoice } from "./repository.js";

/** What a contract's invoice billed (the invoice and contract ids come from the invoice row). */
export interface BilledMarks {
  tickets: { ticket_id: string; minutes: number; month: string }[];
  overage: { month: string; minutes: number }[];
  chargeIds: string[];
}

/** The row as written; `folio` is given by the statement (the counter is bumped inside it). */
type RowWithoutFolio = Omit<NewInvoice, "folio">;

/**
 * PostgreSQL: the invoice, its marks, its folio and its audit entry in one statement. Folios have no gaps, so the
 * counter row stays locked from its bump to the commit and contracts written at once queue on it:
 * the statement bumps it last, once the marks are written, so what they queue for is short. The
 * order is forced, not left to the planner: a data-modifying CTE nobody reads runs after the main
 * query, so `n` reads the marks' counts in its WHERE (an unused column of a subquery would be planned
 * away, and the marks would run after the counter) and `inv` reads `n`. Two instances billing the
 * same contract meet first on its billed items' keys or, for an invoice of the fee alone, on the
 * counter, before its run_key: no lock is taken in another order, so no deadlock, and the loser's
 * unique violation undoes its whole statement, counter included. The commit does not wait for its WAL
 * flush (set_config local to this transaction): a crash can lose the last invoices made, never part of
 * one, and the run is marked complete only by a durable commit, which flushes them all.
 */
export async function insertContractInvoicePg(
  db: Kysely<DB>,
  row: RowWithoutFolio,
  year: number,
  marks: BilledMarks,
  audit: { actorId: string | null; changes: object },
): Promise<void> {
  const changes = JSON.stringify(audit.changes);
  const columns = Object.keys(row) as (keyof RowWithoutFolio)[];
  // The SQL twin of folioOf (make.ts): PF-<year>-<number, six digits at least>.
  const folio = sql`(select ${`PF-${year}-`} || lpad(n.last_value::text, greatest(6, length(n.last_value::text)), '0') from n)`;
  const t = marks.tickets;
  await sql`
    with relaxed as (select set_config('synchronous_commit', 'off', true) as v),
    t as (
      insert into invoice_tickets (ticket_id, invoice_id, contract_id, month, minutes)
      select u.ticket_id, ${row.id}, ${row.contract_id}, u.month, u.minutes from
        unnest(${t.map((x) => x.ticket_id)}::text[], ${t.map((x) => x.month)}::text[], ${t.map((x) => x.minutes)}::integer[])
          as u(ticket_id, month, minutes)
      returning 1
    ),
    o as (
      insert into invoice_overage (invoice_id, contract_id, month, minutes)
      select ${row.id}, ${row.contract_id}, u.month, u.minutes from
        unnest(${marks.overage.map((x) => x.month)}::text[], ${marks.overage.map((x) => x.minutes)}::integer[])
          as u(month, minutes)
      returning 1
    ),
    ch as (
      insert into invoice_charges (charge_id, invoice_id)
      select u.charge_id, ${row.id} from unnest(${marks.chargeIds}::text[]) as u(charge_id)
      returning 1
    ),
    n as (
      insert into invoice_counters as c (year, last_value)
      select ${year}::integer, 1
      where (select count(*) from t) + (select count(*) from o) + (select count(*) from ch) >= 0
      on conflict (year) do update set last_value = c.last_value + 1
      returning last_value
    ),
    inv as (
      insert into invoices (folio, ${sql.join(columns.map((c) => sql.ref(c)))})
      values (${folio}, ${sql.join(columns.map((c) => sql.val(row[c])))})
      returning folio
    ),
    audit as (
      insert into audit_log (entity, entity_id, at, actor_id, action, changes)
      select 'invoice', ${row.id}::text, ${row.created_at}::text, ${audit.actorId}::text, 'create',
        (${changes}::jsonb || jsonb_build_object('folio', inv.folio))::text
      from inv
      returning 1
    )
    select (select v from relaxed) as relaxed, folio from inv
  `.execute(db);
}

/** SQLite: the marks of `invoiceId`, in the caller's transaction (three statements of fixed text). */
export async function insertMarksSqlite(
  trx: Transaction<DB>,
  invoiceId: string,
  contractId: string,
  marks: BilledMarks,
): Promise<void> {
  if (marks.tickets.length > 0) {
    const rows = JSON.stringify(marks.tickets.map((x) => [x.ticket_id, x.month, x.minutes]));
    await sql`
      insert into invoice_tickets (ticket_id, invoice_id, contract_id, month, minutes)
      select j.value ->> 0, ${invoiceId}, ${contractId}, j.value ->> 1, j.value ->> 2 from json_each(${rows}) j
    `.execute(trx);
  }
  if (marks.overage.length > 0) {
    const rows = JSON.stringify(marks.overage.map((x) => [x.month, x.minutes]));
    await sql`
      insert into invoice_overage (invoice_id, contract_id, month, minutes)
      select ${invoiceId}, ${contractId}, j.value ->> 0, j.value ->> 1 from json_each(${rows}) j
    `.execute(trx);
  }
  if (marks.chargeIds.length > 0) {
    await sql`
      insert into invoice_charges (charge_id, invoice_id)
      select j.value, ${invoiceId} from json_each(${JSON.stringify(marks.chargeIds)}) j
    `.execute(trx);
  }
}
