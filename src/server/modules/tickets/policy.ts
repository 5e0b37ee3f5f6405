/**
 * Who may do what to which ticket (SPEC §2, §3):
 * - see: reception, seniors, leaders, Ventas and admins every ticket; a technician the tickets assigned
 *   to them; a client contact its own company's (another company's answers 404, like a missing id);
 * - file a request: reception, leaders, seniors and admins, and a client contact for its own company
 *   without the desk-only fields; a technician-only user could not see the unassigned ticket it made;
 * - edit: staff only. Reclassify: reception, leaders and admins; billing status: leaders and admins;
 *   billable time: seniors and admins;
 * - rank candidates and assign: reception and leaders (and admins);
 * - time work on a ticket: the assigned technician, seniors and admins;
 * - recompute deadlines: admins; read the deadline calculator and closed days: staff.
 */
import type { z } from "zod";
import type { TicketListQuery } from "../../../contract/tickets.js";
import type { Actor } from "../../context.js";
import { hasRole, isStaff, refuseStaffOnlyFields, requireRole, requireStaff } from "../../platform/authz.js";
import { type AppError, forbidden, notFound } from "../../platform/errors.js";
import type { TicketRow } from "./repository.js";

const SEES_ALL = ["admin", "reception", "senior", "leader", "sales"] as const;

/** Sees every ticket, not just the ones assigned to them. */
export const seesAllTickets = (actor: Actor) => hasRole(actor, ...SEES_ALL);

/** Technicians without a broader role see only their own tickets; client contacts only their company's. */
export function canSee(actor: Actor, row: TicketRow): boolean {
  if (!isStaff(actor)) return actor.clientId === row.client_id;
  if (seesAllTickets(actor)) return true;
  return row.assignee_id === actor.id;
}

/**
 * A technician who opens a ticket someone else now has (reassigned, or an old link) learns who has it,
 * so they can ask that person instead of retrying.
 */
function notAssigned(row: TicketRow & { assignee_name?: string | null }): AppError {
  const name = row.assignee_name ?? null;
  const details = { reason: "not_assignee", assigneeName: name };
  return name
    ? forbidden("ticket.reassigned", { name }, details)
    : forbidden("ticket.not_assignee", {}, details);
}

/** The ticket, if the actor may read it: 404 when missing or another company's, 403 for another's technician ticket. */
export function requireVisible<T extends TicketRow>(actor: Actor, row: T | undefined): T {
  if (!row) throw notFound("ticket");
  if (!canSee(actor, row)) {
    // Another company's ticket is reported as missing, so ids cannot be probed.
    if (!isStaff(actor)) throw notFound("ticket");
    throw notAssigned(row);
  }
  return row;
}

/**
 * Who may file a ticket for this client, naming these desk-only fields: a client contact its own
 * company's (another company is answered like a missing client), staff who register requests.
 */
export function assertMayFile(actor: Actor, clientId: string, deskOnlyFields: string[]): void {
  refuseStaffOnlyFields(actor, deskOnlyFields);
  if (!isStaff(actor)) {
    // Another company is answered like a missing id: a client contact cannot probe which exist.
    if (actor.clientId !== clientId) throw notFound("client", { field: "clientId" });
  } else if (!hasRole(actor, "admin", "reception", "leader", "senior")) {
    // A technician-only user could not see the unassigned ticket it made (SPEC §2: reception registers requests).
    throw forbidden("ticket.create_role");
  }
}

/** Narrows a list to what the caller may see: own company for clients, own tickets for technicians. */
export function listScope(actor: Actor, query: z.output<typeof TicketListQuery>) {
  if (!isStaff(actor)) {
    // Filtering by another company is answered like a missing client: nothing to probe.
    if (query.clientId && query.clientId !== actor.clientId) throw notFound("client", { field: "clientId" });
    return { clientId: actor.clientId ?? "-", assigneeId: query.assigneeId };
  }
  if (!seesAllTickets(actor)) {
    if (query.assigneeId && query.assigneeId !== actor.id) throw forbidden("ticket.own_only");
    return { clientId: query.clientId, assigneeId: actor.id };
  }
  return { clientId: query.clientId, assigneeId: query.assigneeId };
}

/** A client contact edits no field of a ticket (SPEC §10), even when it names none. */
export function assertMayEdit(actor: Actor): void {
  if (!isStaff(actor)) throw forbidden();
}

/** Title, description, urgency, category, contact, service kind or estimate. */
export const mayReclassify = (actor: Actor) => hasRole(actor, "admin", "reception", "leader");
/** The billing status, on an edit or when closing. */
export const maySetBillingStatus = (actor: Actor) => hasRole(actor, "admin", "leader");
/** A reviewed ticket's billable minutes. */
export const mayCorrectBillableTime = (actor: Actor) => hasRole(actor, "admin", "senior");

/** Fields of a move only the desk may name (a client contact naming one gets 403 `details.fields`). */
export function refuseDeskOnlyMoveFields(
  actor: Actor,
  move: { assigneeId?: unknown; billingStatus?: unknown },
) {
  refuseStaffOnlyFields(
    actor,
    (["assigneeId", "billingStatus"] as const).filter((f) => move[f] !== undefined),
  );
}

/** Ranking technicians for a ticket (the assign dialog). */
export function assertMayReassign(actor: Actor): void {
  requireRole(actor, "reception", "leader");
}

/** Timing or recording work on a ticket: the technician it is assigned to, seniors and admins. */
export function mayWorkOn(actor: Actor, row: TicketRow): boolean {
  const mine = hasRole(actor, "technician") && row.assignee_id === actor.id;
  return mine || hasRole(actor, "senior", "admin");
}

/** The deadline calculator and the calendar's closed days. */
export function assertMayReadCalendar(actor: Actor): void {
  requireStaff(actor);
}

/** Moving open tickets' deadlines to new rules. */
export function assertMayRecomputeDeadlines(actor: Actor): void {
  requireRole(actor);
}
