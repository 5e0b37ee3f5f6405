import type { Role } from "../../domain/workflow.js";
import type { Actor } from "../context.js";
import { forbidden } from "../errors.js";

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));
export const isStaff = (actor: Actor) => actor.roles.some((r) => r !== "client");

/** Admins may do everything; anyone else needs one of the roles named. */
export function requireRole(actor: Actor, ...roles: Role[]): void {
  if (!hasRole(actor, "admin", ...roles)) throw forbidden();
}

export function requireStaff(actor: Actor): void {
  if (!isStaff(actor)) throw forbidden();
}

/** A client contact sees only its own company; staff see every client. */
export function requireClientAccess(actor: Actor, clientId: string): void {
  if (!isStaff(actor) && actor.clientId !== clientId)
    throw forbidden("Solo puedes ver la información de tu empresa.");
}
