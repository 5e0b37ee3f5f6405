/** Folds text for accent- and case-insensitive search: "Electrónico" → "electronico". */
export function foldForSearch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Words a search may have (each must match; the contract refuses more rather than drop some). */
export const MAX_SEARCH_TERMS = 8;

/** Punctuation typed around a word («impresora,», «¿impresora?», «(rh)»), which the text need not have. */
const EDGE_PUNCTUATION = /^\p{P}+|\p{P}+$/gu;

/**
 * The words a search needs: folded, split on spaces, punctuation around each word dropped (a folio's
 * inner hyphens stay), without empties or repeats, nor a word inside another (each must match, so the
 * longer one says it).
 */
function searchWords(query: string): string[] {
  const words = new Set(
    foldForSearch(query)
      .split(" ")
      .map((w) => w.replace(EDGE_PUNCTUATION, ""))
      .filter((w) => w.length > 0),
  );
  return [...words].filter((w) => ![...words].some((other) => other !== w && other.includes(w)));
}

/** Search terms of a query (searchWords), at most MAX_SEARCH_TERMS; each must match. */
export const searchTerms = (query: string): string[] => searchWords(query).slice(0, MAX_SEARCH_TERMS);

/** A folio's year and number as typed without its prefix («2026-000123»): words, not a phone. */
const FOLIO_NUMBER = /^\d{4}-\d{6}$/;

/**
 * A ticket search's terms. A phone number however it is written («55 1234-5678», «+52 (55) 1234 5678»,
 * 7 digits or more, nothing but digits and a phone's punctuation) is one term, its normalised digits,
 * as tickets hold their contact's phones; anything else is searchTerms.
 */
export function ticketSearchTerms(query: string): string[] {
  const text = query.trim();
  const digits = normalizePhone(text);
  const phoneLike = /^[\d\s()+.-]+$/.test(text) && digits.length >= 7 && !FOLIO_NUMBER.test(text);
  return phoneLike ? [digits] : searchTerms(text);
}

/** How many words a search needs (the contract refuses more than MAX_SEARCH_TERMS). */
export const searchWordCount = (query: string): number => searchWords(query).length;

/** The line's own digits, for matching a caller: an extension («ext. 12», «x12») is not dialled. */
export function normalizePhone(phone: string): string {
  // «ext», «ext.», «extensión» and «x12» all start the extension.
  const line = phone.split(/ext|x/i)[0] ?? "";
  const digits = line.replace(/\D/g, "");
  // Mexican numbers are dialled with or without the country code 52; keep the last ten digits.
  return digits.length > 10 && digits.startsWith("52") ? digits.slice(-10) : digits;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
