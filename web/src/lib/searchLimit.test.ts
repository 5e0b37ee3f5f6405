import { describe, expect, it } from "vitest";
import { SearchText } from "../../../src/contract/common";
import { MAX_SEARCH_TERMS } from "../../../src/domain/text";
import { MAX_SEARCH_CHARS, searchLimit } from "./searchLimit";

describe("a search box's limits, said before sending", () => {
  it.each([
    ["impresora no imprime", null],
    ["uno dos tres cuatro cinco seis siete ocho", null],
    ["uno dos tres cuatro cinco seis siete ocho nueve", "search.tooManyWords"],
    ["a".repeat(200), null],
    ["a".repeat(201), "search.tooLong"],
  ])("%s → %s", (text, key) => {
    expect(searchLimit(text)?.key ?? null).toBe(key);
  });

  it("agrees with what the API takes", () => {
    for (const text of [
      "impresora",
      "uno dos tres cuatro cinco seis siete ocho nueve",
      "¿la impresora, de (rh), no imprime? uno dos tres cuatro",
      "x".repeat(201),
      "palabra ".repeat(25),
    ])
      expect(searchLimit(text) === null).toBe(SearchText.safeParse(text).success);
    expect(searchLimit("uno dos tres cuatro cinco seis siete ocho nueve")).toEqual({
      key: "search.tooManyWords",
      max: MAX_SEARCH_TERMS,
    });
    expect(searchLimit("x".repeat(201))).toEqual({ key: "search.tooLong", max: MAX_SEARCH_CHARS });
  });
});
