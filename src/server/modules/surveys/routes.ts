import { SurveyAnswer, SurveyReadAnswer } from "../../../contract/client-facing.js";
import { IdParams } from "../../../contract/common.js";
import {
  SurveyAttemptBody,
  SurveyAttemptResult,
  SurveyBody,
  SurveyQueue,
  SurveyQueueQuery,
} from "../../../contract/surveys.js";
import { type AppContext, forRequest } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { featureRoutes, type Routes } from "../../platform/http/route-groups.js";
import * as surveys from "./surveys.js";
/** Satisfaction surveys: a ticket's survey and call attempts, and reception's survey queue. */
export const surveyRoutes = featureRoutes({ "/tickets/:id": surveyTicketGroup, "/surveys": surveysGroup });

function surveyTicketGroup(r: Routes, ctx: AppContext): void {
  r.get("/survey", {
    schema: {
      tags: ["surveys"],
      params: IdParams,
      response: { 200: SurveyReadAnswer },
    },
    handler: async (req) => surveys.getSurvey(forRequest(ctx, req), actorOf(req), req.params.id),
  });
  r.post("/survey", {
    schema: { tags: ["surveys"], params: IdParams, body: SurveyBody, response: { 201: SurveyAnswer } },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await surveys.recordSurvey(forRequest(ctx, req), actorOf(req), req.params.id, req.body)),
  });
  r.post("/survey-attempts", {
    schema: {
      tags: ["surveys"],
      params: IdParams,
      body: SurveyAttemptBody,
      response: { 201: SurveyAttemptResult },
    },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(
          await surveys.recordSurveyAttempt(forRequest(ctx, req), actorOf(req), req.params.id, req.body.note),
        ),
  });
}

function surveysGroup(r: Routes, ctx: AppContext): void {
  r.get("/queue", {
    schema: { tags: ["surveys"], querystring: SurveyQueueQuery, response: { 200: SurveyQueue } },
    handler: async (req) => surveys.surveyQueue(forRequest(ctx, req), actorOf(req), req.query),
  });
}
