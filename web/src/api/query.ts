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

/** GET /api/tickets for one page of a list (50 rows), as the lists and the start-up prefetch ask it. */
export function ticketListPath(filters: Query, cursor?: string): string {
  return withQuery("/api/tickets", { limit: 50, ...filters, cursor });
}
