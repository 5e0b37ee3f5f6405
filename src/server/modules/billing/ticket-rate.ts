/**
 * One ticket's hourly rate (issue #14 item 1): the rate that applies and where it came from, and the
 * override Ventas or a leader sets with a reason. The override is kept in the ticket's rate history,
 * the ticket's history and the audit log; it re-prices the time line of the ticket's draft invoice in
 * the same transaction. An issued (exported, paid) invoice never changes: correcting it is a
 * cancellation and a new invoice, which bills the override.
 */
import type { Selectable, Transaction } from "kysely";
import type { z } from "zod";
import type { TicketRateBody } from "../../../contract/billing.js";
import { repriceTimeLine } from "../../../domain/billing/money.js";
import type { Actor, AppContext } from "../../context.js";
import { auditRepo } from "../../platform/audit/repository.js";
import type { DB, TicketsTable } from "../../platform/database/schema.js";
import { AppError, notFound } from "../../platform/errors.js";
import { staleEdit } from "../../platform/http/versions.js";
import { codedError } from "../../platform/i18n/index.js";
import { newId } from "../../platform/ids.js";
import { historyRepo } from "../tickets/repository.js";
import { isTimeLineOf } from "./event.js";
import { totalsColumns } from "./make.js";
import { requireRateOverrider } from "./policy.js";
import { rateOfTicket } from "./rates.js";
import { type InvoiceRow, invoicesRepo, lookupRepo, overridesRepo } from "./repository.js";
import { storedLines } from "./stored-lines.js";
import { invoiceTicketsRepo } from "./ticket-repository.js";

type Ticket = Selectable<TicketsTable>;

async function ticketOf(ctx: AppContext, actor: Actor, ticketId: string): Promise<Ticket> {
  requireRateOverrider(actor);
  const ticket = await lookupRepo.ticket(ctx.db, ticketId);
  if (!ticket) throw notFound("ticket");
  return ticket;
}

async function rateView(ctx: AppContext, ticket: Ticket) {
  const [r, inv] = await Promise.all([
    rateOfTicket(ctx.db, ticket),
    invoicesRepo.byRunKey(ctx.db, `ticket:${ticket.id}`),
  ]);
  return {
    ticketId: ticket.id,
    serviceKind: ticket.service_kind,
    category: r.category,
    mode: r.mode,
    hourlyRateCents: r.hourlyRateCents,
    source: r.source,
    history: r.history.map((h) => ({
      hourlyRateCents: Number(h.hourly_rate_cents),
      reason: h.reason,
      actorId: h.actor_id,
      actorName: h.actor_name,
      at: h.at,
    })),
    invoice: inv
      ? { id: inv.id, folio: inv.folio, status: inv.status, totalCents: Number(inv.total_cents) }
      : null,
  };
}

export async function ticketRateView(ctx: AppContext, actor: Actor, ticketId: string) {
  return rateView(ctx, await ticketOf(ctx, actor, ticketId));
}

/** An instant after `previous`: the latest override is the one in force, even two in one millisecond. */
function after(previous: string | undefined, now: string): string {
  if (previous === undefined || previous < now) return now;
  return new Date(Date.parse(previous) + 1).toISOString();
}

/** Ventas or a leader sets one event ticket's rate, with a reason; its draft invoice follows. */
export async function overrideTicketRate(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  body: z.output<typeof TicketRateBody>,
) {
  const ticket = await ticketOf(ctx, actor, ticketId);
  if (ticket.service_kind !== "event") {
    throw new AppError(
      "precondition_failed",
      "billing.hourly_event_only",
      {},
      {
        serviceKind: ticket.service_kind,
      },
    );
  }
  await ctx.db.transaction().execute(async (trx) => {
    const [latest] = await overridesRepo.history(trx, ticketId);
    const at = after(latest?.at, ctx.clock().toISOString());
    const row = { id: newId(), ticket_id: ticketId, reason: body.reason, actor_id: actor.id, at };
    await overridesRepo.insert(trx, { ...row, hourly_rate_cents: body.hourlyRateCents });
    const repriced = await repriceDraft(trx, ticket, body.hourlyRateCents, actor, at);
    // The ticket's history says who and why (amounts stay with billing's roles, in the rate history).
    await historyRepo.add(trx, {
      ticketId,
      at,
      actorId: actor.id,
      action: "rate_override",
      reason: body.reason,
      changes: repriced ? { invoiceFolio: repriced } : null,
    });
    await auditRepo.record(trx, {
      entity: "ticket_rate",
      entityId: ticketId,
      at,
      actorId: actor.id,
      action: "override",
      changes: { ...body, repricedInvoice: repriced },
    });
  });
  return rateView(ctx, ticket);
}

/**
 * Re-prices the time line of the ticket's draft at the new rate (totals at the draft's own IVA), in the
 * override's transaction; answers the draft's folio, or null when there is no draft or it bills no
 * time. A draft whose time line was rewritten by hand is refused (409): nothing is saved.
 */
async function repriceDraft(
  trx: Transaction<DB>,
  ticket: Ticket,
  hourlyRateCents: number,
  actor: Actor,
  at: string,
): Promise<string | null> {
  const inv = await invoicesRepo.byRunKey(trx, `ticket:${ticket.id}`);
  if (inv?.status !== "draft") return null;
  const minutes = await invoiceTicketsRepo.minutesOf(trx, inv.id, ticket.id);
  if (minutes === 0) return null;
  const lines = storedLines(inv.lines);
  const index = lines.findIndex(isTimeLineOf(ticket.folio));
  if (index < 0) throw draftEdited(inv);
  const next = lines.map((l, i) => (i === index ? repriceTimeLine(l, minutes, hourlyRateCents) : l));
  const patch = { lines: JSON.stringify(next), ...totalsColumns(next, inv.tax_basis_points), updated_at: at };
  if (!(await invoicesRepo.updateIfVersion(trx, inv.id, inv.version, patch))) {
    throw staleEdit("invoice", null);
  }
  await auditRepo.record(trx, {
    entity: "invoice",
    entityId: inv.id,
    at,
    actorId: actor.id,
    action: "reprice",
    changes: { hourlyRateCents, line: next[index], totalCents: patch.total_cents },
  });
  return inv.folio;
}

const draftEdited = (inv: InvoiceRow) =>
  codedError(
    "conflict",
    { code: "billing.rate_draft_edited", params: { folio: inv.folio } },
    { invoiceId: inv.id },
  );
