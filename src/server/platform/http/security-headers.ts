import fastifyHelmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";
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

/** Security headers on every answer: CSP, nosniff, frame denial, referrer policy; HSTS only behind TLS. */
export async function installSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(fastifyHelmet, {
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
