import fs from "node:fs";
import path from "node:path";
import type { FastifyError, FastifyInstance, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { issueParams } from "../../../contract/i18n/issue.js";
import { type Database, isUniqueViolation } from "../database/database.js";
import { classifyFault, driverMessage, type Fault } from "../database/faults.js";
import { AppError, ERROR_STATUS, type ErrorCode, type ErrorText, LocalizedDetails } from "../errors.js";
import { isServerMessageKey, localeOf, render, type ServerLocale } from "../i18n/index.js";
import { zodIssueText } from "../i18n/zod-messages.js";

/** `text` is rendered in the caller's language; Fastify's own 4xx keep their (English) `message`. */
interface ErrorReply {
  status: number;
  code: string;
  text: ErrorText | null;
  message?: string;
  details: unknown;
}

const text = (code: ErrorText["code"], params: ErrorText["params"] = {}): ErrorText => ({ code, params });

/** One input problem of a `validation_failed` answer, as the API carries it. */
interface Issue<P = unknown> {
  path: P;
  message: string;
  code?: string;
  params?: Record<string, string | number>;
}

/**
 * An issue whose message is a catalogue code (the contract's `input.*`, a service's own) is rendered in
 * the reader's language, keeping the code and its arguments for clients that word it themselves.
 * zod's built-in messages (no code) are left to renderZodIssue.
 */
function renderIssue<P>(locale: ServerLocale, path: P, message: string, bounds: unknown): Issue<P> {
  if (!isServerMessageKey(message)) return { path, message };
  const params = issueParams(bounds ?? {});
  return { path, message: render(locale, message, params), code: message, params };
}

/** A request's zod issue: a catalogue code as above, else zod's own message in the reader's language. */
function renderZodIssue<P>(
  locale: ServerLocale,
  path: P,
  keyword: string,
  message: string,
  raw: unknown,
): Issue<P> {
  if (isServerMessageKey(message)) return renderIssue(locale, path, message, raw);
  const fields = raw && typeof raw === "object" ? raw : {};
  return { path, message: zodIssueText(locale, { ...fields, code: keyword }) ?? message };
}

/** The value at `path` of the request part a validation error is about (undefined: absent). */
function inputAt(request: FastifyRequest, context: string | undefined, path: string[]): unknown {
  const parts: Record<string, unknown> = {
    body: request.body,
    querystring: request.query,
    params: request.params,
    headers: request.headers,
  };
  let value: unknown = context ? parts[context] : undefined;
  for (const key of path) {
    if (value === null || typeof value !== "object" || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A service's issue list (`invalid(…, [{path, message, params}])`); other details stay as they are. */
function renderIssues(locale: ServerLocale, details: unknown): unknown {
  if (!Array.isArray(details)) return details;
  return details.map((d: unknown) => {
    const issue = d as { path?: unknown; message?: unknown; params?: unknown } | null;
    if (typeof issue?.message !== "string" || !isServerMessageKey(issue.message)) return d;
    return renderIssue(locale, issue.path, issue.message, { params: issue.params });
  });
}

function describe(err: FastifyError, locale: ServerLocale, request: FastifyRequest): ErrorReply {
  if (err instanceof AppError) {
    const own = err.details instanceof LocalizedDetails ? err.details.render(locale) : err.details;
    const details = err.code === "validation_failed" ? renderIssues(locale, own) : own;
    return { status: err.status, code: err.code, text: err.text, details };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((v) => {
      const at = String(v.instancePath).split("/").filter(Boolean);
      // zod's issues do not keep the value (its message would say «recibido indefinido» whatever was
      // sent): it is read again from the part of the request that was validated.
      const input = inputAt(request, err.validationContext, at);
      return renderZodIssue(locale, [err.validationContext, ...at], v.keyword, v.message ?? "", {
        ...v.params,
        input,
      });
    });
    const first = details[0];
    const where = first ? ` (${first.path.join(".")}: ${first.message})` : "";
    return { status: 400, code: "validation_failed", text: text("error.validation", { where }), details };
  }
  if (err.code === "FST_ERR_CTP_INVALID_JSON_BODY" || err.code === "FST_ERR_CTP_EMPTY_JSON_BODY") {
    return { status: 400, code: "invalid_json", text: text("error.invalid_json"), details: null };
  }
  if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return { status: 413, code: "payload_too_large", text: text("error.payload_too_large"), details: null };
  }
  // @fastify/compress's own refusals of a compressed body, worded in English by the plugin.
  if (err.code === "FST_CP_ERR_INVALID_CONTENT") {
    return { status: 400, code: "validation_failed", text: text("error.body_encoding"), details: null };
  }
  if (err.code === "FST_CP_ERR_INVALID_CONTENT_ENCODING") {
    return {
      status: 415,
      code: "unsupported_media_type",
      text: text("error.content_encoding"),
      details: null,
    };
  }
  if (err.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    return { status: 415, code: "unsupported_media_type", text: text("error.media_type"), details: null };
  }
  if (isUniqueViolation(err)) {
    // A concurrent request stored the same unique value first (the services check before writing).
    return { status: 409, code: "conflict", text: text("error.duplicate_record"), details: null };
  }
  // The static files' refusal of a path (@fastify/static: a name too long for the disk, a «..»): a page
  // that is not there, as for any unknown path (it answered 403 validation_failed «Forbidden»). An API
  // path reaches them too when the router will not match it (an id past its length limit).
  if (err.statusCode === 403 || err.statusCode === 404) {
    return { status: 404, code: "not_found", text: text("error.no_route", noRoute(request)), details: null };
  }
  if (typeof err.statusCode === "number" && err.statusCode >= 400 && err.statusCode < 500) {
    return {
      status: err.statusCode,
      code: "validation_failed",
      text: null,
      message: err.message,
      details: null,
    };
  }
  return {
    status: ERROR_STATUS.internal_error,
    code: "internal_error",
    text: text("error.internal"),
    details: null,
  };
}

/** How long a client should wait before retrying (Retry-After): a dropped connection heals in seconds. */
const RETRY_AFTER_SECONDS: Partial<Record<ErrorCode, number>> = {
  database_unavailable: 5,
  storage_unavailable: 30,
};

/**
 * `database` (optional so other builders keep working) names where the data lives in the log line of
 * a database fault, and receives this logger for connection drops seen outside any request.
 */
export function installErrorHandler(
  app: FastifyInstance,
  database?: Pick<Database, "where" | "reportTo">,
): void {
  database?.reportTo(app.log);
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const fault = err instanceof AppError ? null : classifyFault(err);
    const locale = localeOf(request);
    const r = fault ? faultReply(fault) : describe(err, locale, request);
    if (fault) {
      // The operator needs the cause and the setting to fix, not Kysely's stack.
      const where = database?.where ?? "";
      request.log.error({ code: fault.code, where }, `${fault.cause} [${driverMessage(err)}] — ${where}`);
    } else if (r.status >= 500) request.log.error({ err }, "unhandled error");
    const retry = (r.details as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
    const retryAfter = typeof retry === "number" ? retry : RETRY_AFTER_SECONDS[r.code as ErrorCode];
    if (retryAfter) reply.header("retry-after", String(retryAfter));
    // A coded message is rendered in the caller's language, named by Content-Language; the body keeps
    // its fixed envelope {code, message, details} (SPEC §10), whose code and details are the machine's part.
    const message = r.text ? render(locale, r.text.code, r.text.params) : (r.message ?? r.code);
    if (r.text) reply.header("content-language", locale);
    return reply.status(r.status).send({ error: { code: r.code, message, details: r.details } });
  });
}

function faultReply(fault: Fault): ErrorReply {
  return {
    status: ERROR_STATUS[fault.kind],
    code: fault.kind,
    text: text(`error.${fault.kind}`),
    details: { retryAfterSeconds: RETRY_AFTER_SECONDS[fault.kind] },
  };
}

/**
 * The parameters of «No existe GET /ruta»: the method and the path without its query, at most 200
 * characters of it (a path of thousands is not echoed back whole).
 */
export function noRoute(request: { method: string; url: string }) {
  return { method: request.method, path: (request.url.split("?")[0] ?? "").slice(0, 200) };
}

/** The client portal's own page (a second Vite entry next to the staff app's index.html). */
const PORTAL_PATH = /^\/portal(\/|\?|$)/;

/**
 * A file, not a page of the web app: under /assets/ (Vite's hashed bundles) or named with a file's
 * extension. The app's own routes never have one; a browser holding an old bundle's name after an
 * upgrade must get a 404 for it, not the app's HTML (which nosniff then refuses to run as script).
 */
const FILE_PATH =
  /^\/assets\/|\.(?:js|mjs|css|map|json|webmanifest|png|jpe?g|gif|svg|ico|webp|woff2?|ttf|txt|xml)$/i;

/**
 * Unknown API paths and missing files are a JSON 404; any other GET gets the SPA's index.html so
 * client routes survive reloads.
 */
export function installNotFound(app: FastifyInstance, spaIndex: string | null): void {
  const portalIndex = spaIndex ? path.join(path.dirname(spaIndex), "portal.html") : null;
  app.setNotFoundHandler((request, reply) => {
    const where = request.url.split("?")[0] ?? "";
    const appPage = request.method === "GET" && !where.startsWith("/api/") && !FILE_PATH.test(where);
    if (spaIndex && appPage) {
      const page =
        portalIndex && PORTAL_PATH.test(request.url) && fs.existsSync(portalIndex) ? portalIndex : spaIndex;
      return reply.type("text/html; charset=utf-8").send(fs.createReadStream(page));
    }
    const message = render(localeOf(request), "error.no_route", noRoute(request));
    return reply.status(404).send({ error: { code: "not_found", message, details: null } });
  });
}
