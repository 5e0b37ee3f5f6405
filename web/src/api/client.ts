/** Fetch client for the Mesa API: JSON, cookie session, CSRF header and a typed error. */
import { onLocaleChange } from "../i18n";
import { forgetPrefetched, takePrefetched } from "./prefetch";

/** One input problem of a `validation_failed` answer: `message` in the caller's language, and its code. */
export interface FieldIssue {
  path: (string | number)[];
  message: string;
  code?: string;
  params?: Record<string, string | number>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** The language the server wrote `message` in (Content-Language), when it rendered it from a code. */
  readonly messageLanguage: string | null;

  constructor(
    status: number,
    code: string,
    message: string,
    details?: unknown,
    messageLanguage?: string | null,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = details;
    this.messageLanguage = messageLanguage ?? null;
  }

  /** Field issues of a validation error (zod issue list), if any. */
  get issues(): FieldIssue[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldIssue =>
        typeof d === "object" && d !== null && Array.isArray(d.path) && typeof d.message === "string",
    );
  }
}

/** The record is not there for this user (404: never was, removed, or out of their reach). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

let csrfToken: string | null = null;
let language = "es-MX";
// The server renders coded messages for anonymous callers (login) in the UI's language.
onLocaleChange((locale) => {
  language = locale;
});
let onUnauthorized: (() => void) | null = null;

export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null;
}

/** Called when an authenticated call answers 401 (session expired or signed out elsewhere). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

/** The CSRF header for a request made without `api()` (a file download). */
export const csrfHeader = (): Record<string, string> => (csrfToken ? { "X-CSRF-Token": csrfToken } : {});

export { withQuery } from "./query";

interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  body?: unknown;
  /** Do not trigger the session-expired handler on 401 (login, me). */
  quiet401?: boolean;
  signal?: AbortSignal;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": language };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const submission = method === "POST" ? submissionKey(path, body) : null;
  if (submission) headers["Idempotency-Key"] = submission.key;
  const send = () =>
    fetch(path, { method, headers, credentials: "same-origin", body, signal: options.signal });
  // The answer start-up already asked for (api/prefetch.ts); a request that may change the session voids them.
  if (method !== "GET") forgetPrefetched();
  const early = method === "GET" ? takePrefetched(path) : undefined;
  let response: Response;
  try {
    response = await (early ? early.catch(send) : send());
  } catch (cause) {
    if ((cause as Error).name === "AbortError") throw cause;
    throw new ApiError(0, "network_error", "Sin conexión con el servidor.");
  }
  if (response.status === 401 && !options.quiet401) onUnauthorized?.();
  try {
    const data = await parseResponse<T>(response);
    submission?.end();
    return data;
  } catch (error) {
    const inFlight = error instanceof ApiError && error.code === "idempotency_in_progress";
    if (response.status < 500 && !inFlight) submission?.end();
    throw error;
  }
}

/** The submission a POST belongs to (its path and body) and the key its retries reuse. */
const submissions = new Map<string, string>();

/** A random UUID v4; `crypto.randomUUID` exists only on HTTPS or localhost, getRandomValues everywhere. */
function newUuid(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  // 16 bytes, so both are there; `?? 0` only satisfies the index type.
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * One Idempotency-Key per form submission: the same POST (path and body) sent again while the first is
 * in flight (a double click) or after it failed without a final answer (network error, 5xx, still in
 * progress) reuses the key, so the server makes one record. A final answer (2xx or 4xx) ends the
 * submission: the next identical POST is a new one (the same note added twice on purpose).
 */
function submissionKey(path: string, body: string | undefined) {
  const id = `${path}\n${body ?? ""}`;
  const key = submissions.get(id) ?? newUuid();
  submissions.set(id, key);
  return {
    key,
    end: () => {
      if (submissions.get(id) === key) submissions.delete(id);
    },
  };
}

async function parseResponse<T>(response: Response): Promise<T> {
  const text = await response.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (response.ok) return data as T;
  const error = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  throw new ApiError(
    response.status,
    error?.code ?? `http_${response.status}`,
    error?.message ?? response.statusText,
    error?.details,
    response.headers.get("content-language"),
  );
}
