import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { Id } from "../../../contract/common.js";
import {
  CreditDecisionBody,
  CreditRequest,
  CreditRequestBody,
  CreditRequestListQuery,
  CreditStatus,
  RfcReviewItem,
} from "../../../contract/credit.js";
import type { AppContext } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import * as credit from "./credit.js";

const IdParams = z.object({ id: Id });

/** Credit requests, a client's credit standing and the RFC review list; registered under `/api`. */
export async function creditRoutes(app: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["credit"];
  r.post("/credit-requests", {
    schema: { tags, body: CreditRequestBody, response: { 201: CreditRequest } },
    handler: async (req, reply) =>
      reply.status(201).send(await credit.requestCredit(ctx, actorOf(req), req.body)),
  });
  r.get("/credit-requests", {
    schema: {
      tags,
      querystring: CreditRequestListQuery,
      response: { 200: z.object({ items: z.array(CreditRequest) }) },
    },
    handler: async (req) => ({ items: await credit.listCreditRequests(ctx, actorOf(req), req.query) }),
  });
  r.get("/credit-requests/:id", {
    schema: { tags, params: IdParams, response: { 200: CreditRequest } },
    handler: async (req) => credit.getCreditRequest(ctx, actorOf(req), req.params.id),
  });
  r.post("/credit-requests/:id/approve", {
    schema: { tags, params: IdParams, body: CreditDecisionBody, response: { 200: CreditRequest } },
    handler: async (req) =>
      credit.decideCreditRequest(ctx, actorOf(req), req.params.id, "approved", req.body.reason),
  });
  r.post("/credit-requests/:id/reject", {
    schema: { tags, params: IdParams, body: CreditDecisionBody, response: { 200: CreditRequest } },
    handler: async (req) =>
      credit.decideCreditRequest(ctx, actorOf(req), req.params.id, "rejected", req.body.reason),
  });
  r.get("/clients/:id/credit", {
    schema: { tags, params: IdParams, response: { 200: CreditStatus } },
    handler: async (req) => credit.creditStatus(ctx, actorOf(req), req.params.id),
  });
  r.get("/clients/rfc-review", {
    schema: {
      tags,
      querystring: z.object({ limit: z.coerce.number().int().min(1).max(1000).default(500) }),
      response: { 200: z.object({ items: z.array(RfcReviewItem) }) },
    },
    handler: async (req) => ({ items: await credit.rfcReview(ctx, actorOf(req), req.query.limit) }),
  });
}
