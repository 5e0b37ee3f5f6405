/**
 * Invisible characters in typed text, made harmless before any route sees it. Nothing a person means
 * to store, and what they do is hide or reorder text (a title shown reversed by U+202E, an escape
 * sequence reaching a CSV or a terminal). Refusing them would be an error nobody can see to fix (text
 * pasted from PowerPoint carries vertical tabs; a record mailed in may hold them and be re-saved), so:
 * - line breaks other than \n and \r (vertical tab, form feed, NEL, line and paragraph separators)
 *   become \n;
 * - other controls (C0 but tab and line breaks, DEL, C1) and direction overrides and isolates go.
 * Zero-width joiners and marks stay: emoji and some scripts need them.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the line breaks turned into \n
const LINE_BREAKS = /[\u000B\u000C\u0085\u2028\u2029]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters removed
const INVISIBLE = /[\u0001-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F\u202A-\u202E\u2066-\u2069]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: either of the two sets above
const ANY = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

export const cleanText = (text: string): string =>
  ANY.test(text) ? text.replace(LINE_BREAKS, "\n").replace(INVISIBLE, "") : text;

/** The value with every string in it (not the keys) cleaned; the same object when nothing changed. */
export function cleanStrings(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return cleanText(value);
  if (value === null || typeof value !== "object" || depth > 32) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = cleanStrings(value[i], depth + 1);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = cleanStrings(record[key], depth + 1);
  return value;
}
