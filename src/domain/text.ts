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
/** The longest search the API takes, in characters. */
export const MAX_SEARCH_CHARS = 200;

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

/** A folio's year and number as typed without its prefix, with a hyphen or a space («2026-000123»). */
const FOLIO_NUMBER = /^(\d{4})[\s-](\d{6})$/;

/** A run of a number written with a phone's punctuation: «(55) 1234-5678», «192.168.10.25», «2026-03-15». */
const NUMBER_RUN = /[+(]?\d[\d\s().+-]*\d/g;

/**
 * A number's digits as searches compare them: 7 to 13 digits (a local number up to +52 1 and ten),
 * with Mexico's country code dropped as normalizePhone drops it; null for anything shorter or longer
 * (a long reference is searched as the word it is written as).
 */
function numberDigits(run: string): string | null {
  const digits = run.replace(/\D/g, "");
  return digits.length >= 7 && digits.length <= 13 ? normalizePhone(digits) : null;
}

/**
 * A ticket search's terms. A number however it is written («55 1234-5678», «+52 (55) 1234 5678»,
 * «192.168.10.25»: nothing but digits and a phone's punctuation) is one term, its digits, as tickets
 * hold their contact's phones and the numbers of their text (ticketSearchText); a folio's year and
 * number is the folio's words; anything else is searchTerms.
 */
export function ticketSearchTerms(query: string): string[] {
  const text = query.trim();
  const folio = FOLIO_NUMBER.exec(text);
  if (folio) return [`${folio[1]}-${folio[2]}`];
  const digits = /^[\d\s()+.-]+$/.test(text) ? numberDigits(text) : null;
  return digits ? [digits] : searchTerms(text);
}

/**
 * The digits of the numbers a text writes with punctuation («Llamar al 55 2468 1357», «IP
 * 192.168.10.25»), so a search typed in another form finds them (ticketSearchTerms). A number written
 * as bare digits is already in the text as they are.
 */
export function numbersForSearch(text: string): string[] {
  const found = (text.match(NUMBER_RUN) ?? []).flatMap((run) => {
    const digits = numberDigits(run);
    return digits && digits !== run ? [digits] : [];
  });
  return [...new Set(found)];
}

/**
 * What a ticket's `q` matches: folio, title, the start of the description, the client's and the
 * contact's names, the contact's phones as digits (reception searches by the number a caller rings
 * from), and the digits of the numbers the title and description write with punctuation.
 */
export function ticketSearchText(t: {
  folio: string;
  title: string;
  description: string;
  clientName: string;
  contactName?: string | null | undefined;
  /** The contact's phones, normalised digits separated by spaces. */
  contactPhones?: string | null | undefined;
}): string {
  const description = t.description.slice(0, 4000);
  const numbers = numbersForSearch(`${t.title} | ${description}`).join(" ");
  return foldForSearch(
    `${t.folio} ${t.title} ${description} ${t.clientName} ${t.contactName ?? ""} ${t.contactPhones ?? ""} ${numbers}`,
  );
}

/** How many words a search needs (the contract refuses more than MAX_SEARCH_TERMS). */
export const searchWordCount = (query: string): number => searchWords(query).length;

/** A phone as written, split where its extension starts («ext», «ext.», «extensión», «x12»). */
export function phoneParts(phone: string): { line: string; extension: string | null } {
  const [line = "", ...rest] = phone.split(/ext|x/i);
  return { line, extension: rest.join("").replace(/\D/g, "") || null };
}

/** The line's own digits, for matching a caller: an extension («ext. 12», «x12») is not dialled. */
export function normalizePhone(phone: string): string {
  const digits = phoneParts(phone).line.replace(/\D/g, "");
  // Mexican numbers are dialled with or without the country code 52; keep the last ten digits.
  return digits.length > 10 && digits.startsWith("52") ? digits.slice(-10) : digits;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Line breaks, tabs and the like: a name, a title or a mail subject is one line wherever it is shown. */
const LINE_BREAKS = /[\r\n\t\v\f\u0085\u2028\u2029]+/;

/** Each run of line breaks or tabs, with the spaces beside it, made one space (split: no backtracking). */
export function oneLine(text: string): string {
  if (!LINE_BREAKS.test(text)) return text;
  return text
    .split(LINE_BREAKS)
    .map((part) => part.trim())
    .filter(Boolean)
    .join(" ");
}
