/**
 * Who may do what with mail (SPEC §1, §9): admins see the outbox and put a failed mail back in line;
 * reception and leaders link a mail from an unknown sender to a client's contact. The mail settings
 * follow the settings policy (staff read, admins write).
 */
import type { Actor } from "../../context.js";
import { requireRole } from "../../platform/authz.js";

export const assertMayManageOutbox = (actor: Actor) => requireRole(actor);
export const assertMayLinkSender = (actor: Actor) => requireRole(actor, "reception", "leader");
