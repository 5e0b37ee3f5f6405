/**
 * Dates in words and time-zone names in the user's language (Luxon): the calendar's settings, the
 * deadline calculator and the time-entry hint. Apart from format.ts, so the queue, the intake and the
 * portal's start do not load Luxon.
 */
import { DateTime } from "luxon";
import { displayTimeZone, type FormatLocale } from "./format";

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
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return "—";
  const dt = DateTime.fromJSDate(date, { zone: displayTimeZone() }).setLocale(locale);
  return `${dt.toLocaleString({ weekday: "long", day: "numeric", month: "long", year: "numeric" })}, ${dt.toFormat("HH:mm")}`;
}
