import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { localeOf, render } from "../i18n/index.js";
import { noRoute } from "./error-handler.js";

/**
 * Fastify's `frameworkErrors`: requests refused before any route is found, a path parameter longer
 * than the router's limit (an id of 5,000 characters) or a malformed percent-encoding («%E0%A4%A»).
 * Fastify's own answer has a body of its own ({error: "Bad Request", code: "FST_ERR_…"}) and none of
 * the hooks' headers; these get Mesa's envelope and its security headers. An id that long names no
 * record: 404, as any missing one. A bad encoding: 400.
 */
export function unroutableAnswer(headers: [string, string][]) {
  return (err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    const locale = localeOf(request);
    const badUrl = err.code === "FST_ERR_BAD_URL";
    const message = badUrl
      ? render(locale, "error.bad_url")
      : render(locale, "error.no_route", noRoute(request));
    const code = badUrl ? "validation_failed" : "not_found";
    reply.header("content-language", locale);
    return reply.status(badUrl ? 400 : 404).send({ error: { code, message, details: null } });
  };
}
