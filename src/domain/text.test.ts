import { describe, expect, it } from "vitest";
import {
  foldForSearch,
  MAX_SEARCH_TERMS,
  normalizePhone,
  numbersForSearch,
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
    ["2026 000123", ["2026-000123"]],
    ["192.168.10.25", ["1921681025"]],
    ["2026-03-15", ["20260315"]],
    // Past 13 digits it is a reference, searched as written (not cut to a phone's last ten).
    ["5200000005543218765", ["5200000005543218765"]],
    ["OS-2026-000123", ["os-2026-000123"]],
    ["ext 5512345678", ["ext", "5512345678"]],
    ["impresora 55", ["impresora", "55"]],
  ])("%j → %j", (query, terms) => {
    expect(ticketSearchTerms(query)).toEqual(terms);
  });
});

describe("numbersForSearch: the digits of numbers a ticket's text writes with punctuation", () => {
  it.each([
    ["Llamar al 55 2468 1357 o al (33) 1111-2222.", ["5524681357", "3311112222"]],
    ["Sin acceso al servidor 192.168.10.25", ["1921681025"]],
    ["Corte programado 2026-03-15 | +52 55 4321 8765", ["20260315", "5543218765"]],
    // Bare digits are in the text already; short numbers and long references are not phones.
    ["Serie 5512345678", []],
    ["Piso 3, 2 impresoras, 10 equipos", []],
    ["Tarjeta 1234-5678-9012-3456", []],
  ])("%j → %j", (text, numbers) => {
    expect(numbersForSearch(text)).toEqual(numbers);
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
