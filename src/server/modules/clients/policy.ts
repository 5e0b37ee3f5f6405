/**
 * Who may do what to clients, contacts and the firm's own data (SPEC §2, §9):
 * - edit clients: reception, leaders, Ventas and admins; end a client's credit: Ventas and admins
 *   (credit is granted only through a credit request, modules/credit);
 * - edit contacts: the same plus technicians and seniors (they meet contacts on site); grant a
 *   contact company-wide portal visibility, or change the e-mail a contact's portal account signs in
 *   with: those who invite to the portal (reception, leaders, Ventas);
 * - read: staff every client and contact; a client contact its own company's records only, another
 *   company's answering 404 like a missing id;
 * - search clients, list every contact, the caller lookup: staff;
 * - the firm's data and logo: staff read, admins write.
 */
import type { Actor } from "../../context.js";
import { hasRole, requireClientAccess, requireRole, requireStaff } from "../../platform/authz.js";

const CLIENT_EDITORS = ["reception", "leader", "sales"] as const;
const CONTACT_EDITORS = ["reception", "leader", "sales", "technician", "senior"] as const;
const PORTAL_GRANTERS = ["reception", "leader", "sales"] as const;

export const assertMayEditClients = (actor: Actor) => requireRole(actor, ...CLIENT_EDITORS);
/** Turning a credit client back to cash. */
export const mayEndCredit = (actor: Actor) => hasRole(actor, "sales", "admin");
export const assertMayReadClient = (actor: Actor, clientId: string) =>
  requireClientAccess(actor, clientId, "client");
export const assertMaySearchClients = (actor: Actor) => requireStaff(actor);

export const assertMayEditContacts = (actor: Actor) => requireRole(actor, ...CONTACT_EDITORS);
/** Setting or clearing a contact's `portalAdmin` (sees all of its company's tickets in the portal). */
export const assertMayGrantPortalAdmin = (actor: Actor) => requireRole(actor, ...PORTAL_GRANTERS);
/** Moving or clearing the e-mail a contact's portal account signs in with (its next sign-in link goes there). */
export const mayMovePortalAddress = (actor: Actor) => hasRole(actor, "admin", ...PORTAL_GRANTERS);
/** Contacts of one client (its own company's for a client contact), or every contact (staff). */
export function assertMayListContacts(actor: Actor, clientId: string | undefined): void {
  if (clientId) requireClientAccess(actor, clientId, "client", { field: "clientId" });
  else requireStaff(actor);
}
export const assertMayReadContact = (actor: Actor, contact: { client_id: string }) =>
  requireClientAccess(actor, contact.client_id, "contact");
export const assertMayLookUpCallers = (actor: Actor) => requireStaff(actor);
