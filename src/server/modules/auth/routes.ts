import type { FastifyReply } from "fastify";
import {
  LoginBody,
  LoginResult,
  Me,
  MePatchBody,
  SetupBody,
  SetupStatus,
  TokenBody,
  TokenCreated,
  TokenList,
  User,
} from "../../../contract/auth.js";
import { IdParams, NoContent } from "../../../contract/common.js";
import type { AppContext } from "../../context.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { featureRoutes, type Routes } from "../../platform/http/route-groups.js";
import { calendarConfig } from "../settings/settings.js";
import * as users from "../users/users.js";
import * as auth from "./auth.js";
import { DEVICE_COOKIE, DEVICE_DAYS } from "./trusted-device.js";

/** Sign-in, the caller's own account and tokens (`/api/auth`), and first-run setup. */
export const authRoutes = featureRoutes({ "/auth": authGroup, "/setup": setupGroup });

const setCookie = (ctx: AppContext, reply: FastifyReply, token: string, expires: Date) =>
  reply.setCookie(auth.SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: ctx.config.cookieSecure,
    expires,
  });

function authGroup(r: Routes, ctx: AppContext): void {
  r.post("/login", {
    config: { public: true },
    schema: { tags: ["auth"], body: LoginBody, response: { 200: LoginResult } },
    handler: async (req, reply) => {
      const deviceToken = req.cookies[DEVICE_COOKIE];
      const client = { ip: req.ip, userAgent: req.headers["user-agent"], deviceToken };
      const s = await auth.login(ctx, { ...req.body, ...client });
      setCookie(ctx, reply, s.sessionToken, s.expiresAt);
      reply.setCookie(DEVICE_COOKIE, s.deviceToken, {
        path: "/api/auth/login",
        httpOnly: true,
        sameSite: "strict",
        secure: ctx.config.cookieSecure,
        maxAge: DEVICE_DAYS * 24 * 3600,
      });
      const { timeZone } = await calendarConfig(ctx);
      return { user: { ...auth.meOf(s.actor), timeZone }, csrfToken: s.csrfToken };
    },
  });
  r.post("/logout", {
    schema: { tags: ["auth"], response: { 204: NoContent } },
    handler: async (req, reply) => {
      await auth.logout(ctx, actorOf(req));
      reply.clearCookie(auth.SESSION_COOKIE, { path: "/" });
      return reply.status(204).send(null);
    },
  });
  r.get("/me", {
    schema: { tags: ["auth"], response: { 200: Me } },
    handler: async (req) => ({ ...auth.meOf(actorOf(req)), timeZone: (await calendarConfig(ctx)).timeZone }),
  });
  r.patch("/me", {
    schema: {
      tags: ["auth"],
      body: MePatchBody,
      response: { 200: User },
    },
    handler: async (req) => users.updateMe(ctx, actorOf(req), req.body),
  });
  r.post("/tokens", {
    schema: { tags: ["auth"], body: TokenBody, response: { 201: TokenCreated } },
    handler: async (req, reply) =>
      reply.status(201).send(await auth.createToken(ctx, actorOf(req), req.body.name)),
  });
  r.get("/tokens", {
    schema: { tags: ["auth"], response: { 200: TokenList } },
    handler: async (req) => ({ items: await auth.listTokens(ctx, actorOf(req)) }),
  });
  r.delete("/tokens/:id", {
    schema: { tags: ["auth"], params: IdParams, response: { 204: NoContent } },
    handler: async (req, reply) => {
      await auth.revokeToken(ctx, actorOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
}

function setupGroup(r: Routes, ctx: AppContext): void {
  r.get("", {
    config: { public: true },
    schema: { tags: ["setup"], response: { 200: SetupStatus } },
    handler: async () => users.setupStatus(ctx),
  });
  r.post("", {
    config: { public: true },
    schema: { tags: ["setup"], body: SetupBody, response: { 201: LoginResult } },
    handler: async (req, reply) => {
      const s = await users.runSetup(ctx, req.body);
      setCookie(ctx, reply, s.sessionToken, s.expiresAt);
      return reply.status(201).send({ user: auth.meOf(s.actor), csrfToken: s.csrfToken });
    },
  });
}
