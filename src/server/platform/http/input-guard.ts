import type { FastifyInstance } from "fastify";
import { invalid } from "../errors.js";
import { cleanStrings } from "./text-cleaning.js";

/** Half of a UTF-16 surrogate pair without its other half: no character at all. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

type TextFault = "nul" | "surrogate" | null;
const faultOf = (text: string): TextFault =>
  text.includes("\u0000") ? "nul" : LONE_SURROGATE.test(text) ? "surrogate" : null;

/** What is wrong with a string anywhere in the value (keys included): a NUL, a lone surrogate, or null. */
function textFault(value: unknown, depth = 0): TextFault {
  if (typeof value === "string") return faultOf(value);
  if (value === null || typeof value !== "object" || depth > 32) return null;
  for (const [key, item] of Object.entries(value)) {
    const fault = faultOf(key) ?? textFault(item, depth + 1);
    if (fault) return fault;
  }
  return null;
}

/**
 * What input may look like before any route sees it. PostgreSQL text cannot hold NUL (U+0000): such
 * input would fail deep in a query as a 500 there and be stored silently on SQLite; it is refused up
 * front, for body, query and path alike, on both databases. So is a lone UTF-16 surrogate (JSON's
 * "\ud800"): no character, SQLite would store bytes that are not UTF-8 and read back three U+FFFD.
 * Invisible controls and direction overrides are removed (text-cleaning.ts).
 * A body that is not JSON is 415.
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
      const fault = textFault(value);
      if (fault === "nul") throw invalid("error.nul_char", {}, [{ path: [part], message: "input.nul_char" }]);
      if (fault === "surrogate")
        throw invalid("error.lone_surrogate", {}, [{ path: [part], message: "input.lone_surrogate" }]);
    }
    // Invisible controls and direction overrides: cleaned, not refused (text-cleaning.ts).
    // (in place: query and params are objects Fastify already holds)
    request.body = cleanStrings(request.body);
    cleanStrings(request.query);
    cleanStrings(request.params);
  });
}
