/**
 * Answers requested at start-up, before React and the app's code are loaded (boot.ts), handed to
 * the first `api()` call of the same path: the session check and the first page of data travel
 * while the JavaScript downloads and compiles, instead of after it. A successful answer is also read
 * as soon as it arrives, so the first render can show it at once (`takeReady`, as a query's initial
 * data) instead of rendering a loader and then the data.
 *
 * An answer is used once, within a minute of start-up, and never after a request that may change
 * the session (a sign-in POST): a 401 fetched before signing in must not answer after it.
 */
interface Early {
  response: Promise<Response>;
  /** The parsed body of a 2xx answer, once it has arrived. */
  data?: unknown;
}

const early = new Map<string, Early>();
const FRESH_MS = 60_000;

/** Starts a GET; the returned answer may be looked at (its status) but its body is the api() caller's. */
export function prefetch(path: string, language?: string): Promise<Response> {
  const response = fetch(path, {
    headers: { Accept: "application/json", ...(language ? { "Accept-Language": language } : {}) },
    credentials: "same-origin",
  });
  const entry: Early = { response };
  early.set(path, entry);
  response
    .then((answer) => (answer.ok ? answer.clone().json() : undefined))
    .then((data) => {
      entry.data = data;
    })
    .catch(() => undefined); // a failure is the later real request's to report
  return response;
}

function take(path: string): Early | undefined {
  const entry = early.get(path);
  early.delete(path);
  return performance.now() < FRESH_MS ? entry : undefined;
}

export function takePrefetched(path: string): Promise<Response> | undefined {
  return take(path)?.response;
}

/** The body of a successful start-up answer for `path` if it has already arrived (then used up). */
export function takeReady<T>(path: string): T | undefined {
  if (early.get(path)?.data === undefined) return undefined;
  return take(path)?.data as T | undefined;
}

export function forgetPrefetched(): void {
  early.clear();
}
