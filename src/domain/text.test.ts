import { describe, expect, it } from "vitest";
import {
  foldForSearch,
  MAX_SEARCH_TERMS,
  normalizePhone,
  searchTerms,
  searchWordCount,
  ticketSearchTerms,
} from "./text.js";

describe("searchTerms", () => {
  it.each([
    ["Impresora  HP", ["impresora", "hp"]],
    ["sincronización", ["sincronizacion"]],
    // Punctuation typed around a word is not part of it; a folio's inner hyphens are.
    ["impresora,", ["impresora"]],
    ["¿Impresora?", ["impresora"]],
    ['"impresora" (rh)', ["impresora", "rh"]],
    ["fortigate, solo.", ["fortigate", "solo"]],
    ["OS-2026-000042", ["os-2026-000042"]],
    ["home-office", ["home-office"]],
    ["… - ¡!", []],
    // Repeats and a word inside another add nothing: every word must match anyway.
    ["fortigate se reinicia solo el fortigate", ["fortigate", "se", "reinicia", "solo", "el"]],
    ["impresora impresoras", ["impresoras"]],
  ])("%j → %j", (query, terms) => {
    expect(searchTerms(query)).toEqual(terms);
    expect(searchWordCount(query)).toBe(terms.length);
  });

  it("counts every distinct word, so the contract can refuse what it would cut", () => {
    const nine = "uno dos tres cuatro cinco seis siete ocho nueve";
    expect(searchWordCount(nine)).toBe(9);
    expect(searchTerms(nine)).toHaveLength(MAX_SEARCH_TERMS);
  });

  it("folds accents, case and spaces", () => {
    expect(foldForSearch("  Ñandú   CONFIGURACIÓN ")).toBe("nandu configuracion");
  });
});

describe("ticketSearchTerms: a phone however it is written is one term of digits", () => {
  it.each([
    ["55 1234 5678", ["5512345678"]],
    ["(55) 1234-5678", ["5512345678"]],
    ["+52 55 1234 5678", ["5512345678"]],
    ["1234-5678", ["12345678"]],
    ["123 4567", ["1234567"]],
    // Fewer than 7 digits, letters, or a folio's year and number: words as any search.
    ["55 1234", ["55", "1234"]],
    ["2026-000123", ["2026-000123"]],
    ["OS-2026-000123", ["os-2026-000123"]],
    ["ext 5512345678", ["ext", "5512345678"]],
    ["impresora 55", ["impresora", "55"]],
  ])("%j → %j", (query, terms) => {
    expect(ticketSearchTerms(query)).toEqual(terms);
  });
});

describe("a phone's own line, as a caller is matched", () => {
  it.each([
    ["(55) 1234-5678", "5512345678"],
    ["+52 55 1234 5678", "5512345678"],
    ["(444) 812-3460 ext. 12", "4448123460"],
    ["444 812 3460 x12", "4448123460"],
    ["444-812-3460 Extensión 7", "4448123460"],
  ])("%s → %s", (typed, line) => {
    expect(normalizePhone(typed)).toBe(line);
  });
});
