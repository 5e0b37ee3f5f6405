import fs from "node:fs";
import path from "node:path";
import fastifyCompress from "@fastify/compress";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/** Hashed file names change with their content, so a browser may keep them for a year. */
const IMMUTABLE = "public, max-age=31536000, immutable";

/**
 * Compression and caching for every response: gzip/brotli for JSON and text over 1 KB (brotli at
 * quality 4 as the plugin recommends: dynamic bodies, compressed per request), `no-store` for the
 * API (per-user data), `no-cache` for the HTML entry, so a new release is picked up at once.
 */
export async function installTransport(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ["br", "gzip"] });
  app.addHook("onSend", async (request, reply, payload) => {
    if (reply.hasHeader("cache-control")) return payload;
    if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
    else if (String(reply.getHeader("content-type") ?? "").startsWith("text/html")) {
      reply.header("cache-control", "no-cache");
    }
    return payload;
  });
}

/**
 * The SPA's static files; returns its index.html for the not-found fallback, or null when not built.
 * The root is resolved to its real path once, so a later build switching `dist` does not change
 * what this server serves: its index.html and its hashed assets stay consistent until it stops.
 * Assets are served precompressed (.br/.gz made at build) when the browser accepts it.
 */
export async function serveWeb(app: FastifyInstance, webDist: string): Promise<string | null> {
  if (!fs.existsSync(path.join(webDist, "index.html"))) return null;
  const root = fs.realpathSync(webDist);
  const index = path.join(root, "index.html");
  await app.register(fastifyStatic, {
    root,
    index: false,
    preCompressed: true,
    cacheControl: false,
    // A path not found here falls through to the not-found handler: the SPA's own routes.
    setHeaders: (reply, file) =>
      reply.header("cache-control", file.startsWith(path.join(root, "assets")) ? IMMUTABLE : "no-cache"),
  });
  app.get("/", { schema: { hide: true } }, (_req, reply) =>
    reply.type("text/html; charset=utf-8").send(fs.createReadStream(index)),
  );
  return index;
}
