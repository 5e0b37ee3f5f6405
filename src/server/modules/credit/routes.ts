import { IdParams } from "../../../contract/common.js";
import {
  CreditDecisionBody,
  CreditRequest,
  CreditRequestBody,
  CreditRequestList,
  CreditRequestListQuery,
  CreditStatus,
  RfcReviewList,
  RfcReviewQuery,
} from "../../../contract/credit.js";
import type { AppContext } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { featureRoutes, type Routes } from "../../platform/http/route-groups.js";
import * as credit from "./credit.js";

const tags = ["credit"];

/** Credit requests (`/api/credit-requests`), a client's credit standing and the RFC review list. */
export const creditRoutes = featureRoutes({ "/credit-requests": requestsGroup, "/clients": clientsGroup });

function requestsGroup(r: Routes, ctx: AppContext): void {
  r.post("", {
    schema: { tags, body: CreditRequestBody, response: { 201: CreditRequest } },
    handler: async (req, reply) =>
      reply.status(201).send(await credit.requestCredit(ctx, actorOf(req), req.body)),
  });
  r.get("", {
    schema: {
      tags,
      querystring: CreditRequestListQuery,
      response: { 200: CreditRequestList },
    },
    handler: async (req) => ({ items: await credit.listCreditRequests(ctx, actorOf(req), req.query) }),
  });
  r.get("/:id", {
    schema: { tags, params: IdParams, response: { 200: CreditRequest } },
    handler: async (req) => credit.getCreditRequest(ctx, actorOf(req), req.params.id),
  });
  r.post("/:id/approve", {
    schema: { tags, params: IdParams, body: CreditDecisionBody, response: { 200: CreditRequest } },
    handler: async (req) =>
      credit.decideCreditRequest(ctx, actorOf(req), req.params.id, "approved", req.body.reason),
  });
  r.post("/:id/reject", {
    schema: { tags, params: IdParams, body: CreditDecisionBody, response: { 200: CreditRequest } },
    handler: async (req) =>
      credit.decideCreditRequest(ctx, actorOf(req), req.params.id, "rejected", req.body.reason),
  });
}

function clientsGroup(r: Routes, ctx: AppContext): void {
  r.get("/:id/credit", {
    schema: { tags, params: IdParams, response: { 200: CreditStatus } },
    handler: async (req) => credit.creditStatus(ctx, actorOf(req), req.params.id),
  });
  r.get("/rfc-review", {
    schema: {
      tags,
      querystring: RfcReviewQuery,
      response: { 200: RfcReviewList },
    },
    handler: async (req) => ({ items: await credit.rfcReview(ctx, actorOf(req), req.query.limit) }),
  });
}
