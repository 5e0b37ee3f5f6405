/**
 * Answers requested at start-up, before React and the app's code are loaded (boot.ts), handed to
 * the first `api()` call of the same path: the session check and the first page of data travel
 * while the JavaScript downloads and compiles, instead of after it.
 *
 * An answer is used once, within a minute of start-up, and never after a request that may change
 * the session (a sign-in POST): a 401 fetched before signing in must not answer after it.
 */
const early = new Map<string, Promise<Response>>();
const FRESH_MS = 60_000;

/** Starts a GET; the returned answer may be looked at (its status) but its body is the api() caller's. */
export function prefetch(path: string, language?: string): Promise<Response> {
  const response = fetch(path, {
    headers: { Accept: "application/json", ...(language ? { "Accept-Language": language } : {}) },
    credentials: "same-origin",
  });
  response.catch(() => undefined); // a failure is the later real request's to report
  early.set(path, response);
  return response;
}

export function takePrefetched(path: string): Promise<Response> | undefined {
  const response = early.get(path);
  early.delete(path);
  return performance.now() < FRESH_MS ? response : undefined;
}

export function forgetPrefetched(): void {
  early.clear();
}
