/**
 * Who may do what to contracts (pólizas) and contract types (SPEC §2, §9): leaders, Ventas and admins
 * write contracts; staff read them all, a client contact its own company's (another company's
 * answers 404 like a missing id); contract types are read by staff and written by admins.
 */
import type { Actor } from "../../context.js";
import { requireClientAccess, requireRole, requireStaff } from "../../platform/authz.js";

export const assertMayEditContracts = (actor: Actor) => requireRole(actor, "leader", "sales");
export const assertMayReadContract = (actor: Actor, contract: { client_id: string }) =>
  requireClientAccess(actor, contract.client_id, "contract");
/** One client's contracts (its own company's for a client contact), or every contract (staff). */
export function assertMayListContracts(actor: Actor, clientId: string | undefined): void {
  if (clientId) requireClientAccess(actor, clientId, "client", { field: "clientId" });
  else requireStaff(actor);
}
export const assertMayReadContractTypes = (actor: Actor) => requireStaff(actor);
export const assertMayEditContractTypes = (actor: Actor) => requireRole(actor);
