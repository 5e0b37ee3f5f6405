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

export const notFound = (what: string, details: unknown = null) =>
  new AppError("not_found", `${what} no existe.`, details);
export const forbidden = (message = "No tienes permiso para esta acción.") =>
  new AppError("forbidden", message);
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
