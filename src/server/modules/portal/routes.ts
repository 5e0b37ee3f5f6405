import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  MagicLinkBody,
  PortalAttachment,
  PortalAttachmentBody,
  PortalAttachmentParams,
  PortalInfo,
  PortalMe,
  PortalMePatch,
  PortalMessage,
  PortalMessageBody,
  PortalSession,
  PortalSessionBody,
  PortalSurveyBody,
  PortalTicketCreateBody,
  PortalTicketDetail,
  PortalTicketList,
  PortalTicketParams,
} from "../../../contract/portal.js";
import type { AppContext } from "../../context.js";
import { AppError, forbidden } from "../../platform/errors.js";
import { codedError, localeOf } from "../../platform/i18n/index.js";
import { mailSettings } from "../mail/settings.js";
import { openingHours } from "../mail/templates.js";
import { sendStoredFile } from "../mail/uploads.js";
import { calendarConfig } from "../settings/settings.js";
import { updateMe } from "../users/users.js";
import { attachmentFile, uploadAttachment } from "./attachments.js";
import { callerFromCookie, endSession, exchangeToken, PORTAL_COOKIE, requestLink } from "./auth.js";
import { type PortalCaller, portalUserOf } from "./policy.js";
import { serviceOrderRoutes } from "./service-order.js";
import * as tickets from "./tickets.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The client contact signed in to the portal (null elsewhere and when signed out). */
    portal: PortalCaller | null;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
/** A 25 MB file as base64 in JSON, with room for the file name. */
const ATTACHMENT_BODY_LIMIT = 36 * 1024 * 1024;
const tags = ["portal"];

/** Constant-time comparison; hashing first gives equal-length buffers whatever was sent. */
function sameToken(given: unknown, expected: string | null): boolean {
  if (typeof given !== "string" || !expected) return false;
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function callerOf(req: FastifyRequest): PortalCaller {
  if (!req.portal) throw new AppError("unauthenticated", "portal.unauthenticated");
  return req.portal;
}

/**
 * The portal's own authentication, on top of the app-wide hook (which runs first and knows only staff
 * sessions and tokens): a portal session cookie makes the caller a client contact; a staff session or
 * token is refused here with 403, and nobody else gets in. The app-wide preParsing hook throws what
 * this leaves in `authError`, after the rate limit has counted the request.
 */
function installPortalAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest("portal", null);
  app.addHook("onRequest", async (req) => {
    const cookie = req.cookies[PORTAL_COOKIE];
    const caller = cookie ? await callerFromCookie(ctx, cookie) : null;
    req.portal = caller;
    if (req.routeOptions.config?.public === true) return;
    if (caller) {
      req.actor = caller.actor;
      const csrfOk =
        SAFE_METHODS.has(req.method) || sameToken(req.headers["x-csrf-token"], caller.actor.csrfToken);
      req.authError = csrfOk ? null : new AppError("csrf_token_invalid", "error.csrf");
    } else if (req.actor) {
      req.authError = forbidden("portal.staff_not_in_portal", {}, { reason: "staff_not_in_portal" });
    } else {
      req.authError = cookie
        ? codedError("session_expired", { code: "error.session_expired", params: {} })
        : codedError("unauthenticated", { code: "error.unauthenticated", params: {} });
    }
  });
}

function setSessionCookie(ctx: AppContext, reply: FastifyReply, token: string, expires: Date) {
  reply.setCookie(PORTAL_COOKIE, token, {
    path: "/api/portal",
    httpOnly: true,
    sameSite: "lax",
    secure: ctx.config.cookieSecure,
    expires,
  });
}

function sessionRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post("/magic-link", {
    config: { public: true },
    schema: { tags, body: MagicLinkBody, response: { 202: z.null() } },
    handler: async (req, reply) => {
      await requestLink(ctx, req.body.email, req.ip);
      return reply.code(202).send(null);
    },
  });
  r.post("/session", {
    config: { public: true },
    schema: { tags, body: PortalSessionBody, response: { 200: PortalSession } },
    handler: async (req, reply) => {
      const s = await exchangeToken(ctx, req.body.token, req.portal?.actor.id ?? null);
      setSessionCookie(ctx, reply, s.sessionToken, s.expiresAt);
      return { user: portalUserOf(s.caller), csrfToken: s.csrfToken, next: s.next };
    },
  });
  r.post("/logout", {
    config: { idempotent: false },
    schema: { tags, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await endSession(ctx, callerOf(req).actor);
      reply.clearCookie(PORTAL_COOKIE, { path: "/api/portal" });
      return reply.code(204).send(null);
    },
  });
  r.get("/me", {
    schema: { tags, response: { 200: PortalMe } },
    handler: async (req) => {
      const c = callerOf(req);
      return { user: portalUserOf(c), csrfToken: c.actor.csrfToken ?? "" };
    },
  });
  r.patch("/me", {
    schema: {
      tags,
      description: "Saves the portal's language to the account: the firm's mails to the contact use it.",
      body: PortalMePatch,
      response: { 200: PortalMe },
    },
    handler: async (req) => {
      const c = callerOf(req);
      await updateMe(ctx, c.actor, { locale: req.body.locale });
      return { user: { ...portalUserOf(c), locale: req.body.locale }, csrfToken: c.actor.csrfToken ?? "" };
    },
  });
  r.get("/info", {
    config: { public: true },
    schema: { tags, response: { 200: PortalInfo } },
    handler: async (req) => {
      const [cfg, settings] = await Promise.all([calendarConfig(ctx), mailSettings(ctx)]);
      // The language the portal shows (its requests say it), not the account's mail language.
      const lang = localeOf({ headers: req.headers }) === "en" ? "en" : "es";
      return {
        companyName: settings.companyName,
        openingHours: openingHours(cfg, lang),
        timeZone: cfg.timeZone,
        supportAddress: ctx.config.supportAddress,
      };
    },
  });
}

function ticketRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const params = PortalTicketParams;
  r.get("/tickets", {
    schema: { tags, response: { 200: PortalTicketList } },
    handler: async (req) => tickets.listTickets(ctx, callerOf(req)),
  });
  r.post("/tickets", {
    schema: { tags, body: PortalTicketCreateBody, response: { 201: PortalTicketDetail } },
    handler: async (req, reply) =>
      reply.code(201).send(await tickets.createTicket(ctx, callerOf(req), req.body)),
  });
  r.get("/tickets/:id", {
    schema: { tags, params, response: { 200: PortalTicketDetail } },
    handler: async (req) => tickets.getTicket(ctx, callerOf(req), req.params.id),
  });
  r.post("/tickets/:id/messages", {
    schema: { tags, params, body: PortalMessageBody, response: { 201: PortalMessage } },
    handler: async (req, reply) =>
      reply.code(201).send(await tickets.addTicketMessage(ctx, callerOf(req), req.params.id, req.body)),
  });
  r.post("/tickets/:id/survey", {
    schema: { tags, params, body: PortalSurveyBody, response: { 200: PortalTicketDetail } },
    handler: async (req) => tickets.answerSurvey(ctx, callerOf(req), req.params.id, req.body),
  });
  r.post("/tickets/:id/attachments", {
    bodyLimit: ATTACHMENT_BODY_LIMIT,
    schema: { tags, params, body: PortalAttachmentBody, response: { 201: PortalAttachment } },
    handler: async (req, reply) =>
      reply.code(201).send(await uploadAttachment(ctx, callerOf(req), req.params.id, req.body)),
  });
  r.get("/tickets/:id/attachments/:attId", {
    schema: { tags, params: PortalAttachmentParams },
    handler: async (req, reply) => {
      return sendStoredFile(reply, await attachmentFile(ctx, callerOf(req), req.params.id, req.params.attId));
    },
  });
}

/** The client portal's API: register with `{ prefix: "/api/portal", ctx }`. */
export async function portalPlugin(app: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  installPortalAuth(app, opts.ctx);
  sessionRoutes(app, opts.ctx);
  ticketRoutes(app, opts.ctx);
  serviceOrderRoutes(app, opts.ctx, callerOf);
}
