/** SQL of the money-side reports (hour bank, work not yet billed) and of satisfaction. */
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { ReportFilters } from "../../../contract/reports.js";
import type { Span } from "../../../domain/reports/range.js";
import { isSqlite } from "../../platform/database/dialect.js";
import type { DB } from "../../platform/database/schema.js";
import { chargeUnbilled as unbilledCharge } from "../billing/unbilled-repository.js";
import { bucketOf, ticketFilters } from "./repository.js";

type Db = Kysely<DB>;
type Row = Record<string, unknown>;
const rows = async (db: Db, q: RawBuilder<unknown>): Promise<Row[]> => (await q.execute(db)).rows as Row[];

/** When a time entry's work was done: its end, or when it was logged (entries given as minutes). */
export const ENTRY_AT = sql`coalesce(te.ended_at, te.created_at)`;
const inSpan = (col: RawBuilder<unknown>, span: Span) =>
  sql`${col} >= ${span.start} and ${col} < ${span.end}`;

const satCounts = sql`count(*) as closed,
  sum(case when s.outcome = 'answered' then 1 else 0 end) as answered,
  sum(case when s.outcome = 'unreachable' then 1 else 0 end) as unreachable,
  avg(case when s.outcome = 'answered' then s.overall end) as overall,
  avg(case when s.outcome = 'answered' then s.technician end) as technician,
  avg(case when s.outcome = 'answered' then s.timeliness end) as timeliness`;

/** Tickets closed in the span, with their survey if any. */
const closedIn = (span: Span, f: ReportFilters) =>
  sql`from tickets t left join surveys s on s.ticket_id = t.id
    where t.status = 'closed' and ${inSpan(sql`t.closed_at`, span)} and ${ticketFilters(f)}`;

/** Billed once an invoice holds it; until then it waits on billable work (billing/unbilled-repository.ts owns the rule). */
const chargeUnbilled = unbilledCharge("t", "ch");

export const billingRepo = {
  /**
   * Reviewed contract tickets' billable minutes per contract and month of their last time entry
   * (SPEC §5). Only tickets with an entry in the span can have their last one in it.
   */
  hourBank: (db: Db, span: Span, months: Span[], f: ReportFilters) =>
    rows(
      db,
      sql`with last as (select te.ticket_id, max(${ENTRY_AT}) as last_at from time_entries te
          where te.ticket_id in (select te.ticket_id from time_entries te where ${inSpan(ENTRY_AT, span)})
          group by te.ticket_id),
        x as (select t.contract_id, t.billable_minutes, ${bucketOf(sql`last.last_at`, months)} as bucket
          from last join tickets t on t.id = last.ticket_id
          where ${inSpan(sql`last.last_at`, span)} and t.service_kind = 'contract' and t.contract_id is not null
            and t.billable_minutes is not null and t.status <> 'cancelled' and ${ticketFilters(f)})
        select x.contract_id, c.type, cl.name as client_name, c.included_minutes_per_month as included,
          x.bucket, sum(x.billable_minutes) as used, count(*) as tickets
        from x join contracts c on c.id = x.contract_id join clients cl on cl.id = c.client_id
        group by x.contract_id, c.type, cl.name, c.included_minutes_per_month, x.bucket
        order by cl.name, x.contract_id, x.bucket`,
    ),

  satisfactionTotals: (db: Db, span: Span, f: ReportFilters) =>
    rows(db, sql`select ${satCounts} ${closedIn(span, f)}`),

  satisfactionBy: (db: Db, span: Span, f: ReportFilters, by: "technician" | "client") => {
    const [key, label, join] =
      by === "technician"
        ? [sql`(t.assignee_id || '')`, sql`u.name`, sql`left join users u on u.id = t.assignee_id`]
        : // CROSS JOIN keeps tickets (the closing-day range) the outer loop on SQLite, not clients.
          [sql`(t.client_id || '')`, sql`c.name`, sql`cross join clients c`];
    const joined = by === "technician" ? sql`1 = 1` : sql`c.id = t.client_id`;
    return rows(
      db,
      sql`select ${key} as key, ${label} as label, ${satCounts}
        from tickets t left join surveys s on s.ticket_id = t.id ${join}
        where ${joined} and t.status = 'closed' and ${inSpan(sql`t.closed_at`, span)} and ${ticketFilters(f)}
        group by ${key}, ${label} order by ${label}`,
    );
  },

  satisfactionTrend: (db: Db, span: Span, months: Span[], f: ReportFilters) =>
    rows(
      db,
      sql`select s.bucket, ${satCounts} from (
          select ${bucketOf(sql`t.closed_at`, months)} as bucket, s.outcome, s.overall, s.technician, s.timeliness
          ${closedIn(span, f)}) s
        group by s.bucket order by s.bucket`,
    ),

  /** Closed tickets marked to invoice: `to_invoice` until their invoice is issued (then `invoiced`). */
  unbilledTickets: (db: Db, span: Span, f: ReportFilters, limit: number) =>
    rows(
      db,
      sql`select t.id, t.folio, c.name as client_name, t.service_kind, t.closed_at, t.billable_minutes,
          (select coalesce(sum(ch.amount_cents), 0) from charges ch where ch.ticket_id = t.id) as charges_cents
        from tickets t cross join clients c
        where c.id = t.client_id and t.status = 'closed' and t.billing_status = 'to_invoice'
          and ${inSpan(sql`t.closed_at`, span)} and ${ticketFilters(f)}
        order by t.closed_at, t.folio limit ${limit}`,
    ),

  /**
   * SQLite is told to read the partial index of tickets to invoice (migration 022): left to itself
   * it prefers tickets_closed_report, which covers too but holds every closed ticket of the range.
   */
  unbilledTicketTotals: (db: Db, span: Span, f: ReportFilters) =>
    rows(
      db,
      sql`select count(*) as tickets, sum(t.billable_minutes) as minutes
        from tickets t ${isSqlite(db) ? sql`indexed by tickets_unbilled` : sql``}
        where t.status = 'closed' and t.billing_status = 'to_invoice' and ${inSpan(sql`t.closed_at`, span)}
          and ${ticketFilters(f)}`,
    ),

  /** Extra charges logged in the span that no invoice (draft or live) bills yet, on billable work. */
  unbilledCharges: (db: Db, span: Span, f: ReportFilters, limit: number) =>
    rows(
      db,
      sql`select ch.id, t.folio, c.name as client_name, ch.kind, ch.description, ch.quantity,
          ch.unit_price_cents, ch.amount_cents, ch.created_at
        from charges ch join tickets t on t.id = ch.ticket_id join clients c on c.id = t.client_id
        where ${chargeUnbilled} and ${inSpan(sql`ch.created_at`, span)} and ${ticketFilters(f)}
        order by ch.created_at, ch.id limit ${limit}`,
    ),

  unbilledChargeTotals: (db: Db, span: Span, f: ReportFilters) =>
    rows(
      db,
      sql`select count(*) as charges, sum(ch.amount_cents) as cents
        from charges ch join tickets t on t.id = ch.ticket_id
        where ${chargeUnbilled} and ${inSpan(sql`ch.created_at`, span)} and ${ticketFilters(f)}`,
    ),
};
