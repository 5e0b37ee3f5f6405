import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import { useEffect } from "react";
import type { TicketPage } from "../api/tickets";
import { roundStart, type SearchRound, searchRound } from "./searchRounds";

export type ListQuery = UseInfiniteQueryResult<InfiniteData<TicketPage>>;

/**
 * The pages after which the user asked for more. Kept by page object, not by count: each query's
 * pages are its own objects (TanStack keeps them across fetches), so another search, or this one
 * found again in the cache, never inherits a round it did not start.
 */
const askedAfter = new WeakSet<object>();

/** The list's search round (searchRounds.ts): goes on by itself while it is `searching`. */
export function useSearchRounds(query: ListQuery): SearchRound & { more: () => void } {
  const pages = query.data?.pages ?? [];
  const round = searchRound(pages, roundStart(pages, askedAfter));
  const { fetchNextPage } = query;
  // One request at a time, none after a failure (the error and its retry are QueryState's).
  const go = round.state === "searching" && !query.isFetching && !query.isError;
  useEffect(() => {
    if (go) void fetchNextPage();
  }, [go, fetchNextPage]);
  const more = () => {
    const last = pages.at(-1);
    if (last) askedAfter.add(last);
    void fetchNextPage();
  };
  return { ...round, more };
}
