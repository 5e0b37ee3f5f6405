import type { Actor, AppContext } from "../../context.js";
import { requireVisible } from "../tickets/policy.js";
import { ticketsRepo } from "../tickets/repository.js";

/**
 * Who may read a ticket's service order: whoever may see the ticket — staff by role or assignment,
 * a client contact only for its own company (another company's answers 404 like a missing id).
 */
export async function requireOrderVisible(ctx: AppContext, actor: Actor, ticketId: string) {
  return requireVisible(actor, await ticketsRepo.byId(ctx.db, ticketId));
}
