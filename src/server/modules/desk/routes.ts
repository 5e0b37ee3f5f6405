import { SurveyAnswer, SurveyReadAnswer } from "../../../contract/client-facing.js";
import { IdParams, UpdatedCount } from "../../../contract/common.js";
import { NotificationList, NotificationQuery } from "../../../contract/notifications.js";
import { RecomputeBody } from "../../../contract/settings.js";
import {
  SurveyAttemptBody,
  SurveyAttemptResult,
  SurveyBody,
  SurveyQueue,
} from "../../../contract/surveys.js";
import { CandidateList } from "../../../contract/tickets.js";
import { type AppContext, forRequest } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { featureRoutes, type Routes } from "../../platform/http/route-groups.js";
import { localeOf, withText } from "../../platform/i18n/index.js";
import * as notifications from "../notifications/notifications.js";
import * as surveys from "../surveys/surveys.js";
import { assignmentCandidates } from "../tickets/assignment.js";
import { recomputeDeadlines } from "../tickets/sla.js";

/** Reception's desk work beyond the ticket itself: ranking technicians, surveys, deadline recompute, notifications. */
export const deskRoutes = featureRoutes({
  "/tickets/:id": ticketGroup,
  "/surveys": surveysGroup,
  "/sla": slaGroup,
  "/notifications": notificationsGroup,
});

function ticketGroup(r: Routes, ctx: AppContext): void {
  r.get("/candidates", {
    schema: {
      tags: ["tickets"],
      params: IdParams,
      response: { 200: CandidateList },
    },
    handler: async (req) => {
      const items = await assignmentCandidates(forRequest(ctx), actorOf(req), req.params.id);
      const locale = localeOf(req);
      return { items: items.map((c) => ({ ...c, reasons: c.reasons.map((r) => withText(locale, r)) })) };
    },
  });
  r.get("/survey", {
    schema: {
      tags: ["surveys"],
      params: IdParams,
      response: { 200: SurveyReadAnswer },
    },
    handler: async (req) => surveys.getSurvey(forRequest(ctx), actorOf(req), req.params.id),
  });
  r.post("/survey", {
    schema: { tags: ["surveys"], params: IdParams, body: SurveyBody, response: { 201: SurveyAnswer } },
    handler: async (req, reply) =>
      reply
        .status(201)
        .send(await surveys.recordSurvey(forRequest(ctx), actorOf(req), req.params.id, req.body)),
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
        .send(await surveys.recordSurveyAttempt(forRequest(ctx), actorOf(req), req.params.id, req.body.note)),
  });
}

function surveysGroup(r: Routes, ctx: AppContext): void {
  r.get("/queue", {
    schema: { tags: ["surveys"], response: { 200: SurveyQueue } },
    handler: async (req) => ({ items: await surveys.surveyQueue(forRequest(ctx), actorOf(req)) }),
  });
}

function slaGroup(r: Routes, ctx: AppContext): void {
  r.post("/recompute", {
    schema: { tags: ["sla"], body: RecomputeBody, response: { 200: UpdatedCount } },
    handler: async (req) => ({
      updated: await recomputeDeadlines(forRequest(ctx), actorOf(req), req.body.statuses),
    }),
  });
}

function notificationsGroup(r: Routes, ctx: AppContext): void {
  r.get("", {
    schema: { tags: ["notifications"], querystring: NotificationQuery, response: { 200: NotificationList } },
    handler: async (req) =>
      notifications.listNotifications(
        forRequest(ctx),
        actorOf(req),
        req.query.unread === "true",
        req.query.limit,
      ),
  });
  r.post("/:id/read", {
    schema: {
      tags: ["notifications"],
      params: IdParams,
      response: { 200: UpdatedCount },
    },
    handler: async (req) => ({
      updated: await notifications.markNotificationsRead(forRequest(ctx), actorOf(req), req.params.id),
    }),
  });
  r.post("/read-all", {
    schema: { tags: ["notifications"], response: { 200: UpdatedCount } },
    handler: async (req) => ({
      updated: await notifications.markNotificationsRead(forRequest(ctx), actorOf(req)),
    }),
  });
}
