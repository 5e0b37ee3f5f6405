import { describe, expect, it } from "vitest";
import { refreshesBySelf } from "../api/query";
import {
  AUTO_CONTINUATIONS,
  CHECKED_PER_PARTIAL_PAGE,
  type PageLike,
  roundStart,
  searchRound,
} from "./searchRounds";

/** A page of `n` tickets; `partial` ones have a cursor, as the server sends them. */
const page = (n: number, kind: "partial" | "more" | "last"): PageLike => ({
  items: Array.from({ length: n }, (_, i) => i),
  partial: kind === "partial",
  nextCursor: kind === "last" ? null : "cursor",
});
const partials = (count: number, found = 0) => Array.from({ length: count }, () => page(found, "partial"));

describe("a ticket list's search round", () => {
  it("ordinary pages page as before: Cargar más, nothing by itself", () => {
    expect(searchRound([page(50, "more")], 0)).toEqual({ state: "paging" });
    expect(searchRound([page(50, "more"), page(7, "last")], 0)).toEqual({ state: "paging" });
    expect(searchRound([], 0)).toEqual({ state: "paging" });
  });

  it("a search cut short with less than a page goes on by itself, saying how many it checked", () => {
    expect(searchRound(partials(1), 0)).toEqual({ state: "searching", checked: CHECKED_PER_PARTIAL_PAGE });
    expect(searchRound(partials(3, 2), 0)).toEqual({
      state: "searching",
      checked: 3 * CHECKED_PER_PARTIAL_PAGE,
    });
  });

  it(`stops after ${AUTO_CONTINUATIONS} continuations of its own, still short: explain and let the user go on`, () => {
    expect(searchRound(partials(AUTO_CONTINUATIONS), 0).state).toBe("searching");
    expect(searchRound(partials(AUTO_CONTINUATIONS + 1), 0)).toEqual({
      state: "paused",
      checked: (AUTO_CONTINUATIONS + 1) * CHECKED_PER_PARTIAL_PAGE,
    });
  });

  it("a round that found its page pages again, even if the search is still cut short", () => {
    expect(searchRound([...partials(2, 20), page(30, "partial")], 0)).toEqual({ state: "paging" });
  });

  it("a search that ends (no cursor) is done, found or not: the list shows its empty state", () => {
    expect(searchRound([...partials(2), page(0, "last")], 0)).toEqual({ state: "paging" });
    expect(searchRound([...partials(2), page(1, "last")], 0)).toEqual({ state: "paging" });
  });

  it("«Seguir buscando» starts a new round of its own continuations", () => {
    const pages = partials(AUTO_CONTINUATIONS + 1);
    const asked = new WeakSet<object>([pages.at(-1) as object]);
    // Its request on the way: still searching, nothing asked twice (the hook waits for the fetch).
    expect(searchRound(pages, roundStart(pages, asked))).toEqual({
      state: "searching",
      checked: (AUTO_CONTINUATIONS + 1) * CHECKED_PER_PARTIAL_PAGE,
    });
    const more = [...pages, ...partials(AUTO_CONTINUATIONS)];
    expect(searchRound(more, roundStart(more, asked)).state).toBe("searching");
    more.push(...partials(1));
    expect(searchRound(more, roundStart(more, asked))).toEqual({
      state: "paused",
      checked: 2 * (AUTO_CONTINUATIONS + 1) * CHECKED_PER_PARTIAL_PAGE,
    });
  });

  it("«Cargar más» onto a short page of a long search keeps looking for that page", () => {
    const pages = [page(50, "more"), page(50, "more")];
    const asked = new WeakSet<object>([pages[1] as object]);
    pages.push(page(3, "partial"));
    expect(roundStart(pages, asked)).toBe(2);
    expect(searchRound(pages, roundStart(pages, asked)).state).toBe("searching");
    // Without that press the 103 found would count, and it would stop there.
    expect(searchRound(pages, 0)).toEqual({ state: "paging" });
  });
});

describe("whether a ticket list refreshes by itself", () => {
  it("an ordinary list does, loaded or not; a search that went past a partial page does not", () => {
    expect(refreshesBySelf(undefined)).toBe(true);
    expect(refreshesBySelf([page(50, "more"), page(7, "last")])).toBe(true);
    // Refreshing would walk every partial page's tickets again, even once the round found its page.
    expect(refreshesBySelf([...partials(3), page(50, "more")])).toBe(false);
    expect(refreshesBySelf([page(50, "more"), ...partials(1)])).toBe(false);
  });
});
