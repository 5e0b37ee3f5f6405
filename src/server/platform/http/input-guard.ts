import type { FastifyInstance } from "fastify";
import { invalid } from "../errors.js";

/** True when a string anywhere in the value (keys included) holds a NUL character. */
function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (value === null || typeof value !== "object" || depth > 32) return false;
  for (const [key, item] of Object.entries(value)) {
    if (key.includes("\u0000") || holdsNul(item, depth + 1)) return true;
  }
  return false;
}

/**
 * What input may look like before any route sees it. PostgreSQL text cannot hold NUL (U+0000): such
 * input would fail deep in a query as a 500 there and be stored silently on SQLite; it is refused up
 * front, for body, query and path alike, on both databases. A body that is not JSON is 415.
 */
export function installInputGuard(app: FastifyInstance): void {
  // Every body the API takes is JSON (the CSV import too, as a field): Fastify's built-in text/plain
  // parser would hand a route a bare string to fail validation as 400; like XML or a form, it is 415.
  app.removeContentTypeParser("text/plain");
  app.addHook("preValidation", async (request) => {
    for (const [part, value] of [
      ["params", request.params],
      ["querystring", request.query],
      ["body", request.body],
    ] as const) {
      if (holdsNul(value)) {
        throw invalid("error.nul_char", {}, [{ path: [part], message: "input.nul_char" }]);
      }
    }
  });
}
