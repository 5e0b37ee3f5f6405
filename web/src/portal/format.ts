import type { PortalLocale } from "./i18n";

const whenFormats = new Map<string, Intl.DateTimeFormat>();

/** The formatter of a zone and language; Mexico City's when the firm's zone is unknown to the browser. */
function whenFormat(zone: string, locale: "es-MX" | "en-US"): Intl.DateTimeFormat {
  const key = `${zone}\u0000${locale}`;
  let format = whenFormats.get(key);
  if (!format) {
    const options = {
      weekday: locale === "en-US" ? "short" : "long",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    } as const;
    try {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
    } catch {
      format = new Intl.DateTimeFormat(locale, { ...options, timeZone: "America/Mexico_City" });
    }
    whenFormats.set(key, format);
  }
  return format;
}

/**
 * An instant as the client reads it: in the firm's time zone, weekday and time ("martes 24 de nov de 2026,
 * 10:30", "Tue, Nov 24, 2026, 10:30"). Intl rather than Luxon, so the portal's start does not load it.
 */
export function when(iso: string | null, zone: string, locale: PortalLocale): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "";
  const language = locale === "en" ? "en-US" : "es-MX";
  const p: Record<string, string> = {};
  for (const part of whenFormat(zone, language).formatToParts(date)) p[part.type] = part.value;
  return language === "en-US"
    ? `${p.weekday}, ${p.month} ${p.day}, ${p.year}, ${p.hour}:${p.minute}`
    : `${p.weekday} ${p.day} de ${p.month} de ${p.year}, ${p.hour}:${p.minute}`;
}

/** The staff app's own rule, so a file reads the same size on both sides. */
export { fileSize } from "../lib/fileSize";

/** Minutes of work as "1 h 15 min". */
export function duration(minutes: number): string {
  return minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
}

/**
 * Integer cents as pesos, written as the staff app and the invoices write them («$1,234.50 MXN») in
 * either language: English's own «MX$1,234.50» would be a third way for the same amount.
 */
export function money(cents: number, _locale: PortalLocale): string {
  const pesos = new Intl.NumberFormat("es-MX", { style: "currency", currency: "MXN" });
  return `${pesos.format(cents / 100)} MXN`;
}
