import type { Actor } from "../../context.js";
import { hasRole, requireClientAccess } from "../../platform/authz.js";
import { forbidden, type NotFoundKind } from "../../platform/errors.js";

/**
 * Who may do what with credit (SPEC §2, seed §1.2):
 * - ask for credit on a client's behalf: whoever edits clients (reception, leader, Ventas) and admins;
 * - approve or reject: Ventas only. Not admins by default: granting credit is a commercial decision
 *   kept apart from running the system; an admin who must decide gives themself the Ventas role
 *   (audited like any role change);
 * - see requests and a client's credit standing (intake flag, client page): reception, leaders,
 *   Ventas and admins. Technicians see neither;
 * - client contacts: another company's client or request answers 404 like a missing one; their own
 *   company's credit records are staff matters (403).
 */
const REQUESTERS = ["reception", "leader", "sales", "admin"] as const;
const VIEWERS = ["reception", "leader", "sales", "admin"] as const;

export const creditPolicy = {
  request(actor: Actor, clientId: string): void {
    requireClientAccess(actor, clientId, "client");
    if (!hasRole(actor, ...REQUESTERS)) throw forbidden();
  },
  decide(actor: Actor, clientId: string): void {
    requireClientAccess(actor, clientId, "credit_request");
    if (!hasRole(actor, "sales")) throw forbidden("credit.sales_only");
  },
  view(actor: Actor, clientId: string, what: NotFoundKind): void {
    requireClientAccess(actor, clientId, what);
    if (!hasRole(actor, ...VIEWERS)) throw forbidden();
  },
  list(actor: Actor): void {
    if (!hasRole(actor, ...VIEWERS)) throw forbidden();
  },
};
