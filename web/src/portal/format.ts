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
