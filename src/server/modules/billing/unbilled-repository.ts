/**
 * The one rule for "not yet billed" (SPEC §5), shared by the monthly run, the event draft and the
 * "work not yet billed" report so they can never disagree. Each takes the SQL alias its query gives
 * the table (`t` for tickets, `c`/`ch` for charges).
 *
 * A ticket's work is billable once reviewed, or once closed other than `no_charge` (a contract ticket's
 * charges stay pending until the run). A ticket or a charge is billed once an invoice holds it
 * (`invoice_tickets` / `invoice_charges`; cancelling the invoice deletes those rows and gives it back).
 */
import { type RawBuilder, sql } from "kysely";

type Predicate = RawBuilder<boolean>;

const col = (alias: string, column: string) => sql.ref(`${alias}.${column}`);

/** Reviewed, or closed other than no-charge. */
export const billableTicket = (t: string): Predicate =>
  sql<boolean>`(${col(t, "status")} in ('reviewed', 'closed')
    and (${col(t, "status")} = 'reviewed' or ${col(t, "billing_status")} <> 'no_charge'))`;

/** Reviewed or closed (a contract ticket's minutes count toward its hour bank whatever its billing status). */
export const reviewedTicket = (t: string): Predicate =>
  sql<boolean>`${col(t, "status")} in ('reviewed', 'closed')`;

/** No invoice bills this ticket's time yet. */
export const ticketNotInvoiced = (t: string): Predicate =>
  sql<boolean>`not exists (select 1 from invoice_tickets it where it.ticket_id = ${col(t, "id")})`;

/** No invoice holds this charge yet. */
export const chargeNotInvoiced = (c: string): Predicate =>
  sql<boolean>`not exists (select 1 from invoice_charges ic where ic.charge_id = ${col(c, "id")})`;

/** A charge waiting on an invoice: its ticket is billable and no invoice holds it. */
export const chargeUnbilled = (t: string, c: string): Predicate =>
  sql<boolean>`(${billableTicket(t)} and ${chargeNotInvoiced(c)})`;
