import type { PortalUser } from "../../../contract/portal.js";
import type { Actor } from "../../context.js";
import { requireRole } from "../../platform/authz.js";
import { notFound } from "../../platform/errors.js";
import type { TicketRow } from "../tickets/repository.js";
import { rolesOf, toUser, type UserRow } from "../users/repository.js";
import type { TicketScope } from "./repository.js";

/**
 * A contact's portal account: its only role is client and it belongs to a client and a contact. Only
 * such an account gets a sign-in link or a survey link.
 */
export const isContactAccount = (row: {
  roles: string;
  client_id: string | null;
  contact_id: string | null;
}) => {
  const roles = rolesOf(row);
  return roles.length === 1 && roles[0] === "client" && row.client_id !== null && row.contact_id !== null;
};

/** A client contact signed in to the portal: the `client` actor the shared services know, and its scope. */
export interface PortalCaller {
  actor: Actor;
  contactId: string;
  /** Flagged by staff on the contact: sees all of its company's tickets. */
  companyAdmin: boolean;
  clientName: string;
}

type AccountRow = UserRow & { portal_admin: number; client_name: string };

export function portalCallerOf(row: AccountRow, sessionId: string, csrfToken: string): PortalCaller {
  const user = toUser(row);
  return {
    actor: { ...user, roles: ["client"], via: "cookie", sessionId, csrfToken },
    // Only accounts with a contact reach here (isContactAccount).
    contactId: row.contact_id ?? "",
    companyAdmin: row.portal_admin === 1,
    clientName: row.client_name,
  };
}

export function portalUserOf(c: PortalCaller): PortalUser {
  return {
    id: c.actor.id,
    email: c.actor.email,
    name: c.actor.name,
    clientId: c.actor.clientId ?? "",
    clientName: c.clientName,
    contactId: c.contactId,
    companyAdmin: c.companyAdmin,
    locale: c.actor.locale,
  };
}

export function scopeOf(c: PortalCaller): TicketScope {
  return {
    clientId: c.actor.clientId ?? "",
    own: c.companyAdmin ? null : { contactId: c.contactId, userId: c.actor.id },
  };
}

/** A ticket outside the caller's scope (another company's, or a colleague's for a non-admin) is a 404. */
export function requireInScope<T extends TicketRow>(c: PortalCaller, row: T | undefined): T {
  const scope = scopeOf(c);
  const visible =
    row !== undefined &&
    row.client_id === scope.clientId &&
    (scope.own === null || row.contact_id === scope.own.contactId || row.created_by === scope.own.userId);
  if (!row || !visible) throw notFound("ticket");
  return row;
}

/** Reception (and leaders, who stand in for it) send a closed ticket's survey link by mail. */
export const assertMaySendSurveyLink = (actor: Actor) => requireRole(actor, "reception", "leader");
