import { z } from "zod";

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
  request_timeout: 408,
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
  billing_contact_not_of_client: 422,
  billing_contact_without_email: 422,
  rate_limited: 429,
  headers_too_large: 431,
  internal_error: 500,
  database_unavailable: 503,
  storage_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

/** The codes answered with one HTTP status (the OpenAPI document lists them per response). */
export function codesWithStatus(status: number): ErrorCode[] {
  return ERROR_CODES.filter((code) => ERROR_STATUS[code] === status);
}

/** Every error answer: `code` for machines, `message` in the caller's language, `details` per code. */
export function errorEnvelope(codes: readonly ErrorCode[] = ERROR_CODES) {
  return z.object({
    error: z.object({
      code: z.enum(codes as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z.unknown(),
    }),
  });
}

export const ErrorEnvelope = errorEnvelope();
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;
