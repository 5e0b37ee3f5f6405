import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from "react";
import { setDisplayLocale } from "../lib/format";
import { esMX, type MessageKey } from "./es-MX";
import { formatMessage, type Message, parseMessage, type Vars } from "./message";

export type { MessageKey, Vars };
export type Locale = "es-MX" | "en";
export interface Translate {
  (key: MessageKey, vars?: Vars): string;
  /** The locale this function speaks (English error texts are derived from error codes). */
  readonly locale: Locale;
}

/** Spanish is always loaded; English is fetched on first use (it is not in the initial bundle). */
const catalogs: Partial<Record<Locale, Record<MessageKey, string>>> = { "es-MX": esMX };
let englishLoad: Promise<void> | null = null;

export function loadLocale(locale: Locale): Promise<void> {
  if (catalogs[locale]) return Promise.resolve();
  englishLoad ??= import("./en").then((m) => {
    catalogs.en = m.en;
  });
  return englishLoad;
}

export function isLocaleLoaded(locale: Locale): boolean {
  return !!catalogs[locale];
}

interface Compiled {
  message: Message | string;
  /** The language the text is in (Spanish where English lacks the key). */
  locale: Locale;
}

/** Parsed ICU messages per locale and key: parsing is the costly part, formatting is cheap. */
const compiled = new Map<string, Compiled>();

function compile(locale: Locale, key: MessageKey): Compiled {
  const id = `${locale}\u0000${key}`;
  let entry = compiled.get(id);
  if (entry === undefined) {
    const loaded = catalogs[locale]?.[key];
    const text = loaded ?? esMX[key] ?? key;
    let message: Message | string;
    try {
      message = parseMessage(text);
    } catch {
      message = text; // a malformed message is shown as written rather than breaking the page
    }
    entry = { message, locale: loaded === undefined ? "es-MX" : locale };
    if (loaded !== undefined || locale === "es-MX") compiled.set(id, entry);
  }
  return entry;
}

/** The text of a key in a locale: ICU MessageFormat (`{name}`, `{count, plural, one {…} other {…}}`). */
export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const { message, locale: language } = compile(locale, key);
  if (typeof message === "string") return message;
  try {
    return formatMessage(message, language, vars);
  } catch {
    return catalogs[locale]?.[key] ?? esMX[key] ?? key; // a missing variable: the text beats a blank
  }
}

export function makeTranslate(locale: Locale): Translate {
  return Object.assign((key: MessageKey, vars?: Vars) => translate(locale, key, vars), { locale });
}

/** True when the key exists in the catalogue (for dynamic keys such as `status.${s}`). */
export function hasKey(key: string): key is MessageKey {
  return key in esMX;
}

type Listener = (locale: Locale) => void;
let activeLocale: Locale = "es-MX";
const listeners = new Set<Listener>();

/** Follows the UI locale outside React (the zod error-message locale of the contract chunk). */
export function onLocaleChange(listener: Listener): void {
  listeners.add(listener);
  listener(activeLocale);
}

function setActiveLocale(locale: Locale): void {
  if (locale === activeLocale) return;
  activeLocale = locale;
  for (const listener of listeners) listener(locale);
}

interface I18nValue {
  locale: Locale;
  t: Translate;
}

const I18nContext = createContext<I18nValue>({ locale: "es-MX", t: makeTranslate("es-MX") });

/** The wanted locale once its catalogue is loaded; until then the one already shown (no flash of keys). */
function useLoadedLocale(wanted: Locale): Locale {
  const [, setLoaded] = useState(0);
  useEffect(() => {
    if (!isLocaleLoaded(wanted)) void loadLocale(wanted).then(() => setLoaded((n) => n + 1));
  }, [wanted]);
  return isLocaleLoaded(wanted) ? wanted : "es-MX";
}

export function I18nProvider({ locale: wanted, children }: { locale: Locale; children: ReactNode }) {
  const locale = useLoadedLocale(wanted);
  // Before the children render: their dates are written in this language (an idempotent setting).
  setDisplayLocale(locale);
  useEffect(() => {
    setActiveLocale(locale);
    document.documentElement.lang = locale;
  }, [locale]);
  const t = useMemo(() => makeTranslate(locale), [locale]);
  const value = useMemo(() => ({ locale, t }), [locale, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  return useContext(I18nContext);
}

export function useT(): Translate {
  return useContext(I18nContext).t;
}
