/**
 * What a ticket list does after a short page from a search the index cannot answer alone (every word
 * under 3 letters or digits, or such a word beside others; see search-budget.ts). The server checks at most SEARCH_WALK_BUDGET tickets per request and says `partial`
 * when those held less than a page; the list then asks again by itself, a few times, so "rh" finds
 * the one ticket that has it a hundred thousand tickets down instead of showing an empty list.
 *
 * A round starts with a page the user asked for (the search itself, «Seguir buscando», «Cargar más»)
 * and goes on with at most AUTO_CONTINUATIONS pages fetched without asking, while the round has
 * found less than a page. Bounded, so a two-letter word that matches nothing does not keep the
 * server walking a million tickets on its own.
 */
import { SEARCH_WALK_BUDGET } from "../../../src/contract/search-budget";
import { LIST_PAGE } from "../api/query";

/** Tickets the server checks per request of such a search (the contract's budget). */
export const CHECKED_PER_PARTIAL_PAGE = SEARCH_WALK_BUDGET;
/**
 * Requests a round makes by itself after its first: 19 more, 100,000 tickets in all (each ~20 ms of
 * the server's time, one at a time: about half a second for a word that matches nothing).
 */
export const AUTO_CONTINUATIONS = 19;

/** A page as the list's API answers it (TicketList's PageProgress and its items). */
export interface PageLike {
  items: readonly unknown[];
  nextCursor: string | null;
  partial: boolean;
}

export type SearchRound =
  /** Not a cut-short search (or the round already has its page): ordinary "Cargar más" paging. */
  | { state: "paging" }
  /** The round goes on by itself: ask for the next page. */
  | { state: "searching"; checked: number }
  /** The round used its continuations: explain, and let the user go on. */
  | { state: "paused"; checked: number };

/**
 * The state of the round that starts at page `start` (the first page the user's last request got).
 * `checked` counts the tickets behind the partial pages: a lower bound, as full pages checked some too.
 */
export function searchRound(pages: readonly PageLike[], start: number): SearchRound {
  const last = pages.at(-1);
  if (!last?.partial || last.nextCursor === null) return { state: "paging" };
  const round = pages.slice(start);
  const found = round.reduce((n, p) => n + p.items.length, 0);
  if (found >= LIST_PAGE) return { state: "paging" };
  const checked = pages.filter((p) => p.partial).length * CHECKED_PER_PARTIAL_PAGE;
  const continued = round.length - 1;
  return continued < AUTO_CONTINUATIONS ? { state: "searching", checked } : { state: "paused", checked };
}

/** Where the current round starts: after the last page the user asked to go on from (0: the search). */
export function roundStart(pages: readonly object[], askedAfter: { has: (page: object) => boolean }): number {
  for (let i = pages.length - 1; i >= 0; i--) if (askedAfter.has(pages[i] as object)) return i + 1;
  return 0;
}
