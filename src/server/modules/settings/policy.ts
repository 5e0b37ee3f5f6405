/**
 * Who may do what with the firm's settings (calendar, SLA table, categories, contract kinds, mail,
 * backups, warranty fee): every staff member reads them, since the desk works by them; only admins
 * change them. Client contacts see none.
 */
import type { Actor } from "../../context.js";
import { requireRole, requireStaff } from "../../platform/authz.js";

export const assertMayReadSettings = (actor: Actor) => requireStaff(actor);
export const assertMayEditSettings = (actor: Actor) => requireRole(actor);
/** The firm's own data (name, RFC, logo) is printed on every document: staff read it, admins edit it. */
export const assertMayReadCompany = (actor: Actor) => requireStaff(actor);
export const assertMayEditCompany = (actor: Actor) => requireRole(actor);
