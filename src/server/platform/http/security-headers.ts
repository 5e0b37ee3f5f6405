import fastifyHelmet, { type FastifyHelmetOptions } from "@fastify/helmet";
import Fastify, { type FastifyInstance } from "fastify";
import type { Config } from "../config.js";

/**
 * The Content-Security-Policy for the SPA, the API and the Swagger UI at /api/docs alike: every
 * script comes from our own origin (the Vite build and @fastify/swagger-ui v6 have no inline script),
 * and nobody may frame Mesa (clickjacking).
 */
export function cspDirectives(config: Pick<Config, "cookieSecure">) {
  return {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    // Mantine writes its CSS variables in a <style> element at run time (and Swagger UI sets style
    // attributes), so inline styles must be allowed; inline *scripts* stay forbidden.
    styleSrc: ["'self'", "'unsafe-inline'"],
    // Data URIs: Mantine's and Swagger UI's small SVG icons in CSS.
    imgSrc: ["'self'", "data:"],
    fontSrc: ["'self'", "data:"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    // Over plain HTTP (a LAN install without TLS) upgrading would break every asset request.
    upgradeInsecureRequests: config.cookieSecure ? [] : null,
  };
}

/** Security headers for every answer: CSP, nosniff, frame denial, referrer policy; HSTS only behind TLS. */
export function securityHeaders(config: Config): Promise<[string, string][]> {
  return helmetHeaders({
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(config) },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    // HSTS over plain HTTP is ignored by browsers at best; only send it when Mesa is served over TLS.
    strictTransportSecurity: config.cookieSecure
      ? { maxAge: 180 * 24 * 3600, includeSubDomains: false }
      : false,
    // The SPA and its assets are same-origin; nothing needs cross-origin isolation.
    crossOriginEmbedderPolicy: false,
  });
}

/** Sets `headers` (securityHeaders) on every routed answer. */
export function installSecurityHeaders(app: FastifyInstance, headers: [string, string][]): void {
  app.addHook("onRequest", (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}

/**
 * The headers @fastify/helmet sets with these options. It rebuilds its middleware (and re-parses the
 * CSP) on every request, though with static options they depend on nothing in the request: they are
 * taken once, from a probe app, and then set as they are on every answer.
 */
async function helmetHeaders(options: FastifyHelmetOptions): Promise<[string, string][]> {
  const probe = Fastify();
  await probe.register(fastifyHelmet, options);
  let headers: [string, string][] = [];
  // Runs after helmet's own onRequest hooks: what is on the raw response by now is what helmet set.
  probe.addHook("onRequest", async (_request, reply) => {
    headers = reply.raw.getHeaderNames().map((n) => [n, String(reply.raw.getHeader(n))]);
  });
  probe.get("/", async () => "");
  await probe.inject("/");
  await probe.close();
  if (headers.length === 0) throw new Error("security headers: helmet set none");
  return headers;
}
