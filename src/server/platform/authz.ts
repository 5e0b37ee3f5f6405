import type { Role } from "../../domain/workflow.js";
import type { Actor } from "../context.js";
import { forbidden, type NotFoundKind, notFound } from "./errors.js";

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));
export const isStaff = (actor: Actor) => actor.roles.some((r) => r !== "client");

/** Admins may do everything; anyone else needs one of the roles named. */
export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!hasRole(actor, "admin", ...roles)) throw forbidden();
}

export function requireStaff(actor: Actor): void {
  if (!isStaff(actor)) throw forbidden();
}

/**
 * A client contact sees only its own company; staff see every client. Another company's record is
 * answered exactly like a missing one (`what` and `details` as the caller's own not-found), so a
 * client contact cannot learn which ids exist (SPEC §9).
 */
export function requireClientAccess(
  actor: Actor,
  clientId: string,
  what: NotFoundKind,
  details: unknown = null,
) {
  if (!isStaff(actor) && actor.clientId !== clientId) throw notFound(what, details);
}

/**
 * Fields only the desk may set (a back-dated phone call, an estimate, an assignee…). A client contact
 * naming one is refused with 403 `forbidden` and the fields in `details.fields`, never silently ignored.
 */
export function refuseStaffOnlyFields(actor: Actor, named: string[]): void {
  if (isStaff(actor) || named.length === 0) return;
  throw forbidden("error.staff_only_fields", { fields: named.join(", ") }, { fields: named });
}
