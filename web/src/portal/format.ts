import { DateTime } from "luxon";
import type { PortalLocale } from "./i18n";

/** An instant as the client reads it: in the firm's time zone, weekday and time ("martes 24 nov, 11:00"). */
export function when(iso: string | null, zone: string, locale: PortalLocale): string {
  if (!iso) return "";
  return DateTime.fromISO(iso, { zone })
    .setLocale(locale === "en" ? "en-US" : "es-MX")
    .toFormat(locale === "en" ? "ccc, LLL d yyyy, HH:mm" : "cccc d 'de' LLL yyyy, HH:mm");
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Minutes of work as "1 h 15 min". */
export function duration(minutes: number): string {
  return minutes >= 60 ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes} min`;
}

/** Integer cents as pesos in the reader's language. */
export function money(cents: number, locale: PortalLocale): string {
  return new Intl.NumberFormat(locale === "en" ? "en-US" : "es-MX", {
    style: "currency",
    currency: "MXN",
  }).format(cents / 100);
}
