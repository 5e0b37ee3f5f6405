import { ERROR_STATUS, type ErrorCode } from "../../contract/errors.js";
import { type MessageParams, render, type ServerLocale, type ServerMessageKey } from "./i18n/render.js";

// The table lives in the contract (the web app and the OpenAPI document read it too).
export { ERROR_STATUS, type ErrorCode };

/** A text to show a person: a catalogue code and its parameters, rendered in the reader's language. */
export interface ErrorText {
  code: ServerMessageKey;
  params: MessageParams;
}

/**
 * A refusal the API answers with `{error:{code, message, details}}`. Code never carries a sentence:
 * `text` is a message code (platform/i18n) the HTTP edge renders in the caller's language; `message`
 * is its es-MX rendering, for logs.
 */
export class AppError extends Error {
  readonly text: ErrorText;

  constructor(
    readonly code: ErrorCode,
    text: ServerMessageKey,
    params: MessageParams = {},
    readonly details: unknown = null,
  ) {
    super(render("es-MX", text, params));
    this.name = "AppError";
    this.text = { code: text, params };
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/**
 * Details holding texts for a person (the ERP import's report per row): the HTTP edge renders them in
 * the reader's language. Serialized anywhere else (a log line) they read in Spanish.
 */
export class LocalizedDetails {
  constructor(readonly render: (locale: ServerLocale) => unknown) {}

  toJSON(): unknown {
    return this.render("es-MX");
  }
}

/** The records a 404 names: each reads `error.not_found.<kind>` in the catalogues. */
export type NotFoundKind =
  | "attachment"
  | "attachment_file"
  | "category"
  | "charge"
  | "client"
  | "contact"
  | "contract"
  | "contract_type"
  | "credit_request"
  | "invoice"
  | "loaner"
  | "logo"
  | "mail"
  | "my_timer"
  | "notification"
  | "rate"
  | "service_order"
  | "session"
  | "task"
  | "technician"
  | "ticket"
  | "time_entry"
  | "timer"
  | "user"
  | "warranty_case";

export const notFound = (kind: NotFoundKind, details: unknown = null, params: MessageParams = {}) =>
  new AppError("not_found", `error.not_found.${kind}`, params, details);

/**
 * A record read back after this request wrote it. Gone means someone deleted it in between: that is
 * answered as the usual 404 instead of asserting it cannot happen.
 */
export function orNotFound<T>(row: T | null | undefined, kind: NotFoundKind): T {
  if (row === null || row === undefined) throw notFound(kind);
  return row;
}

export const forbidden = (
  text: ServerMessageKey = "error.forbidden",
  params: MessageParams = {},
  details: unknown = null,
) => new AppError("forbidden", text, params, details);
export const conflict = (text: ServerMessageKey, params: MessageParams = {}, details: unknown = null) =>
  new AppError("conflict", text, params, details);
export const invalid = (text: ServerMessageKey, params: MessageParams = {}, details: unknown = null) =>
  new AppError("validation_failed", text, params, details);

/** A setting that makes the server unable to start (unusable MESA_DATA_DIR…): its message is one line for the operator. */
export class StartupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StartupError";
  }
}
