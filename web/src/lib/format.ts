/**
 * Dates, times and durations as people read them: in the business calendar's zone (not the browser's)
 * and in the user's language, numeric forms included (`24/11/2026 16:30` in Spanish, `11/24/2026 16:30`
 * in English; the clock is 24-hour in both). Money stays Mexican: `$1,234.50 MXN`. Intl.DateTimeFormat
 * does it here; dates in words and zone names (Luxon, some 70 KB) are in zones.ts, for the few screens
 * that show them, so the queue and the intake do not load Luxon.
 */

export type FormatLocale = "es-MX" | "en";

/** Shown when the session does not tell the calendar's zone (older servers). */
export const DEFAULT_TIME_ZONE = "America/Mexico_City";

/**
 * A zone's wall clock: year, month, day, hour and minute of an instant (any locale's digits). Both
 * languages' numeric dates are put together from these parts rather than from a formatter per language:
 * each Intl formatter made costs the first render ICU data (tens of ms on a cold load), and the
 * formatters are made on first use, not when the app's code is evaluated.
 */
const CLOCK = {
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  numberingSystem: "latn",
} as const;

interface ZoneFormats {
  timeZone: string;
  clock?: Intl.DateTimeFormat;
}

let zone: ZoneFormats = { timeZone: DEFAULT_TIME_ZONE };
let displayLocale: FormatLocale = "es-MX";
const utc: ZoneFormats = { timeZone: "UTC" };

/** Dates are shown in the business calendar's zone (GET /api/auth/me `timeZone`), not the browser's. */
export function setDisplayTimeZone(timeZone: string | null | undefined): void {
  const wanted = timeZone || DEFAULT_TIME_ZONE;
  if (wanted === zone.timeZone) return;
  try {
    zone = { timeZone: wanted, clock: new Intl.DateTimeFormat("en-US", { timeZone: wanted, ...CLOCK }) };
  } catch {
    zone = { timeZone: DEFAULT_TIME_ZONE }; // an unknown zone name: keep showing dates, in Mexico City's
  }
}

export function displayTimeZone(): string {
  return zone.timeZone;
}

/** The user's language for numeric dates (the I18nProvider sets it before its children render). */
export function setDisplayLocale(locale: FormatLocale): void {
  displayLocale = locale;
}

let moneyFormat: Intl.NumberFormat | undefined;

function toDate(value: string | Date | null | undefined): Date | null {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The wall clock's year, month, day, hour and minute of an instant in a zone (the business zone by default). */
function clock(date: Date, formats: ZoneFormats = zone): Record<string, string> {
  formats.clock ??= new Intl.DateTimeFormat("en-US", { timeZone: formats.timeZone, ...CLOCK });
  const out: Record<string, string> = {};
  for (const part of formats.clock.formatToParts(date)) out[part.type] = part.value;
  return out;
}

/** The order a person writes a day's numbers in: Mexican (24/12/2026) or US English (12/24/2026). */
export type DayOrder = "dmy" | "mdy";

/** The day order of the app's language: what Intl's numeric dates in es-MX and en show. */
export const dayOrderOf = (locale: string): DayOrder => (locale === "en" ? "mdy" : "dmy");

/** A day's numbers, already padded, in the order given: `24/11/2026` or `11/24/2026`. */
export const writeDay = (year: string, month: string, day: string, order: DayOrder) =>
  order === "dmy" ? `${day}/${month}/${year}` : `${month}/${day}/${year}`;

/** `24/11/2026` (es-MX), `11/24/2026` (en). */
function numericDate(p: Record<string, string>): string {
  return writeDay(p.year ?? "", p.month ?? "", p.day ?? "", dayOrderOf(displayLocale));
}

/** `24/11/2026 16:30` (es-MX), `11/24/2026 16:30` (en) */
export function formatDateTime(value: string | Date | null | undefined): string {
  const date = toDate(value);
  if (!date) return "—";
  const p = clock(date);
  return `${numericDate(p)} ${p.hour}:${p.minute}`;
}

/** The weekday's name per language, in the zone it was made for (made on first use, see CLOCK). */
const weekdayNames = new Map<string, Intl.DateTimeFormat>();

/** `lunes` (es-MX), `Monday` (en): the weekday of an instant on the business calendar's wall clock. */
export function formatWeekday(value: string | Date | null | undefined): string {
  const date = toDate(value);
  return date ? weekdayName(date) : "—";
}

function weekdayName(date: Date): string {
  const id = `${displayLocale}\u0000${zone.timeZone}`;
  let names = weekdayNames.get(id);
  if (!names) {
    names = new Intl.DateTimeFormat(displayLocale, { weekday: "long", timeZone: zone.timeZone });
    weekdayNames.set(id, names);
  }
  return names.format(date);
}

/**
 * `lunes 07/12/2026 10:00` (es-MX), `Monday 12/07/2026 10:00` (en): a promise read out over the phone
 * (a deadline), where the date alone leaves the caller counting days.
 */
export function formatWeekdayDateTime(value: string | Date | null | undefined): string {
  const date = toDate(value);
  if (!date) return "—";
  return `${weekdayName(date)} ${formatDateTime(date)}`;
}

/** `24/11/2026` (es-MX), `11/24/2026` (en); a plain `YYYY-MM-DD` is that day, without a time-zone shift. */
export function formatDate(value: string | Date | null | undefined): string {
  if (typeof value === "string") {
    const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (d) {
      const day = new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3])));
      const exists = day.toISOString().startsWith(value);
      return exists ? numericDate(clock(day, utc)) : value;
    }
  }
  const date = toDate(value);
  if (!date) return "—";
  return numericDate(clock(date));
}

/** `$1,234.50 MXN` */
export function formatMoney(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "—";
  const whole = Math.trunc(cents / 100);
  const frac = Math.abs(cents % 100);
  moneyFormat ??= new Intl.NumberFormat("es-MX", {
    style: "currency",
    currency: "MXN",
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  const text = moneyFormat.format(Number(`${whole}.${String(frac).padStart(2, "0")}`));
  return `${cents < 0 && whole === 0 ? "-" : ""}${text} MXN`;
}

/** Parses `1,234.5` / `1234.50` / `$1234` into integer cents without floating-point arithmetic. */
export function parsePesos(text: string): number | null {
  const clean = text.replace(/[$,\sMXN]/gi, "");
  const match = /^(\d{1,12})(?:\.(\d{0,2}))?$/.exec(clean);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** Cents as an editable `1234.50` string. */
export function centsToInput(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "";
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;
}

let wholeFormat: Intl.NumberFormat | undefined;

/**
 * `2 h 15 min`, `45 min`, `0 min`, `52,904 h` (hours grouped by thousands, as money is); negative
 * values are shown with a minus sign.
 */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return "—";
  const sign = minutes < 0 ? "-" : "";
  const abs = Math.abs(Math.round(minutes));
  wholeFormat ??= new Intl.NumberFormat("es-MX", { maximumFractionDigits: 0 });
  const h = wholeFormat.format(Math.floor(abs / 60));
  const m = abs % 60;
  if (h === "0") return `${sign}${m} min`;
  return m === 0 ? `${sign}${h} h` : `${sign}${h} h ${m} min`;
}

/** Rounds up a total of minutes to the next multiple of `step` (0 stays 0). */
export function roundUp(minutes: number, step: number): number {
  if (minutes <= 0 || step <= 0) return Math.max(0, minutes);
  return Math.ceil(minutes / step) * step;
}

/** Business-zone date `YYYY-MM-DD` of an instant. */
export function zonedDateKey(value: string | Date): string {
  const p = clock(toDate(value) ?? new Date());
  return `${p.year}-${p.month}-${p.day}`;
}

/** `HH:mm` of an instant in the business zone. */
export function zonedTime(value: string | Date): string {
  const p = clock(toDate(value) ?? new Date());
  return `${p.hour}:${p.minute}`;
}

/** Offset of the business zone from UTC at an instant, in minutes (e.g. -360 for UTC-06:00). */
function zoneOffsetMinutes(instant: number): number {
  const p = clock(new Date(instant));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  return Math.round((wall - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/**
 * A wall-clock date and time in the business zone as ISO-8601 with its offset:
 * `2026-11-24`, `16:30` → `2026-11-24T16:30:00-06:00`. Null when the input is not a date and time.
 */
export function zonedIso(date: string, time: string): string | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!d || !t) return null;
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  let offset = zoneOffsetMinutes(wall);
  offset = zoneOffsetMinutes(wall - offset * 60_000); // settle across a DST change
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${date}T${time}:00${sign}${hh}:${mm}`;
}

const DEADLINE_WORDS: Record<FormatLocale, { due: string; overdue: string; now: string }> = {
  "es-MX": { due: "vence en {d}", overdue: "venció hace {d}", now: "vence ahora" },
  en: { due: "due in {d}", overdue: "overdue by {d}", now: "due now" },
};

/** `vence en 1 h 15 min` / `venció hace 20 min` (wall-clock minutes between now and the deadline). */
export function formatDeadline(due: string | Date, now: Date, locale: FormatLocale): string {
  const at = toDate(due);
  if (!at) return "—";
  const minutes = Math.round((at.getTime() - now.getTime()) / 60_000);
  const words = DEADLINE_WORDS[locale];
  if (minutes === 0) return words.now;
  const text = minutes > 0 ? words.due : words.overdue;
  return text.replace("{d}", formatMinutes(Math.abs(minutes)));
}
