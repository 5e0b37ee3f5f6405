import type { Actor, AppContext } from "../../context.js";
import { isStaff } from "../../platform/authz.js";
import { forbidden, orNotFound } from "../../platform/errors.js";
import { acceptServiceOrder } from "./decide.js";
import { loadServiceOrder } from "./order.js";
import { requireOrderVisible } from "./policy.js";

/**
 * For the client portal: a signed-in contact accepts or rejects its company's attended order (method
 * `portal`, signed with the contact's name). Another company's ticket answers 404; staff use the
 * workflow's on-site acceptance instead.
 */
export async function decideAsContact(
  ctx: AppContext,
  actor: Actor,
  input: {
    ticketId: string;
    decision: "accept" | "reject";
    reason?: string | undefined;
    ip: string;
    userAgent: string | undefined;
  },
) {
  await requireOrderVisible(ctx, actor, input.ticketId);
  if (isStaff(actor)) throw forbidden("service_order.staff_use_ticket");
  await acceptServiceOrder(ctx, {
    ticketId: input.ticketId,
    decision: input.decision,
    method: "portal",
    signerName: actor.name,
    reason: input.reason ?? null,
    ip: input.ip,
    userAgent: input.userAgent ?? null,
    actorId: actor.id,
  });
  return orNotFound(await loadServiceOrder(ctx, input.ticketId), "service_order");
}
