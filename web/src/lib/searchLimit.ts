/**
 * What a search box may send: the API refuses more than MAX_SEARCH_TERMS words (each must match) or
 * MAX_SEARCH_CHARS characters (src/contract/common.ts `SearchText`), so the box says so before sending rather than
 * showing the refusal as a failed load.
 */
import { MAX_SEARCH_CHARS, MAX_SEARCH_TERMS, searchWordCount } from "../../../src/domain/text";

export { MAX_SEARCH_CHARS };

export type SearchLimit =
  | { key: "search.tooLong"; max: number }
  | { key: "search.tooManyWords"; max: number };

/** The limit a search's text passes, or null when the API takes it. */
export function searchLimit(text: string): SearchLimit | null {
  if (text.length > MAX_SEARCH_CHARS) return { key: "search.tooLong", max: MAX_SEARCH_CHARS };
  if (searchWordCount(text) > MAX_SEARCH_TERMS) return { key: "search.tooManyWords", max: MAX_SEARCH_TERMS };
  return null;
}
