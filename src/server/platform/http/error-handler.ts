import fs from "node:fs";
import path from "node:path";
import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { type Database, isUniqueViolation } from "../database/database.js";
import { classifyFault, driverMessage, type Fault } from "../database/faults.js";
import { AppError, ERROR_STATUS, type ErrorCode } from "../errors.js";
import { localeOf, render } from "../i18n/index.js";

interface ErrorReply {
  status: number;
  code: string;
  message: string;
  details: unknown;
}

function describe(err: FastifyError): ErrorReply {
  if (err instanceof AppError) {
    return { status: err.status, code: err.code, message: err.message, details: err.details };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation.map((v) => ({
      path: [err.validationContext, ...String(v.instancePath).split("/").filter(Boolean)],
      message: v.message,
    }));
    const first = details[0];
    const where = first ? ` (${first.path.join(".")}: ${first.message})` : "";
    return { status: 400, code: "validation_failed", message: `Datos inválidos${where}.`, details };
  }
  if (err.code === "FST_ERR_CTP_INVALID_JSON_BODY" || err.code === "FST_ERR_CTP_EMPTY_JSON_BODY") {
    return { status: 400, code: "invalid_json", message: "El cuerpo no es JSON válido.", details: null };
  }
  if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return {
      status: 413,
      code: "payload_too_large",
      message: "La solicitud es demasiado grande.",
      details: null,
    };
  }
  if (err.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    return {
      status: 415,
      code: "unsupported_media_type",
      message: "Tipo de contenido no soportado.",
      details: null,
    };
  }
  if (isUniqueViolation(err)) {
    // A concurrent request stored the same unique value first (the services check before writing).
    return { status: 409, code: "conflict", message: "Ya existe un registro con esos datos.", details: null };
  }
  if (typeof err.statusCode === "number" && err.statusCode >= 400 && err.statusCode < 500) {
    return { status: err.statusCode, code: "validation_failed", message: err.message, details: null };
  }
  return {
    status: ERROR_STATUS.internal_error,
    code: "internal_error",
    message: "Error interno.",
    details: null,
  };
}

/** How long a client should wait before retrying (Retry-After): a dropped connection heals in seconds. */
const RETRY_AFTER_SECONDS: Partial<Record<ErrorCode, number>> = {
  database_unavailable: 5,
  storage_unavailable: 30,
};

const FAULT_MESSAGES: Record<Fault["kind"], string> = {
  database_unavailable:
    "La base de datos no está disponible en este momento. Intenta de nuevo en unos segundos.",
  storage_unavailable:
    "El almacenamiento de datos del servidor no está disponible; no se guardó ningún cambio. Avisa al administrador.",
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
    const r = fault ? faultReply(fault) : describe(err);
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
    const text = err instanceof AppError ? err.text : null;
    const locale = text ? localeOf(request) : null;
    const message = text && locale ? render(locale, text.code, text.params) : r.message;
    if (locale) reply.header("content-language", locale);
    return reply.status(r.status).send({ error: { code: r.code, message, details: r.details } });
  });
}

function faultReply(fault: Fault): ErrorReply {
  return {
    status: ERROR_STATUS[fault.kind],
    code: fault.kind,
    message: FAULT_MESSAGES[fault.kind],
    details: { retryAfterSeconds: RETRY_AFTER_SECONDS[fault.kind] },
  };
}

/** Unknown API paths are a JSON 404; any other GET gets the SPA's index.html so client routes survive reloads. */
/** The client portal's own page (a second Vite entry next to the staff app's index.html). */
const PORTAL_PATH = /^\/portal(\/|\?|$)/;

export function installNotFound(app: FastifyInstance, spaIndex: string | null): void {
  const portalIndex = spaIndex ? path.join(path.dirname(spaIndex), "portal.html") : null;
  app.setNotFoundHandler((request, reply) => {
    if (spaIndex && request.method === "GET" && !request.url.startsWith("/api/")) {
      const page =
        portalIndex && PORTAL_PATH.test(request.url) && fs.existsSync(portalIndex) ? portalIndex : spaIndex;
      return reply.type("text/html; charset=utf-8").send(fs.createReadStream(page));
    }
    return reply.status(404).send({
      error: {
        code: "not_found",
        message: `No existe ${request.method} ${request.url.split("?")[0]}.`,
        details: null,
      },
    });
  });
}
