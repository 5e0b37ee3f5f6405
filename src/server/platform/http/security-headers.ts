import type { IncomingMessage, ServerResponse } from "node:http";
import type { FastifyInstance } from "fastify";
import helmet, { type HelmetOptions } from "helmet";
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

/** Helmet's options: the CSP above, frame denial, a strict referrer policy, HSTS only behind TLS. */
function helmetOptions(config: Pick<Config, "cookieSecure">): HelmetOptions {
  return {
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(config) },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    // HSTS over plain HTTP is ignored by browsers at best; only send it when Mesa is served over TLS.
    strictTransportSecurity: config.cookieSecure
      ? { maxAge: 180 * 24 * 3600, includeSubDomains: false }
      : false,
    // The SPA and its assets are same-origin; nothing needs cross-origin isolation.
    crossOriginEmbedderPolicy: false,
  };
}

/**
 * The headers Helmet writes for this configuration. They depend on nothing in the request (no
 * nonces, no per-request directive), so they are worked out once: Helmet run on every request
 * (what @fastify/helmet does) rebuilt and re-parsed the whole policy each time.
 */
export function securityHeaderSet(config: Pick<Config, "cookieSecure">): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: unknown) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(helmetOptions(config))({} as IncomingMessage, recorder as unknown as ServerResponse, (err) => {
    if (err) throw err;
  });
  return headers;
}

/** Security headers on every answer (errors, 404s and static files included): set first thing, onRequest. */
export function installSecurityHeaders(app: FastifyInstance, config: Config): void {
  const headers = securityHeaderSet(config);
  app.addHook("onRequest", (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}
