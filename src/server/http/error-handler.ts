import fs from "node:fs";
import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { isUniqueViolation } from "../db/database.js";
import { AppError, ERROR_STATUS } from "../errors.js";

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
      code: "validation_failed",
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

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const r = describe(err);
    if (r.status >= 500) request.log.error({ err }, "unhandled error");
    const retry = (r.details as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
    if (r.status === 429 && typeof retry === "number") reply.header("retry-after", String(retry));
    return reply.status(r.status).send({ error: { code: r.code, message: r.message, details: r.details } });
  });
}

/** Unknown API paths are a JSON 404; any other GET gets the SPA's index.html so client routes survive reloads. */
export function installNotFound(app: FastifyInstance, spaIndex: string | null): void {
  app.setNotFoundHandler((request, reply) => {
    if (spaIndex && request.method === "GET" && !request.url.startsWith("/api/")) {
      return reply.type("text/html; charset=utf-8").send(fs.createReadStream(spaIndex));
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
