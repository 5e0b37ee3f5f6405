import type { Actor, AppContext } from "../../context.js";
import { requireRole } from "../authz.js";
import { auditRepo } from "./repository.js";

/** The append-only change history of a client, contact, contract, user or setting. */
export async function auditTrail(ctx: AppContext, actor: Actor, entity: string, entityId: string) {
  requireRole(actor, "leader");
  const rows = await auditRepo.list(ctx.db, entity, entityId);
  return rows.map((r) => ({
    id: Number(r.id),
    at: r.at,
    actorId: r.actor_id,
    action: r.action,
    changes: r.changes ? (JSON.parse(r.changes) as unknown) : null,
  }));
}
