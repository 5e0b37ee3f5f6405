/**
 * Server-rendered texts (error messages, notifications, later e-mails) from ICU catalogues with
 * intl-messageformat, the same library the web app uses. Domain and services produce codes with
 * parameters; only the HTTP edge renders them, in the caller's language.
 */
import { IntlMessageFormat } from "intl-messageformat";
import { en } from "./en.js";
import { es, type ServerMessageKey } from "./es.js";

export type { ServerMessageKey };
export type ServerLocale = "es-MX" | "en";
export type MessageParams = Record<string, string | number>;
/** A text to show a person, as the API carries it: a stable code and its parameters. */
export interface Coded {
  code: string;
  params: MessageParams;
}

const catalogues: Record<ServerLocale, Record<ServerMessageKey, string>> = { "es-MX": es, en };
const compiled = new Map<string, IntlMessageFormat>();

export function isServerMessageKey(code: string): code is ServerMessageKey {
  return Object.hasOwn(es, code);
}

function formatter(locale: ServerLocale, key: ServerMessageKey): IntlMessageFormat {
  const id = `${locale}\u0000${key}`;
  let f = compiled.get(id);
  if (!f) {
    f = new IntlMessageFormat(catalogues[locale][key], locale, undefined, { ignoreTag: true });
    compiled.set(id, f);
  }
  return f;
}

/** The text of a code in a locale; an unknown code renders as itself (never throws on data). */
export function render(locale: ServerLocale, code: string, params: MessageParams = {}): string {
  if (!isServerMessageKey(code)) return code;
  try {
    return String(formatter(locale, code).format(params));
  } catch {
    return catalogues[locale][code]; // a missing parameter in an old stored row
  }
}

/** `{code, params, text}` for API answers that had a human text before codes. */
export function withText(locale: ServerLocale, coded: Coded): Coded & { text: string } {
  return { code: coded.code, params: coded.params, text: render(locale, coded.code, coded.params) };
}

/** First language of an Accept-Language header we speak; Spanish otherwise. */
export function localeFromAcceptLanguage(header: string | undefined): ServerLocale {
  const wanted = (header ?? "")
    .split(",")
    .map((part) => {
      const [tag = "", ...rest] = part.trim().split(";");
      const q = rest.find((p) => p.trim().startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((w) => w.tag && w.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const w of wanted) {
    if (w.tag.startsWith("es")) return "es-MX";
    if (w.tag.startsWith("en")) return "en";
  }
  return "es-MX";
}

/** The user's locale setting when signed in; Accept-Language for anonymous callers. */
export function localeOf(request: {
  actor?: { locale: ServerLocale } | null;
  headers: Record<string, string | string[] | undefined>;
}): ServerLocale {
  if (request.actor) return request.actor.locale;
  const header = request.headers["accept-language"];
  return localeFromAcceptLanguage(Array.isArray(header) ? header[0] : header);
}
