import type { Transaction } from "kysely";
import type { DecisionMethod } from "../../../contract/service-orders.js";
import type { AppContext } from "../../context.js";
import type { DB } from "../../platform/database/schema.js";
import { AppError, conflict, notFound } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { businessCalendar } from "../settings/settings.js";
import { onClientRejectionNotice } from "../staff-notifications/index.js";
import { historyRepo, type TicketRow, ticketsRepo } from "../tickets/repository.js";
import { serviceOrdersRepo } from "./repository.js";

export interface ServiceOrderDecisionInput {
  ticketId: string;
  decision: "accept" | "reject";
  method: DecisionMethod;
  /** Who accepts or rejects (the person, not necessarily a user). */
  signerName: string;
  reason?: string | null | undefined;
  ip: string | null;
  userAgent: string | null | undefined;
  /** The signed-in user (portal contact or staff); null for a mailed link. */
  actorId: string | null;
  /** A mailed link, taken in the same transaction (single use). */
  linkId?: string | undefined;
}

export const linkUsed = () => new AppError("link_used", "service_order.link_used");

/** The ticket columns a decision changes: acceptance keeps `attended`, a rejection reopens the work. */
function patchFor(input: ServiceOrderDecisionInput, name: string, now: string): Partial<TicketRow> {
  if (input.decision === "accept") {
    return { accepted_at: now, accepted_via: input.method, accepted_by_name: name, updated_at: now };
  }
  return {
    status: "in_progress",
    accepted_at: null,
    accepted_via: null,
    accepted_by_name: null,
    billable_minutes: null,
    updated_at: now,
  };
}

function check(row: TicketRow | undefined, input: ServiceOrderDecisionInput, name: string, reason: string) {
  if (!row) throw notFound("service_order");
  if (!name) throw new AppError("precondition_failed", "service_order.name_required", {}, { field: "name" });
  if (input.decision === "reject" && !reason) {
    throw new AppError("reason_required", "service_order.reason_required", {}, { field: "reason" });
  }
  const pending = row.status === "attended" && !row.accepted_at;
  if (!pending) {
    if (input.linkId) throw linkUsed();
    throw new AppError("invalid_transition", "service_order.not_pending");
  }
  return row;
}

async function write(
  ctx: AppContext,
  trx: Transaction<DB>,
  row: TicketRow,
  input: ServiceOrderDecisionInput,
  now: string,
) {
  const name = input.signerName.trim();
  const reason = input.reason?.trim() || null;
  const patch = patchFor(input, name, now);
  if (!(await ticketsRepo.update(trx, row, patch, (db) => businessCalendar({ ...ctx, db })))) {
    throw conflict("service_order.concurrent_edit");
  }
  await historyRepo.add(trx, {
    ticketId: row.id,
    at: now,
    actorId: input.actorId,
    action: input.decision,
    from: row.status,
    to: patch.status ?? row.status,
    reason,
    changes: {
      signerName: name,
      acceptedVia: input.method,
      ip: input.ip,
      userAgent: input.userAgent ?? null,
    },
  });
  await serviceOrdersRepo.addDecision(trx, {
    id: newId(),
    ticket_id: row.id,
    decision: input.decision === "accept" ? "accepted" : "rejected",
    method: input.method,
    signer_name: name,
    reason,
    ip: input.ip,
    user_agent: input.userAgent?.slice(0, 500) ?? null,
    actor_id: input.actorId,
    at: now,
  });
  await serviceOrdersRepo.closeLinks(trx, row.id, now);
  if (input.decision === "reject")
    await onClientRejectionNotice(ctx, trx, {
      row,
      signerName: name,
      reason: reason ?? "",
      actorId: input.actorId,
      now,
    });
}

/**
 * The client accepts or rejects an attended service order (mailed link, portal, or on site), with the
 * evidence: name, time, IP, user agent and method. Acceptance keeps the ticket `attended` with its
 * acceptance recorded; rejection (reason required) sends it back to `in_progress`. History is written,
 * open links are closed. Callers decide who may (a link proves itself; the portal checks the contact).
 */
export async function acceptServiceOrder(ctx: AppContext, input: ServiceOrderDecisionInput): Promise<void> {
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const row = check(
      await ticketsRepo.byId(trx, input.ticketId),
      input,
      input.signerName.trim(),
      input.reason?.trim() ?? "",
    );
    if (input.linkId && !(await serviceOrdersRepo.takeLink(trx, input.linkId, now))) throw linkUsed();
    await write(ctx, trx, row, input, now);
  });
}
