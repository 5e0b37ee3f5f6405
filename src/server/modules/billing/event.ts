/**
 * Event invoices (issue #14 item 6): when an `event` ticket closes `to_invoice`, a draft is made in the
 * close's own transaction: billable hours × the ticket's rate, its extra charges and the warranty
 * execution fee. Contract tickets are billed by the monthly run instead.
 */

import type { Kysely, Transaction } from "kysely";
import { billingAtClose } from "../../../domain/billing/close.js";
import {
  itemLine,
  type Line,
  lineFits,
  MAX_AMOUNT_CENTS,
  subtotalFits,
  timeLine,
} from "../../../domain/billing/money.js";
import { periodOfInstant } from "../../../domain/billing/periods.js";
import type { Actor, AppContext } from "../../context.js";
import type { DB } from "../../platform/database/schema.js";
import { AppError, notFound } from "../../platform/errors.js";
import { codedError } from "../../platform/i18n/index.js";
import { businessCalendar } from "../settings/settings.js";
import { handledWarrantyCase } from "../warranty/repository.js";
import { warrantyExecutionFeeCents } from "../warranty/settings.js";
import { insertDraft, toInvoice } from "./make.js";
import { requireBiller } from "./policy.js";
import { rateOfTicket } from "./rates.js";
import { invoicesRepo, lookupRepo, workRepo } from "./repository.js";

const MODE_ES = {
  onsite: "presencial",
  office: "local",
  remote: "remota",
  phone: "telefónica",
} as const;

/** The draft's line of worked time names its ticket: `Servicio <folio>: <title> (<mode>)`. */
const timeLineDescription = (folio: string, title: string, mode: keyof typeof MODE_ES | null) =>
  `Servicio ${folio}: ${title}${mode ? ` (${MODE_ES[mode]})` : ""}`;

/** Whether a draft's line is the ticket's time line Mesa wrote (a rate override re-prices it). */
export const isTimeLineOf = (folio: string) => (line: Line) =>
  line.description.startsWith(`Servicio ${folio}:`);

/**
 * The warranty execution fee of an event ticket whose warranty case was handled (sent to the
 * manufacturer, whatever it answered): one line at the fee setting. Contract tickets never carry it
 * (seed §1.1: warranty handling is free for contracts); callers only ask for event tickets.
 */
export async function warrantyFeeLines(
  ctx: AppContext,
  trx: Transaction<DB>,
  ticketId: string,
): Promise<Line[]> {
  const wc = await handledWarrantyCase(trx, ticketId);
  if (!wc) return [];
  const fee = await warrantyExecutionFeeCents({ ...ctx, db: trx });
  if (fee <= 0) return [];
  return [itemLine(`Ejecución de garantía ${wc.manufacturer} ${wc.model} (serie ${wc.serial})`, 1, fee)];
}

/** The default at close: event → `to_invoice`; contract → `no_charge` unless it has extra charges. */
export async function billingStatusAtClose(
  db: Kysely<DB>,
  row: { id: string; service_kind: "contract" | "event" },
) {
  return billingAtClose(row.service_kind, (await workRepo.countCharges(db, row.id)) > 0);
}

type EventTicket = NonNullable<Awaited<ReturnType<typeof lookupRepo.ticket>>>;
type ChargeRow = Awaited<ReturnType<typeof workRepo.chargesOfTicket>>[number];

/**
 * Lines past what an invoice holds (charges stored before charges were checked, a huge rate × time):
 * the close that makes the draft is refused with a 422 naming why, instead of a RangeError's 500.
 */
const overInvoiceLimit = (ticket: EventTicket) =>
  new AppError(
    "precondition_failed",
    "billing.invoice_over_limit",
    { folio: ticket.folio },
    { ticketId: ticket.id, maxCents: MAX_AMOUNT_CENTS },
  );

/** The draft's lines: worked time at the ticket's rate, its charges, the warranty fee. */
async function eventLines(ctx: AppContext, trx: Transaction<DB>, ticket: EventTicket, charges: ChargeRow[]) {
  const lines: Line[] = [];
  const rate = await rateOfTicket(trx, ticket);
  const minutes = ticket.billable_minutes ?? 0;
  if (minutes > 0) {
    const description = timeLineDescription(ticket.folio, ticket.title, rate.mode);
    if (!lineFits(minutes / 60, rate.hourlyRateCents ?? 0)) throw overInvoiceLimit(ticket);
    const line = timeLine(description, minutes, rate.hourlyRateCents ?? 0);
    // No rate matched (empty price list): the draft is kept, its time line flagged to be priced by hand.
    lines.push(rate.hourlyRateCents === null ? { ...line, warning: "no_rate" } : line);
  }
  for (const c of charges) {
    const [quantity, price] = [Number(c.quantity), Number(c.unit_price_cents)];
    if (!lineFits(quantity, price)) throw overInvoiceLimit(ticket);
    lines.push(itemLine(c.description, quantity, price));
  }
  lines.push(...(await warrantyFeeLines(ctx, trx, ticket.id)));
  if (!subtotalFits(lines.map((l) => l.amountCents))) throw overInvoiceLimit(ticket);
  return lines;
}

/** In the close's transaction: the draft of a closed `to_invoice` event ticket, once. */
export async function makeEventDraft(
  base: AppContext,
  trx: Transaction<DB>,
  ticketId: string,
  actorId: string | null,
) {
  const ctx: AppContext = { ...base, db: trx };
  const ticket = await lookupRepo.ticket(trx, ticketId);
  if (ticket?.service_kind !== "event" || ticket.billing_status !== "to_invoice") return null;
  if (ticket.status !== "closed") return null;
  if (await invoicesRepo.byRunKey(trx, `ticket:${ticketId}`)) return null;
  const client = await lookupRepo.client(trx, ticket.client_id);
  if (!client) return null;
  const minutes = ticket.billable_minutes ?? 0;
  const charges = await workRepo.chargesOfTicket(trx, ticketId);
  const lines = await eventLines(ctx, trx, ticket, charges);
  if (lines.length === 0) return null;
  const row = await insertDraft(
    ctx,
    trx,
    {
      kind: "event",
      runKey: `ticket:${ticketId}`,
      client,
      contractId: null,
      ticketId,
      period: null,
      lines,
    },
    { actorId },
  );
  const zone = (await businessCalendar(ctx)).config.timeZone;
  const month = periodOfInstant(ticket.closed_at ?? ticket.updated_at, zone);
  await invoicesRepo.markTickets(trx, [
    { ticket_id: ticketId, invoice_id: row.id, contract_id: null, month, minutes },
  ]);
  await invoicesRepo.markCharges(
    trx,
    charges.map((c) => ({ charge_id: c.id, invoice_id: row.id })),
  );
  return row;
}

/** A leader asks again (after a cancellation, or a billing status changed to `to_invoice` later). */
export async function invoiceTicket(ctx: AppContext, actor: Actor, ticketId: string) {
  requireBiller(actor);
  const ticket = await lookupRepo.ticket(ctx.db, ticketId);
  if (!ticket) throw notFound("ticket");
  const existing = await invoicesRepo.byRunKey(ctx.db, `ticket:${ticketId}`);
  if (existing) {
    throw codedError(
      "conflict",
      { code: "billing.already_invoiced", params: { folio: existing.folio } },
      { invoiceId: existing.id },
    );
  }
  const row = await ctx.db.transaction().execute((trx) => makeEventDraft(ctx, trx, ticketId, actor.id));
  if (!row) throw codedError("precondition_failed", { code: "billing.not_event_ticket", params: {} });
  const made = await invoicesRepo.byId(ctx.db, row.id);
  if (!made) throw new AppError("internal_error", "error.internal");
  return toInvoice(made, actor.locale);
}
