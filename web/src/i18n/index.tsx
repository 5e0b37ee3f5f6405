import { createContext, type ReactNode, useCallback, useContext, useMemo } from "react";
import { en } from "./en";
import { esMX, type MessageKey } from "./es-MX";

export type { MessageKey };
export type Locale = "es-MX" | "en";
export type Vars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: Vars) => string;

const catalogs: Record<Locale, Record<MessageKey, string>> = { "es-MX": esMX, en };

export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const text = catalogs[locale][key] ?? esMX[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** True when the key exists in the catalogue (for dynamic keys such as `status.${s}`). */
export function hasKey(key: string): key is MessageKey {
  return key in esMX;
}

interface I18nValue {
  locale: Locale;
  t: Translate;
}

const I18nContext = createContext<I18nValue>({
  locale: "es-MX",
  t: (key, vars) => translate("es-MX", key, vars),
});

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const t = useCallback<Translate>((key, vars) => translate(locale, key, vars), [locale]);
  const value = useMemo(() => ({ locale, t }), [locale, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  return useContext(I18nContext);
}

export function useT(): Translate {
  return useContext(I18nContext).t;
}
