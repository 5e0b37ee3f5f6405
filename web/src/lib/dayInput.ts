import { MAX_INPUT_YEAR, MIN_INPUT_YEAR } from "../contract";
import { type DayOrder, writeDay } from "./format";

/**
 * A calendar day typed by a person ("24/12/2026", "24-12-2026"; "12/24/2026" in English) or as the
 * API keeps it ("2026-12-24"), within the years the API takes. The API and the stored settings keep
 * ISO days; the screen shows DD/MM/AAAA (MM/DD/YYYY in English).
 */
export function toIsoDay(text: string, order: DayOrder = "dmy"): string | null {
  const read = readDay(text, order);
  return "iso" in read ? read.iso : null;
}

/** A day as typed: the ISO day, or why it is none (no day's shape or years, no such day on the calendar). */
function readDay(text: string, order: DayOrder): { iso: string } | { typo: "badDay" | "nonexistentDay" } {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const typed = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const [first, second] = order === "dmy" ? [2, 1] : [1, 2];
  const [y, m, d] = iso ? [iso[1], iso[2], iso[3]] : typed ? [typed[3], typed[first], typed[second]] : [];
  if (!y || !m || !d) return { typo: "badDay" };
  if (Number(y) < MIN_INPUT_YEAR || Number(y) > MAX_INPUT_YEAR) return { typo: "badDay" };
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  // 31/02 rolls over to March in Date: such a day does not exist.
  if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d))
    return { typo: "nonexistentDay" };
  return { iso: `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}` };
}

/**
 * What to say of a text that is no day: that the day does not exist (31/02/2026, 32/01/2026, month 13)
 * when it is written as one within the years taken, else how to write one.
 */
export function dayTypoKey(text: string, order: DayOrder = "dmy"): "common.badDay" | "common.nonexistentDay" {
  const read = readDay(text, order);
  return "typo" in read && read.typo === "nonexistentDay" ? "common.nonexistentDay" : "common.badDay";
}

/** "2026-12-24" → "24/12/2026" ("12/24/2026" in English); anything else (a typo) is shown as it is. */
export function showDay(iso: string, order: DayOrder = "dmy"): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? writeDay(m[1] ?? "", m[2] ?? "", m[3] ?? "", order) : iso;
}

/** Whether a field's value is a day the API takes (not "" nor a typo handed on as typed). */
export const isIsoDay = (value: string) => toIsoDay(value) === value;

/**
 * A time of day as typed ("9:30", "930", "9") written the way the API keeps it ("09:30"); "24:00"
 * (the end of a day's hours) too. Anything else is left as typed, for the form's check to name.
 */
export function toHourMinute(text: string): string {
  const s = text.trim();
  const m = /^(\d{1,2})(?::?(\d{2}))?$/.exec(s);
  if (!m) return s;
  const hours = Number(m[1]);
  const minutes = Number(m[2] ?? "0");
  if (hours > 24 || minutes > 59 || (hours === 24 && minutes > 0)) return s;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}
