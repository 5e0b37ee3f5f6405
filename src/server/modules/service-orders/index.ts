import type { Transaction } from "kysely";
import type { TransitionAction } from "../../../contract/tickets.js";
import type { Actor, AppContext } from "../../context.js";
import { isStaff } from "../../platform/authz.js";
import type { DB } from "../../platform/database/schema.js";
import { newId } from "../../platform/ids.js";
import type { TicketRow } from "../tickets/repository.js";
import { queueServiceOrderMail } from "./mail.js";
import { serviceOrdersRepo } from "./repository.js";

export { acceptServiceOrder, type ServiceOrderDecisionInput } from "./decide.js";
export { loadServiceOrder, orderPdf } from "./order.js";
export { decideAsContact } from "./portal.js";
export { sendPdf, serviceOrderRoutes } from "./routes.js";

/**
 * Runs inside a ticket transition's transaction: `attend` mails the service order; an `accept` or
 * `reject` through the workflow call (on site, or a signed-in contact) is recorded as a decision and
 * closes the mailed links; any other move away from `attended` closes them too.
 */
export async function onServiceOrderTransition(
  ctx: AppContext,
  trx: Transaction<DB>,
  e: {
    actor: Actor;
    row: TicketRow;
    action: TransitionAction;
    to: string;
    patch: Partial<TicketRow>;
    reason: string | null;
    now: string;
  },
): Promise<void> {
  if (e.action === "attend") {
    await queueServiceOrderMail(ctx, trx, { ...e.row, ...e.patch, status: "attended" });
    return;
  }
  if (e.row.status !== "attended" || (e.to === "attended" && e.action !== "accept")) return;
  await serviceOrdersRepo.closeLinks(trx, e.row.id, e.now);
  if (e.action !== "accept" && e.action !== "reject") return;
  await serviceOrdersRepo.addDecision(trx, {
    id: newId(),
    ticket_id: e.row.id,
    decision: e.action === "accept" ? "accepted" : "rejected",
    method: isStaff(e.actor) ? "onsite" : "portal",
    signer_name: e.patch.accepted_by_name ?? e.actor.name,
    reason: e.reason,
    ip: null,
    user_agent: null,
    actor_id: e.actor.id,
    at: e.now,
  });
}
