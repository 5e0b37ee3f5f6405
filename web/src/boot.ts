/**
 * Start-up work that needs none of the app's code, run by the entry before the app is downloaded
 * and compiled: the session check, the current screen's first page of data and, for a signed-in
 * session, the shell's and the screen's chunks. Everything then loads in parallel instead of in a
 * chain (app → session check → screen code → screen data).
 */
import { prefetch } from "./api/prefetch";
import { ticketListPath } from "./api/query";
import { storedLocale, wasSignedIn } from "./lib/session";
import { apiFilters, readFilters } from "./pages/queue/filterState";
import { preloadRoute } from "./routeLoaders";

/** The first request of a screen whose data does not depend on anything but the URL. */
function firstDataPath({ pathname, search }: Location): string | null {
  if (pathname === "/queue") return ticketListPath(apiFilters(readFilters(new URLSearchParams(search))));
  return null;
}

export function boot(): void {
  // The public page of a mailed service-order link has no session and no staff screens.
  if (window.location.pathname === "/orden") return;
  const data = firstDataPath(window.location);
  // Without a session it answers 401 and is never used (api/prefetch.ts): a small price for the
  // signed-in case, where it saves a whole round trip after the screen's code. Asked before anything
  // reads localStorage (the first read can wait on the browser); a session's data comes in its own
  // language whatever the request says.
  if (data) prefetch(data);
  // index.html's preload links began these two: these calls take their answers.
  const language = storedLocale();
  const me = prefetch("/api/auth/me", language);
  prefetch("/api/setup", language);
  const { pathname } = window.location;
  if (wasSignedIn()) void preloadRoute(pathname);
  else {
    // No hint (a new browser, cleared storage): the session check decides, long before the app runs.
    me.then((response) => (response.ok ? preloadRoute(pathname) : undefined)).catch(() => undefined);
  }
}
