/**
 * Who may do what with staff accounts and portal accounts (SPEC §2, §9): admins create and edit
 * accounts; every staff member lists them (the assignee pickers need them) and reads one; a person
 * always reads their own; reception, leaders and Ventas invite a client's contacts to the portal.
 */
import type { Actor } from "../../context.js";
import { requireRole, requireStaff } from "../../platform/authz.js";

export const assertMayManageUsers = (actor: Actor) => requireRole(actor);
export const assertMayListUsers = (actor: Actor) => requireStaff(actor);
export function assertMayReadUser(actor: Actor, userId: string): void {
  if (actor.id !== userId) requireStaff(actor);
}
export const assertMayInvitePortalUsers = (actor: Actor) =>
  requireRole(actor, "reception", "leader", "sales");
