/**
 * Dates, times and durations as people read them, with Luxon: in the business calendar's zone (not the
 * browser's) and in the user's language, numeric forms included (`24/11/2026 16:30` in Spanish,
 * `11/24/2026 16:30` in English; the clock is 24-hour in both). Money stays Mexican: `$1,234.50 MXN`.
 */
import { DateTime, Info } from "luxon";

export type FormatLocale = "es-MX" | "en";

/** Shown when the session does not tell the calendar's zone (older servers). */
export const DEFAULT_TIME_ZONE = "America/Mexico_City";

const display = { timeZone: DEFAULT_TIME_ZONE, locale: "es-MX" as FormatLocale };

/** Dates are shown in the business calendar's zone (GET /api/auth/me `timeZone`), not the browser's. */
export function setDisplayTimeZone(timeZone: string | null | undefined): void {
  const wanted = timeZone || DEFAULT_TIME_ZONE;
  // An unknown zone name: keep showing dates, in Mexico City's.
  display.timeZone = Info.isValidIANAZone(wanted) ? wanted : DEFAULT_TIME_ZONE;
}

export function displayTimeZone(): string {
  return display.timeZone;
}

/** The user's language for numeric dates (the I18nProvider sets it before its children render). */
export function setDisplayLocale(locale: FormatLocale): void {
  display.locale = locale;
}

const moneyFormat = new Intl.NumberFormat("es-MX", {
  style: "currency",
  currency: "MXN",
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

function toDate(value: string | Date | null | undefined): Date | null {
  if (!value) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** An instant on the business calendar's wall clock. */
const inZone = (date: Date) => DateTime.fromJSDate(date, { zone: display.timeZone });

const NUMERIC_DATE = { day: "2-digit", month: "2-digit", year: "numeric" } as const;

/** `24/11/2026 16:30` (es-MX), `11/24/2026 16:30` (en) */
export function formatDateTime(value: string | Date | null | undefined): string {
  const date = toDate(value);
  if (!date) return "—";
  const dt = inZone(date).setLocale(display.locale);
  return `${dt.toLocaleString(NUMERIC_DATE)} ${dt.toFormat("HH:mm")}`;
}

/** `24/11/2026` (es-MX), `11/24/2026` (en); a plain `YYYY-MM-DD` is that day, without a time-zone shift. */
export function formatDate(value: string | Date | null | undefined): string {
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const day = DateTime.fromISO(value, { zone: "UTC" });
    return day.isValid ? day.setLocale(display.locale).toLocaleString(NUMERIC_DATE) : value;
  }
  const date = toDate(value);
  if (!date) return "—";
  return inZone(date).setLocale(display.locale).toLocaleString(NUMERIC_DATE);
}

/** `$1,234.50 MXN` */
export function formatMoney(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "—";
  const whole = Math.trunc(cents / 100);
  const frac = Math.abs(cents % 100);
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

/** `2 h 15 min`, `45 min`, `0 min`; negative values are shown with a minus sign. */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return "—";
  const sign = minutes < 0 ? "-" : "";
  const abs = Math.abs(Math.round(minutes));
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  if (h === 0) return `${sign}${m} min`;
  return m === 0 ? `${sign}${h} h` : `${sign}${h} h ${m} min`;
}

/** Rounds up a total of minutes to the next multiple of `step` (0 stays 0). */
export function roundUp(minutes: number, step: number): number {
  if (minutes <= 0 || step <= 0) return Math.max(0, minutes);
  return Math.ceil(minutes / step) * step;
}

/** Business-zone date `YYYY-MM-DD` of an instant. */
export function zonedDateKey(value: string | Date): string {
  return inZone(toDate(value) ?? new Date()).toFormat("yyyy-MM-dd");
}

/** `HH:mm` of an instant in the business zone. */
export function zonedTime(value: string | Date): string {
  return inZone(toDate(value) ?? new Date()).toFormat("HH:mm");
}

/** Offset of the business zone from UTC at an instant, in minutes (e.g. -360 for UTC-06:00). */
function zoneOffsetMinutes(instant: number): number {
  return DateTime.fromMillis(instant, { zone: display.timeZone }).offset;
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

const ZONE_CITIES: Record<string, Record<FormatLocale, string>> = {
  "America/Mexico_City": { "es-MX": "Ciudad de México", en: "Mexico City" },
  "America/Monterrey": { "es-MX": "Monterrey", en: "Monterrey" },
  "America/Merida": { "es-MX": "Mérida", en: "Mérida" },
  "America/Cancun": { "es-MX": "Cancún", en: "Cancún" },
  "America/Chihuahua": { "es-MX": "Chihuahua", en: "Chihuahua" },
  "America/Hermosillo": { "es-MX": "Hermosillo", en: "Hermosillo" },
  "America/Mazatlan": { "es-MX": "Mazatlán", en: "Mazatlán" },
  "America/Tijuana": { "es-MX": "Tijuana", en: "Tijuana" },
};

/** `Ciudad de México (UTC−6)`: a zone as a person knows it, with its offset at `at` (now by default). */
export function zoneLabel(zoneName: string, locale: FormatLocale, at: Date = new Date()): string {
  const dt = DateTime.fromJSDate(at, { zone: zoneName });
  if (!dt.isValid) return zoneName;
  const city = ZONE_CITIES[zoneName]?.[locale] ?? (zoneName.split("/").pop() ?? zoneName).replace(/_/g, " ");
  const minutes = dt.offset;
  const sign = minutes < 0 ? "\u2212" : "+";
  const h = Math.floor(Math.abs(minutes) / 60);
  const m = Math.abs(minutes) % 60;
  return `${city} (UTC${sign}${h}${m ? `:${String(m).padStart(2, "0")}` : ""})`;
}

export interface ZoneGroup {
  group: string;
  items: { value: string; label: string }[];
}

/**
 * The zones an admin picks the calendar's from: Mexico's first (by name and offset), then every other
 * zone the browser knows, so nobody has to type an IANA name. A stored zone missing from both lists
 * (an older browser) is kept as an option rather than silently replaced.
 */
export function zoneOptions(locale: FormatLocale, current: string, at: Date = new Date()): ZoneGroup[] {
  const mexico = Object.keys(ZONE_CITIES);
  const known = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const others = known.filter((z) => !mexico.includes(z));
  if (current && !mexico.includes(current) && !others.includes(current)) others.unshift(current);
  // Mexico's zones read as cities; elsewhere the IANA name tells apart cities of one name.
  const named = (z: string) => ({ value: z, label: zoneLabel(z, locale, at) });
  const full = (z: string) => ({ value: z, label: `${zoneLabel(z, locale, at)} · ${z}` });
  return [
    { group: locale === "es-MX" ? "México" : "Mexico", items: mexico.map(named) },
    { group: locale === "es-MX" ? "Otras zonas" : "Other zones", items: others.map(full) },
  ];
}

/** `jueves 24 de diciembre de 2026` / `Thursday, December 24, 2026` for a calendar date `YYYY-MM-DD`. */
export function formatLongDate(date: string, locale: FormatLocale): string {
  const dt = DateTime.fromISO(date, { zone: "UTC" });
  if (!dt.isValid) return date;
  // Spanish reads the date as a phrase, without Intl's comma after the weekday.
  if (locale === "es-MX") return dt.setLocale("es-MX").toFormat("cccc d 'de' LLLL 'de' yyyy");
  return dt
    .setLocale(locale)
    .toLocaleString({ weekday: "long", day: "numeric", month: "long", year: "numeric" });
}

/** `martes 24 de noviembre de 2026, 16:30` for an instant, in the business zone and the user's language. */
export function formatLongDateTime(value: string | Date, locale: FormatLocale): string {
  const date = toDate(value);
  if (!date) return "—";
  const dt = DateTime.fromJSDate(date, { zone: display.timeZone }).setLocale(locale);
  return `${dt.toLocaleString({ weekday: "long", day: "numeric", month: "long", year: "numeric" })}, ${dt.toFormat("HH:mm")}`;
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
