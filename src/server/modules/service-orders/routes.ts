import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  LinkDecisionBody,
  LinkQuery,
  ServiceOrder,
  ServiceOrderByLink,
  ServiceOrderParams,
} from "../../../contract/service-orders.js";
import type { AppContext } from "../../context.js";
import { notFound } from "../../platform/errors.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { decideByLink, serviceOrderByLink } from "./links.js";
import { loadServiceOrder, orderPdf } from "./order.js";
import type { OrderLang } from "./pdf.js";
import { requireOrderVisible } from "./policy.js";

/** The order's PDF as a download (also the portal's). */
export async function sendPdf(ctx: AppContext, reply: FastifyReply, order: ServiceOrder, lang: OrderLang) {
  const pdf = await orderPdf(ctx, order, lang);
  return reply
    .type("application/pdf")
    .header("Content-Disposition", `attachment; filename="${order.folio}.pdf"`)
    .header("Cache-Control", "private, no-store")
    .send(pdf);
}

/**
 * Service orders, under /api/service-orders: the public page's calls by mailed link (no sign-in:
 * the signed token is the credential) and the PDF for those who may see the ticket.
 */
export async function serviceOrderRoutes(app: FastifyInstance, opts: { ctx: AppContext }) {
  const { ctx } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get("/by-link", {
    config: { public: true },
    schema: { tags: ["service-orders"], querystring: LinkQuery, response: { 200: ServiceOrderByLink } },
    handler: async (req) => serviceOrderByLink(ctx, req.query.token),
  });
  r.post("/by-link/decision", {
    config: { public: true },
    schema: { tags: ["service-orders"], body: LinkDecisionBody, response: { 200: ServiceOrder } },
    handler: async (req) => decideByLink(ctx, req.body, { ip: req.ip, userAgent: req.headers["user-agent"] }),
  });
  r.get("/by-link/pdf", {
    config: { public: true },
    schema: { tags: ["service-orders"], querystring: LinkQuery },
    handler: async (req, reply) =>
      sendPdf(ctx, reply, (await serviceOrderByLink(ctx, req.query.token)).order, "es"),
  });
  r.get("/:ticketId", {
    schema: { tags: ["service-orders"], params: ServiceOrderParams, response: { 200: ServiceOrder } },
    handler: async (req) => {
      await requireOrderVisible(ctx, actorOf(req), req.params.ticketId);
      const order = await loadServiceOrder(ctx, req.params.ticketId);
      if (!order) throw notFound("ticket");
      return order;
    },
  });
  r.get("/:ticketId/pdf", {
    schema: { tags: ["service-orders"], params: ServiceOrderParams },
    handler: async (req, reply) => {
      const actor = actorOf(req);
      await requireOrderVisible(ctx, actor, req.params.ticketId);
      const order = await loadServiceOrder(ctx, req.params.ticketId);
      if (!order) throw notFound("ticket");
      return sendPdf(ctx, reply, order, actor.locale === "en" ? "en" : "es");
    },
  });
}
