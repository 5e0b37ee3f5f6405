import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Actor, AppContext } from "../../context.js";
import { actorFromSession, actorFromToken, SESSION_COOKIE, type SignedIn } from "../../modules/auth/auth.js";
import { AppError } from "../errors.js";
import { codedError } from "../i18n/index.js";

declare module "fastify" {
  interface FastifyRequest {
    actor: Actor | null;
    /** Why authentication failed; answered in preParsing, after the rate limit has counted the try. */
    authError: AppError | null;
    /** The settings stamp the sign-in read saw, for the request's context (`forRequest`). */
    settingsStamp: string | null;
  }
  interface FastifyContextConfig {
    /** Routes reachable without signing in (login, setup, OpenAPI). */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Compares in constant time; hashing first gives equal-length buffers whatever was sent. */
function sameToken(given: unknown, expected: string | null): boolean {
  if (typeof given !== "string" || !expected) return false;
  const digest = (text: string) => createHash("sha256").update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

async function resolveActor(ctx: AppContext, request: FastifyRequest): Promise<SignedIn | null> {
  const header = request.headers.authorization;
  if (header?.startsWith("Bearer ")) {
    const signed = await actorFromToken(ctx, header.slice(7).trim());
    if (!signed) throw new AppError("unauthenticated", "auth.token_invalid");
    return signed;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  return actorFromSession(ctx, cookie);
}

/**
 * Every /api route needs a caller unless marked public; cookie callers must echo the CSRF token.
 * It runs onRequest, before the body is parsed and validated (SPEC §10): an anonymous caller learns
 * nothing about a route's schema, only that it must sign in. Checks that depend on the record stay
 * in the services.
 */
export function installAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest("actor", null);
  app.decorateRequest("authError", null);
  app.decorateRequest("settingsStamp", null);
  // Public routes declare "no security" in the OpenAPI document; the rest inherit the global scheme.
  app.addHook("onRoute", (route) => {
    if (route.config?.public === true && route.schema) route.schema.security = [];
  });
  app.addHook("onRequest", async (request: FastifyRequest, _reply: FastifyReply) => {
    try {
      await authenticate(ctx, request);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      request.authError = err;
    }
  });
  // Route-level onRequest hooks (the API rate limit) have run by now: bogus credentials are counted.
  app.addHook("preParsing", async (request) => {
    if (request.authError) throw request.authError;
  });
}

async function authenticate(ctx: AppContext, request: FastifyRequest): Promise<void> {
  {
    if (!request.url.startsWith("/api/") || request.is404) return;
    const isPublic = request.routeOptions.config?.public === true || request.url.startsWith("/api/docs");
    const signed = await resolveActor(ctx, request).catch((err) => {
      if (isPublic) return null;
      throw err;
    });
    request.actor = signed?.actor ?? null;
    request.settingsStamp = signed?.settingsStamp ?? null;
    if (isPublic) return;
    if (!request.actor) {
      const hadCookie = Boolean(request.cookies[SESSION_COOKIE]);
      throw hadCookie
        ? codedError("session_expired", { code: "error.session_expired", params: {} })
        : codedError("unauthenticated", { code: "error.unauthenticated", params: {} });
    }
    if (request.actor.via === "cookie" && !SAFE_METHODS.has(request.method)) {
      if (!sameToken(request.headers["x-csrf-token"], request.actor.csrfToken)) {
        throw new AppError("csrf_token_invalid", "error.csrf");
      }
    }
  }
}

export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError("unauthenticated", "error.unauthenticated");
  return request.actor;
}
