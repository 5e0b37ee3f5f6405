/**
 * Deadline arithmetic on the per-year interval tables. Hot path: no Luxon, no allocation,
 * two binary searches per call (plus one per extra year crossed).
 */
import { type BusinessCalendar, type CompiledCalendar, compiled } from "./calendar.js";
import { MINUTE_MS } from "./time.js";
import { CalendarRangeError } from "./types.js";
import type { YearBlock } from "./yearblock.js";

/** A single computation never scans further than this past its start, whatever the input. */
export const HORIZON_YEARS = 60;

/*
 * The `!` on typed-array reads below stay (each with its reason): every index is inside the arrays by
 * the binary searches' bounds (starts/ends have `count` entries, cum has `count + 1`), and these are the
 * hottest loops of deadline arithmetic, so no check or fallback is added at run time.
 */

/** Index of the first interval ending after t; `count` when there is none. */
export function firstEndAfter(b: YearBlock, t: number): number {
  const ends = b.ends;
  let lo = 0;
  let hi = b.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    // biome-ignore lint/style/noNonNullAssertion: lo <= mid < hi <= count, and ends has count entries.
    if (ends[mid]! > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Open ms of the block before instant t. */
export function positionIn(b: YearBlock, t: number): number {
  const i = firstEndAfter(b, t);
  if (i === b.count) return b.total;
  // biome-ignore lint/style/noNonNullAssertion: i < count (checked above), and starts has count entries.
  const s = b.starts[i]!;
  // biome-ignore lint/style/noNonNullAssertion: i < count, and cum has count + 1 entries.
  return b.cum[i]! + (t > s ? t - s : 0);
}

/**
 * Instant at open-time offset `target` within the block. Non-strict: an offset landing on an
 * interval's end resolves to that closing instant (a deadline at 17:00 stays at 17:00).
 * Strict: it resolves to the next opening instead (used for zero-length spans).
 */
function instantAt(b: YearBlock, target: number, strict: boolean): number {
  const cum = b.cum;
  let lo = 0;
  let hi = b.count - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    // biome-ignore lint/style/noNonNullAssertion: mid < hi <= count - 1, so mid + 1 <= count, inside cum.
    const c = cum[mid + 1]!;
    if (strict ? c > target : c >= target) hi = mid;
    else lo = mid + 1;
  }
  // biome-ignore lint/style/noNonNullAssertion: callers pass target inside a block with total > 0, so count >= 1 and lo is in [0, count - 1].
  return b.starts[lo]! + (target - cum[lo]!);
}

export function assertInstant(ms: number, name = "instant"): void {
  if (!Number.isFinite(ms)) throw new RangeError(`The ${name} is not a valid date`);
}

function durationMs(minutes: number): number {
  if (!(Number.isFinite(minutes) && minutes >= 0)) {
    throw new RangeError("Business minutes must be a finite number, zero or more");
  }
  return Math.round(minutes * MINUTE_MS);
}

function nextBlock(c: CompiledCalendar, b: YearBlock, startYear: number): YearBlock {
  if (b.year - startYear >= HORIZON_YEARS) {
    throw new CalendarRangeError(`The deadline is beyond the ${HORIZON_YEARS}-year horizon`);
  }
  return c.block(b.year + 1);
}

export function addBusinessMinutes(cal: BusinessCalendar, fromMs: number, minutes: number): number {
  const c = compiled(cal);
  assertInstant(fromMs);
  const ms = durationMs(minutes);
  const strict = ms === 0;
  let b = c.blockAt(fromMs);
  const startYear = b.year;
  let target = positionIn(b, fromMs) + ms;
  while (strict ? target >= b.total : target > b.total) {
    target -= b.total;
    b = nextBlock(c, b, startYear);
  }
  return instantAt(b, target, strict);
}

/** Open ms in [a, b) for a <= b. */
export function openMsBetween(c: CompiledCalendar, a: number, b: number): number {
  const ba = c.blockAt(a);
  const bb = c.blockAt(b);
  if (ba === bb) return positionIn(bb, b) - positionIn(ba, a);
  let sum = ba.total - positionIn(ba, a);
  for (let y = ba.year + 1; y < bb.year; y++) sum += c.block(y).total;
  return sum + positionIn(bb, b);
}

export function businessMinutesBetween(cal: BusinessCalendar, aMs: number, bMs: number): number {
  const c = compiled(cal);
  assertInstant(aMs);
  assertInstant(bMs);
  if (bMs >= aMs) return openMsBetween(c, aMs, bMs) / MINUTE_MS;
  const back = openMsBetween(c, bMs, aMs);
  return back === 0 ? 0 : -back / MINUTE_MS;
}

/** `fromMs` itself when open, else the start of the next open interval. */
export function nextOpening(cal: BusinessCalendar, fromMs: number): number {
  return addBusinessMinutes(cal, fromMs, 0);
}

/** Open intervals are half-open: the opening instant is open, the closing instant is not. */
export function isOpen(cal: BusinessCalendar, atMs: number): boolean {
  const c = compiled(cal);
  assertInstant(atMs);
  const b = c.blockAt(atMs);
  const i = firstEndAfter(b, atMs);
  // biome-ignore lint/style/noNonNullAssertion: read only when i < count, and starts has count entries.
  return i < b.count && b.starts[i]! <= atMs;
}

/** Open minutes of a regular week (no holidays or closures). */
export function weeklyOpenMinutes(cal: BusinessCalendar): number {
  return compiled(cal).rules.weeklyOpenMinutes;
}

/** Upper bound callers accept for a deadline: about ten years of this calendar's business time. */
export function maxBusinessMinutes(cal: BusinessCalendar): number {
  return 52 * 10 * weeklyOpenMinutes(cal);
}

/** maxBusinessMinutes of the default calendar (40 h a week). */
export const MAX_DEADLINE_MINUTES = 52 * 10 * 40 * 60;
