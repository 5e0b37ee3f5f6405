import type { z } from "zod";
import type { TransitionBody } from "../../../contract/tickets.js";
import { billableMinutes } from "../../../domain/rounding.js";
import { decideTransition } from "../../../domain/workflow.js";
import type { Actor, AppContext } from "../../context.js";
import { isStaff } from "../../platform/authz.js";
import { type AppError, conflict, forbidden, invalid, notFound } from "../../platform/errors.js";
import { codedError } from "../../platform/i18n/index.js";
import { billingStatusAtClose, makeEventDraft } from "../billing/event.js";
import { onServiceOrderTransition } from "../service-orders/index.js";
import { businessCalendar, slaSettings } from "../settings/settings.js";
import {
  onAssignmentNotice,
  onClientRejectionNotice,
  onSendBackNotice,
} from "../staff-notifications/index.js";
import { rolesOf, usersRepo } from "../users/repository.js";
import { workRepo } from "../work/repository.js";
import { maySetBillingStatus, refuseDeskOnlyMoveFields, requireVisible } from "./policy.js";
import { historyRepo, type TicketRow, ticketsRepo } from "./repository.js";
import { workflowTicket } from "./ticket-view.js";
import { getTicketSummary } from "./tickets.js";

type Input = z.output<typeof TransitionBody>;

async function checkAssignee(ctx: AppContext, assigneeId: string): Promise<void> {
  const user = await usersRepo.byId(ctx.db, assigneeId);
  if (!user) throw notFound("technician", { field: "assigneeId" });
  const roles = rolesOf(user);
  if (user.active !== 1 || !roles.some((r) => r === "technician" || r === "senior")) {
    throw invalid("ticket.assign_active_only", {}, { field: "assigneeId" });
  }
}

/** The columns an approved transition changes besides the status. */
async function effects(ctx: AppContext, actor: Actor, row: TicketRow, input: Input, now: string) {
  const patch: Partial<TicketRow> = {};
  switch (input.action) {
    case "assign":
      // decideTransition refuses an assign without assigneeId (precondition_failed) before effects run.
      patch.assignee_id = input.assigneeId ?? row.assignee_id;
      break;
    case "start":
      patch.responded_at = row.responded_at ?? now;
      break;
    case "accept":
      patch.accepted_at = now;
      patch.accepted_via = isStaff(actor) ? "onsite" : "portal";
      patch.accepted_by_name = input.signerName?.trim() || actor.name;
      break;
    case "reject":
    case "send_back":
      Object.assign(patch, {
        accepted_at: null,
        accepted_via: null,
        accepted_by_name: null,
        billable_minutes: null,
        returned_by: input.action === "reject" ? "client" : "review",
      });
      break;
    case "review": {
      const rounding = (await slaSettings(ctx)).rounding;
      const kind = row.service_kind === "contract" ? "contract" : "event";
      patch.raw_minutes = await workRepo.totalMinutes(ctx.db, row.id);
      patch.billable_minutes = billableMinutes(patch.raw_minutes, kind, rounding);
      // Without the client's acceptance decideTransition has required a reason (reason_required).
      if (!row.accepted_at) patch.acceptance_override_reason = input.reason?.trim() ?? null;
      break;
    }
    case "cancel":
      // A cancelled request stops the SLA clock: it cannot breach after it was withdrawn.
      patch.closed_at = now;
      break;
    case "close":
      patch.closed_at = now;
      if (input.billingStatus) {
        if (!maySetBillingStatus(actor)) throw forbidden("ticket.billing_status_leader");
        patch.billing_status = input.billingStatus;
      } else {
        patch.billing_status = await billingStatusAtClose(ctx.db, row);
      }
      break;
  }
  return patch;
}

export async function transitionTicket(ctx: AppContext, actor: Actor, id: string, input: Input) {
  const row = requireVisible(actor, await ticketsRepo.byId(ctx.db, id));
  refuseDeskOnlyMoveFields(actor, input);
  if (input.expectedVersion !== undefined && input.expectedVersion !== row.version) {
    throw await staleConflict(ctx, actor, id);
  }
  const entries = await workRepo.countTimeEntries(ctx.db, id);
  const decision = decideTransition(input, actor, workflowTicket(row, entries));
  if (!decision.ok)
    throw codedError(decision.code, decision.message, { action: input.action, status: row.status });
  if (input.action === "assign" && input.assigneeId) await checkAssignee(ctx, input.assigneeId);
  if (input.action === "assign" && input.assigneeId === row.assignee_id) {
    throw conflict("ticket.already_assigned", {}, { assigneeId: row.assignee_id });
  }
  const now = ctx.clock().toISOString();
  const patch = await effects(ctx, actor, row, input, now);
  // "Returned" lasts while the ticket is back in progress: attended again, it is an ordinary one.
  if (decision.to !== "in_progress" && row.returned_by !== null) patch.returned_by = null;
  const updated = await ctx.db.transaction().execute(async (trx) => {
    const ok = await ticketsRepo.update(trx, row, { ...patch, status: decision.to, updated_at: now }, (db) =>
      businessCalendar({ ...ctx, db }),
    );
    if (!ok) return false;
    await historyRepo.add(trx, {
      ticketId: id,
      at: now,
      actorId: actor.id,
      action: input.action,
      from: row.status,
      to: decision.to,
      reason: input.reason?.trim() || null,
      changes: historyChanges(row, patch, input),
    });
    // An event ticket closed `to_invoice` gets its draft invoice in the same transaction.
    if (input.action === "close") await makeEventDraft(ctx, trx, id, actor.id);
    const event = {
      actor,
      row,
      action: input.action,
      to: decision.to,
      patch,
      reason: input.reason?.trim() || null,
      now,
    };
    await onServiceOrderTransition(ctx, trx, event);
    await onAssignmentNotice(ctx, trx, event);
    await onSendBackNotice(ctx, trx, event);
    if (input.action === "reject")
      await onClientRejectionNotice(ctx, trx, {
        row,
        // A contact rejecting in the portal is the signer; staff recording it name the client, or not.
        signerName: input.signerName?.trim() || (isStaff(actor) ? null : actor.name),
        reason: event.reason ?? "",
        actorId: actor.id,
        now,
      });
    return true;
  });
  if (!updated) throw await staleConflict(ctx, actor, id);
  return getTicketSummary(ctx, actor, id);
}

function historyChanges(
  row: TicketRow,
  patch: Partial<TicketRow>,
  input: Input,
): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  if (patch.assignee_id !== undefined) out.assigneeId = { from: row.assignee_id, to: patch.assignee_id };
  if (patch.accepted_by_name) out.signerName = patch.accepted_by_name;
  if (patch.accepted_via) out.acceptedVia = patch.accepted_via;
  // A rejection recorded by staff keeps whose it was, as the service order's own rejection does.
  if (input.action === "reject" && input.signerName?.trim()) out.signerName = input.signerName.trim();
  if (patch.billable_minutes !== undefined && patch.billable_minutes !== null) {
    out.rawMinutes = patch.raw_minutes;
    out.billableMinutes = patch.billable_minutes;
  }
  if (patch.billing_status) out.billingStatus = { from: row.billing_status, to: patch.billing_status };
  if (input.action === "review" && patch.acceptance_override_reason) out.acceptanceOverride = true;
  return Object.keys(out).length ? out : null;
}

/** Someone else changed the ticket first: say so, with the state it is in now. */
export async function staleConflict(ctx: AppContext, actor: Actor, id: string): Promise<AppError> {
  const current = await getTicketSummary(ctx, actor, id);
  return conflict("ticket.stale", {}, { current });
}
