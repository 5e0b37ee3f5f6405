import { ERROR_STATUS, type ErrorCode } from "../../contract/errors.js";

// The table lives in the contract (the web app and the OpenAPI document read it too).
export { ERROR_STATUS, type ErrorCode };

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: unknown = null,
    /** The message as a code with parameters, rendered in the caller's language (server/i18n). */
    readonly text: { code: string; params: Record<string, string | number> } | null = null,
  ) {
    super(message);
    this.name = "AppError";
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/**
 * The records a 404 names, as message codes (`error.not_found.<kind>`, rendered in the caller's
 * language by platform/i18n); a record not listed here reads `error.not_found` with its name.
 */
const NOT_FOUND_KINDS: Record<string, string> = {
  "El adjunto": "attachment",
  "El archivo del adjunto": "attachment_file",
  "El cliente": "client",
  "El contacto": "contact",
  "El correo": "mail",
  "El cronómetro de este ticket": "timer",
  "El logotipo": "logo",
  "El ticket": "ticket",
  "El técnico": "technician",
  "El usuario": "user",
  "La notificación": "notification",
  "La orden de servicio": "service_order",
  "La póliza": "contract",
  "La sesión": "session",
  "La tarea": "task",
};

export const notFound = (what: string, details: unknown = null) => {
  const kind = NOT_FOUND_KINDS[what];
  const text: { code: string; params: Record<string, string> } = kind
    ? { code: `error.not_found.${kind}`, params: {} }
    : { code: "error.not_found", params: { what } };
  return new AppError("not_found", `${what} no existe.`, details, text);
};

const FORBIDDEN_ES = "No tienes permiso para esta acción.";
/** The default refusal is a code; a caller's own sentence stays as written until it gets one. */
export const forbidden = (message = FORBIDDEN_ES) =>
  new AppError(
    "forbidden",
    message,
    null,
    message === FORBIDDEN_ES ? { code: "error.forbidden", params: {} } : null,
  );
export const conflict = (message: string, details: unknown = null) =>
  new AppError("conflict", message, details);
export const invalid = (message: string, details: unknown = null) =>
  new AppError("validation_failed", message, details);

/** A setting that makes the server unable to start (unusable MESA_DATA_DIR…): its message is one line for the operator. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartupError";
  }
}
