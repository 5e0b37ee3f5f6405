import fastifyRateLimit from "@fastify/rate-limit";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { abuseKeyOf } from "../../../domain/network.js";
import type { Config } from "../config.js";
import { codedError } from "../i18n/index.js";

/**
 * MESA_TRUST_PROXY as Fastify's trustProxy. A hop count trusts that many proxies from the socket
 * inwards, so the client address is the one the outermost trusted proxy appended — never an entry the
 * client wrote itself (which `trustProxy: true`, the leftmost entry, would take).
 */
export function trustProxyOption(
  value: Config["trustProxy"],
): false | string | ((a: string, hop: number) => boolean) {
  if (typeof value !== "number") return value;
  return (_address, hop) => hop < value;
}

/** Liveness probes and the web app's files are never limited; everything else under /api is. */
const PROBES = new Set(["/api/health", "/api/ready"]);
const pathOf = (url: string) => {
  const q = url.indexOf("?");
  return q < 0 ? url : url.slice(0, q);
};
const exempt = (req: FastifyRequest) => !req.url.startsWith("/api/") || PROBES.has(pathOf(req.url));

/**
 * An API-wide request budget per signed-in user (per IP when anonymous), counted in this process.
 * It runs as a route onRequest hook: after the app-level auth hook (so the caller is known; a failed
 * authentication counts against the address before its 401 is sent in preParsing) and before the
 * Idempotency-Key is reserved, so a 429 never becomes a key's stored answer. Register before routes.
 */
export async function installRateLimit(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(fastifyRateLimit, {
    global: true,
    hook: "onRequest",
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    allowList: (req) => exempt(req),
    keyGenerator: (req) => (req.actor ? `user:${req.actor.id}` : `ip:${abuseKeyOf(req.ip)}`),
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
