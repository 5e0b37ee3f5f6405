/** Stable error codes: the API contract for failures. One table maps each to its HTTP status. */
export const ERROR_STATUS = {
  validation_failed: 400,
  invalid_json: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  session_expired: 401,
  magic_link_invalid: 401,
  magic_link_expired: 401,
  magic_link_used: 401,
  forbidden: 403,
  csrf_token_invalid: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  duplicate: 409,
  idempotency_in_progress: 409,
  payload_too_large: 413,
  link_invalid: 400,
  link_expired: 410,
  link_used: 410,
  unsupported_media_type: 415,
  precondition_failed: 422,
  reason_required: 422,
  idempotency_key_reused: 422,
  wrong_password: 422,
  rfc_check_digit_mismatch: 422,
  credit_request_required: 422,
  rate_limited: 429,
  internal_error: 500,
  database_unavailable: 503,
  storage_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

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
