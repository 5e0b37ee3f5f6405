import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "zod";
import { PortalOrderDecisionBody, PortalServiceOrder, PortalTicketParams } from "../../../contract/portal.js";
import type { AppContext } from "../../context.js";
import { notFound } from "../../platform/errors.js";
import { decideAsContact, loadServiceOrder, sendPdf } from "../service-orders/index.js";
import { serviceOrdersRepo } from "../service-orders/repository.js";
import { ticketsRepo } from "../tickets/repository.js";
import { type PortalCaller, requireInScope } from "./policy.js";

/** After `attend` the ticket has a service order; a rejection sends it back to work but keeps the record. */
const ORDER_STATUSES = new Set(["attended", "reviewed", "closed"]);

async function orderOf(ctx: AppContext, c: PortalCaller, id: string): Promise<PortalServiceOrder> {
  const row = requireInScope(c, await ticketsRepo.byId(ctx.db, id));
  const decided = await serviceOrdersRepo.lastDecision(ctx.db, id);
  if (!ORDER_STATUSES.has(row.status) && !decided) return { order: null, canDecide: false };
  const order = await loadServiceOrder(ctx, id);
  return { order, canDecide: row.status === "attended" && !row.accepted_at };
}

/** The signed-in contact accepts or rejects (method `portal`, signed with the contact's name). */
async function decide(
  ctx: AppContext,
  c: PortalCaller,
  id: string,
  body: z.output<typeof PortalOrderDecisionBody>,
  req: { ip: string; userAgent: string | undefined },
): Promise<PortalServiceOrder> {
  requireInScope(c, await ticketsRepo.byId(ctx.db, id));
  await decideAsContact(ctx, c.actor, { ticketId: id, ...body, ...req });
  return orderOf(ctx, c, id);
}

/**
 * The ticket's service order in the portal, under /tickets/:id/service-order: read it, download its
 * PDF, accept or reject it. Tickets outside the contact's scope answer 404, as do tickets with no order.
 */
export function serviceOrderRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  callerOf: (req: FastifyRequest) => PortalCaller,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["portal"];
  const params = PortalTicketParams;
  r.get("/tickets/:id/service-order", {
    schema: { tags, params, response: { 200: PortalServiceOrder } },
    handler: async (req) => orderOf(ctx, callerOf(req), req.params.id),
  });
  r.get("/tickets/:id/service-order/pdf", {
    schema: { tags, params },
    handler: async (req, reply) => {
      const c = callerOf(req);
      const { order } = await orderOf(ctx, c, req.params.id);
      if (!order) throw notFound("service_order");
      return sendPdf(ctx, reply, order, c.actor.locale === "en" ? "en" : "es");
    },
  });
  r.post("/tickets/:id/service-order/decision", {
    schema: { tags, params, body: PortalOrderDecisionBody, response: { 200: PortalServiceOrder } },
    handler: async (req) =>
      decide(ctx, callerOf(req), req.params.id, req.body, {
        ip: req.ip,
        userAgent: req.headers["user-agent"],
      }),
  });
}
