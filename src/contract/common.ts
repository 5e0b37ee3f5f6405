import { z } from "zod";
import { MAX_AMOUNT_CENTS } from "../domain/billing/money.js";
import { MAX_SEARCH_CHARS, MAX_SEARCH_TERMS, oneLine, searchWordCount } from "../domain/text.js";

/**
 * The years any date or instant the API accepts may have. Business-calendar arithmetic and folio
 * years only make sense near today; 0001 or 9999 are typing mistakes, refused as 400 naming the field.
 */
export const MIN_INPUT_YEAR = 2000;
export const MAX_INPUT_YEAR = 2100;
/** The arguments of the `input.*year_range` messages. */
export const YEAR_RANGE = { min: MIN_INPUT_YEAR, max: MAX_INPUT_YEAR };
/** The first instant admitted (2000-01-01T00:00Z) and the first one past the range (2101-01-01T00:00Z). */
export const MIN_INSTANT_MS = Date.UTC(MIN_INPUT_YEAR, 0, 1);
export const END_INSTANT_MS = Date.UTC(MAX_INPUT_YEAR + 1, 0, 1);

/** A calendar date has no offset: its written year is its year. */
function writtenYearInRange(text: string): boolean {
  const year = Number(text.slice(0, 4));
  return year >= MIN_INPUT_YEAR && year <= MAX_INPUT_YEAR;
}

/** An instant in UTC, not as written: "2000-01-01T00:00+14:00" is 1999-12-31T10:00Z and is refused. */
export function instantMsInRange(ms: number): boolean {
  return ms >= MIN_INSTANT_MS && ms < END_INSTANT_MS;
}

function instantInRange(text: string): boolean {
  const ms = Date.parse(text);
  // An unparseable text is left to isRealInstant, which names it as nonexistent.
  return Number.isNaN(ms) ? writtenYearInRange(text) : instantMsInRange(ms);
}

/** An instant with an explicit offset or Z, and a real calendar date (2026-02-30 is refused). */
export const Instant = z
  .string()
  .max(40)
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/, {
    message: "input.instant_format",
    abort: true,
  })
  .refine(instantInRange, { message: "input.instant_year_range", params: YEAR_RANGE, abort: true })
  .refine(isRealInstant, "input.instant_nonexistent")
  .meta({ format: "date-time", example: "2026-11-24T16:30:00-06:00" });

function isRealInstant(text: string): boolean {
  const [date = "", rest = ""] = text.split("T");
  if (!isRealDate(date)) return false;
  // A missing part is NaN, which no comparison accepts (the regex above already requires both).
  const [hh = Number.NaN, mm = Number.NaN, ss] = rest.slice(0, 8).split(":").map(Number);
  return (
    hh < 24 && mm < 60 && (ss === undefined || Number.isNaN(ss) || ss < 60) && !Number.isNaN(Date.parse(text))
  );
}

export function isRealDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return (
    d.getUTCFullYear() === Number(m[1]) &&
    d.getUTCMonth() === Number(m[2]) - 1 &&
    d.getUTCDate() === Number(m[3])
  );
}

export const DateOnly = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "input.date_format", abort: true })
  .refine(writtenYearInRange, { message: "input.year_range", params: YEAR_RANGE, abort: true })
  .refine(isRealDate, "input.date_nonexistent")
  .meta({ format: "date", example: "2026-11-24" });

export const Id = z.string().min(1).max(64);
export const Cents = z.number().int("input.cents_integer").min(0).max(MAX_AMOUNT_CENTS);
export const Minutes = z.number().int().min(0);
/** A solution estimate (a ticket's or a category's default): whole minutes, up to 2,000 hours. */
export const EstimateMinutes = z
  .number()
  .int("input.minutes_integer")
  .min(1, "input.minutes_min")
  .max(60 * 2000, "input.estimate_max");

/** Something a reader can see: spaces and zero-width characters alone are a blank field. */
const VISIBLE = /[^\s\u200B-\u200D\u2060\uFEFF]/u;
const required = (text: z.ZodString, max: number) =>
  text
    .trim()
    .min(1, "input.required")
    .max(max, "input.max_chars")
    .refine((s) => s.length === 0 || VISIBLE.test(s), "input.required"); // empty: min(1) said it
export const Text = (max: number) => required(z.string(), max);
export const OptionalText = (max: number) => z.string().trim().max(max, "input.max_chars");

/** oneLine, for a string that may be one: a huge one is left for the max check to refuse cheaply. */
const toOneLine = (max: number) => (s: string) => (s.length > 4 * max ? s : oneLine(s));
/** A name or a title: Text on one line (see oneLine). */
export const Line = (max: number) => required(z.string().overwrite(toOneLine(max)), max);
/** An optional name on one line (a signer's): OptionalText with Line's line breaks. */
export const OptionalLine = (max: number) =>
  z.string().overwrite(toOneLine(max)).trim().max(max, "input.max_chars");

/** A search box's text: every word must match, so more than the server searches is refused, never cut. */
export const SearchText = z
  .string()
  .max(MAX_SEARCH_CHARS, "input.max_chars")
  .refine((q) => searchWordCount(q) <= MAX_SEARCH_TERMS, {
    message: "input.search_words",
    params: { max: MAX_SEARCH_TERMS },
  });

export const Email = z.email("input.email").max(254);
/** "(55) 1234-5678", "+52 55 1234 5678", and an office line's extension: "… ext. 12", "… x12". */
export const Phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[+\d(][\d\s().-]{6,}?(?:\s*(?:ext\.?|extensión|x)\s*\d{1,6})?$/i, "input.phone");

/**
 * The version an edit is based on (from the record as last read). Optional: without it the edit applies
 * to the current record; with a stale one it is refused with 409 `conflict` and `details.current`.
 */
export const BaseVersion = z.number().int().min(0).max(2_147_483_647).optional();

/** A 204 answer's (empty) body. */
export const NoContent = z.null();

/** A record named by its id in the path. */
export const IdParams = z.object({ id: Id });

/** A list answer: `{ items: [...] }`. */
export const ItemsOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

/** A bulk change's answer: how many records it changed. */
export const UpdatedCount = z.object({ updated: z.number() });

/**
 * How many rows a page brings (`?limit=`): a whole number from 1 to `max`, `fallback` when absent. Its
 * refusals say so in the caller's words («Un número entero», «Como máximo 200») rather than zod's.
 */
export const PageLimit = (max: number, fallback: number) =>
  z.coerce
    .number({ error: "input.limit_number" })
    .int("input.limit_number")
    .min(1, "input.limit_min")
    .max(max, "input.limit_max")
    .default(fallback);

export const PageQuery = z.object({
  limit: PageLimit(200, 50),
  cursor: z.string().max(500).optional(),
});

export const BooleanQuery = z.enum(["true", "false"]).transform((v) => v === "true");
