/** Request paths, apart from the fetch client so start-up (boot.ts) can build them without loading it. */
type Query = Record<string, unknown>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== "") params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The rows of one page of a ticket list. */
export const LIST_PAGE = 50;

/**
 * GET /api/tickets for one page of a list, as the lists and the start-up prefetch ask it: each ticket
 * as a row (`view=summary`), what the lists show, not its description and every date.
 */
export function ticketListPath(filters: Query, cursor?: string): string {
  return withQuery("/api/tickets", { limit: LIST_PAGE, ...filters, view: "summary", cursor });
}

/**
 * Whether a list refreshes by itself (every 10 s while live, on focus, on reconnect, on coming back to
 * it): not once a search
 * went past a partial page. A refresh fetches every page loaded again, and each partial one is a walk
 * of SEARCH_WALK_BUDGET tickets: a search followed for 20 rounds would walk 100,000 tickets anew each
 * time, for every user keeping it open.
 */
export const refreshesBySelf = (pages: readonly { partial: boolean }[] | undefined): boolean =>
  !pages?.some((p) => p.partial);
