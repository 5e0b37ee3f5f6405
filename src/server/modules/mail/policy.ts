/**
 * Who may do what with mail (SPEC §1, §9): admins see the outbox and put a failed mail back in line;
 * reception and leaders link a mail from an unknown sender to a client's contact. The mail settings
 * follow the settings policy (staff read, admins write). Files are attached to a ticket by the staff
 * who may write messages on it (whoever sees it: its technician, reception, seniors, leaders, Ventas,
 * admins); a client contact attaches only through the portal, where what it sends is always visible.
 */
import type { Actor } from "../../context.js";
import { requireRole, requireStaff } from "../../platform/authz.js";

export const assertMayManageOutbox = (actor: Actor) => requireRole(actor);
export const assertMayLinkSender = (actor: Actor) => requireRole(actor, "reception", "leader");
/** Staff attach files to a ticket they see (the caller checks it is seen, as for a message). */
export const assertMayAttachFiles = (actor: Actor) => requireStaff(actor);
