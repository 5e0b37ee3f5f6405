import { isNotFound } from "../api/client";

/** What a query's screen shows: a loader, its content, the content under a stale notice, or a failure. */
export type LoadState = "loading" | "ready" | "stale" | "gone" | "failed";

export interface QueryLike {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  /** What an earlier load brought: kept on screen when a later refresh fails. */
  data?: unknown;
  refetch: () => unknown;
}

/**
 * A failed first load is `gone` when the server said the record is not there: asking again brings
 * the same answer, so the page offers a way on instead of «Reintentar». Any other failure (network,
 * 5xx) may pass, and is `failed`, with a retry.
 */
export function loadState(query: QueryLike): LoadState {
  if (query.isError && query.data !== undefined) return "stale";
  if (query.isPending) return "loading";
  if (query.isError) return isNotFound(query.error) ? "gone" : "failed";
  return "ready";
}
