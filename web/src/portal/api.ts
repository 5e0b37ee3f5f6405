/**
 * The portal's own fetch client: JSON, the portal session cookie, its CSRF token, one Idempotency-Key
 * per submission. Apart from the staff app's client so the portal bundle carries none of the staff app.
 */
export class PortalApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = "PortalApiError";
  }
}

let csrf: string | null = null;
let language = "es-MX";
export const setPortalCsrf = (token: string | null) => {
  csrf = token;
};
export const setPortalLanguage = (locale: string) => {
  language = locale;
};

const pendingKeys = new Map<string, string>();

function newKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
}

export async function portalApi<T>(
  path: string,
  method: "GET" | "POST" | "PATCH" = "GET",
  body?: unknown,
): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": language };
  const text = body === undefined ? undefined : JSON.stringify(body);
  if (text !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrf) headers["X-CSRF-Token"] = csrf;
  // A retried submission (double tap, lost answer) reuses its key: the server makes one record.
  const id = `${path}\n${text ?? ""}`;
  if (method === "POST") {
    const key = pendingKeys.get(id) ?? newKey();
    pendingKeys.set(id, key);
    headers["Idempotency-Key"] = key;
  }
  let res: Response;
  try {
    res = await fetch(`/api/portal${path}`, { method, headers, body: text, credentials: "same-origin" });
  } catch {
    throw new PortalApiError(0, "network_error", "");
  }
  if (res.status < 500) pendingKeys.delete(id);
  if (res.status === 202 || res.status === 204) return null as T;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const err = data?.error ?? {};
    throw new PortalApiError(
      res.status,
      String(err.code ?? "internal_error"),
      String(err.message ?? ""),
      err.details ?? null,
    );
  }
  return data as T;
}

/** A file as base64 for the attachment upload (shared with the staff app). */
export { fileToBase64 } from "../lib/fileBase64";
