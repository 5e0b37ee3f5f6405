/** Backups hold every record: only admins see them or change where they go. */
import type { Actor } from "../../context.js";
import { requireRole } from "../../platform/authz.js";

export const assertMayManageBackups = (actor: Actor) => requireRole(actor);
