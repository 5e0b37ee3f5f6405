import fastifyRateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Config } from "../config.js";
import { codedError } from "../i18n/index.js";

/** Liveness probes and the web app's files are never limited; everything else under /api is. */
const exempt = (req: FastifyRequest) =>
  !req.url.startsWith("/api/") || req.url.split("?")[0] === "/api/health";

/**
 * An API-wide request budget per signed-in user (per IP when anonymous), counted in this process.
 * It runs as a route preHandler, after the auth hook, so the caller is known. Register before routes.
 */
export async function installRateLimit(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: true,
    hook: "preHandler",
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    allowList: (req) => exempt(req),
    keyGenerator: (req) => (req.actor ? `user:${req.actor.id}` : `ip:${req.ip}`),
    addHeadersOnExceeding: {
      "x-ratelimit-limit": false,
      "x-ratelimit-remaining": false,
      "x-ratelimit-reset": false,
    },
    errorResponseBuilder: (_req, context) => {
      const seconds = Math.max(1, Math.ceil(context.ttl / 1000));
      return codedError(
        "rate_limited",
        { code: "error.rate_limited", params: { seconds } },
        { retryAfterSeconds: seconds, limitPerMinute: context.max },
      );
    },
  });
}
