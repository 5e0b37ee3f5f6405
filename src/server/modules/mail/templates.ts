import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DateTime } from "luxon";
import type { CalendarConfig } from "../../../domain/calendar/index.js";
import { headerSafe } from "./headers.js";

export type MailLang = "es" | "en";

/**
 * Templates shipped with Mesa; a firm overrides any of them with a file of the same name in
 * MESA_DATA_DIR/templates. Found by walking up from this file, because it runs both from `src/`
 * and from a compiled tree one level deeper (`.builds/<hash>/server/…`).
 */
const SHIPPED = shippedTemplatesDir(path.dirname(fileURLToPath(import.meta.url)));

export function shippedTemplatesDir(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "templates", "mail");
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`templates/mail not found above ${from}`);
  }
}

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

function readTemplate(dataDir: string, file: string): string {
  const own = path.join(dataDir, "templates", file);
  return fs.readFileSync(fs.existsSync(own) ? own : path.join(SHIPPED, file), "utf8");
}

const fill = (text: string, vars: Record<string, string>, encode: (s: string) => string) =>
  text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => encode(vars[name] ?? ""));

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

/** `<name>.<lang>.txt` (first line: the subject) and `<name>.<lang>.html`; values are escaped in HTML. */
export function render(
  dataDir: string,
  name: string,
  lang: MailLang,
  vars: Record<string, string>,
): Rendered {
  const [subjectLine = "", ...rest] = readTemplate(dataDir, `${name}.${lang}.txt`).split(/\r?\n/);
  // A value's line breaks must not end the subject line early (the rest would be lost, or worse).
  const subject = fill(subjectLine, vars, headerSafe);
  const text = fill(rest.join("\n"), vars, (v) => v).replace(/^\s*\n/, "");
  const html = fill(readTemplate(dataDir, `${name}.${lang}.html`), vars, escapeHtml);
  return { subject: headerSafe(subject), text, html };
}

const DAY_NAMES: Record<MailLang, string[]> = {
  es: ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"],
  en: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
};

/** "lun–vie 09:00–17:00" from the business calendar: consecutive days with the same hours grouped. */
export function openingHours(cfg: CalendarConfig, lang: MailLang): string {
  const names = DAY_NAMES[lang];
  const groups: { from: number; to: number; hours: string }[] = [];
  for (let d = 1; d <= 7; d++) {
    const ranges = cfg.weeklyHours[d as 1] ?? [];
    const hours = ranges.map((r) => `${r.start}–${r.end}`).join(", ");
    const last = groups.at(-1);
    if (last && last.hours === hours && last.to === d - 1) last.to = d;
    else groups.push({ from: d, to: d, hours });
  }
  const open = groups.filter((g) => g.hours);
  const day = (g: (typeof open)[number]) =>
    g.from === g.to ? names[g.from - 1] : `${names[g.from - 1]}–${names[g.to - 1]}`;
  return `${open.map((g) => `${day(g)} ${g.hours}`).join("; ")} (${zoneLabel(cfg.timeZone, lang)})`;
}

/**
 * The zone as people call it («hora estándar central», "Central Standard Time"), from the platform's
 * time zone names; the IANA name only if it has none.
 */
export function zoneLabel(timeZone: string, lang: MailLang): string {
  const locale = lang === "es" ? "es-MX" : "en-US";
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "longGeneric" }).formatToParts(0);
    const name = parts.find((p) => p.type === "timeZoneName")?.value;
    if (name && !name.startsWith("GMT")) return name;
  } catch {
    // An unknown zone: the calendar's check refuses it, but a label must not throw.
  }
  return lang === "es" ? `hora de ${timeZone}` : `${timeZone} time`;
}

/** An instant as the client reads it, in the calendar's zone. */
export function localInstant(iso: string | null, cfg: CalendarConfig, lang: MailLang): string {
  if (!iso) return lang === "es" ? "por definir" : "to be determined";
  return DateTime.fromISO(iso, { zone: cfg.timeZone })
    .setLocale(lang === "es" ? "es-MX" : "en-US")
    .toFormat(lang === "es" ? "cccc d 'de' LLLL 'de' yyyy, HH:mm" : "cccc, LLLL d, yyyy, HH:mm");
}
