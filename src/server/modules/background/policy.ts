/**
 * Background work (queued tasks and periodic jobs) shows payloads and errors of every feature, so
 * only admins see it and send a failed task back to the queue.
 */
import type { Actor } from "../../context.js";
import { requireRole } from "../../platform/authz.js";

export const assertMayManageBackgroundWork = (actor: Actor) => requireRole(actor);
