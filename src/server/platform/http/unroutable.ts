import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
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

/** What Node's HTTP parser refused, as Mesa answers it: a status, a code of the table, a message. */
function clientErrorKind(nodeCode: string | undefined) {
  if (nodeCode === "HPE_HEADER_OVERFLOW")
    return { status: 431, code: "headers_too_large", key: "error.headers_too_large" } as const;
  if (nodeCode === "ERR_HTTP_REQUEST_TIMEOUT")
    return { status: 408, code: "request_timeout", key: "error.request_timeout" } as const;
  return { status: 400, code: "validation_failed", key: "error.unreadable_request" } as const;
}

/**
 * Fastify's `clientErrorHandler`: a request Node's HTTP parser could not read (an unknown method such
 * as FOO, headers over 16 KB, a header with control characters, a request that never finished
 * arriving). There is no request to route nor to read a language from, so the answer is written on
 * the socket as Fastify's default does, but in Mesa's envelope (in Spanish, the desk's language) and
 * with the security headers every other answer carries. Nothing of the request is echoed.
 */
export function clientErrorAnswer(headers: [string, string][]) {
  return function answer(this: FastifyInstance, err: Error & { code?: string }, socket: Socket) {
    // A reset connection has nobody to answer (as Fastify's default handler).
    if (err.code === "ECONNRESET" || socket.destroyed) return;
    const { status, code, key } = clientErrorKind(err.code);
    const body = JSON.stringify({ error: { code, message: render("es-MX", key), details: null } });
    this.log.debug({ err }, "HTTP request the parser refused");
    if (socket.writable) {
      const lines = [
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
        ...headers.map(([name, value]) => `${name}: ${value}`),
        "content-type: application/json; charset=utf-8",
        "content-language: es-MX",
        `content-length: ${Buffer.byteLength(body)}`,
        "connection: close",
      ];
      socket.write(`${lines.join("\r\n")}\r\n\r\n${body}`);
    }
    socket.destroy(err);
  };
}
