import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { formatMessage, parseMessage } from "../i18n/message";
import { setPortalLanguage } from "./api";
import { es, type PortalKey } from "./i18n-es";

export type PortalLocale = "es-MX" | "en";
type Catalogue = Record<PortalKey, string>;
const STORE = "mesa.portal.locale";

/** Spanish ships in the bundle; English is loaded the first time a contact asks for it. */
const catalogues: Partial<Record<PortalLocale, Catalogue>> = { "es-MX": es };

function format(locale: PortalLocale, key: PortalKey, vars?: Record<string, string | number>): string {
  const text = catalogues[locale]?.[key] ?? es[key];
  try {
    return formatMessage(parseMessage(text), locale, vars);
  } catch {
    return text;
  }
}

export interface I18n {
  locale: PortalLocale;
  t: (key: PortalKey, vars?: Record<string, string | number>) => string;
  setLocale: (locale: PortalLocale) => void;
}

const Ctx = createContext<I18n | null>(null);

/** The language chosen on this device, if any (null: never chosen here). */
export function storedLocale(): PortalLocale | null {
  try {
    const stored = localStorage.getItem(STORE);
    return stored === "en" || stored === "es-MX" ? stored : null;
  } catch {
    return null;
  }
}

export function PortalI18nProvider({ children }: { children: ReactNode }) {
  const [locale, setState] = useState<PortalLocale>("es-MX");
  const setLocale = useCallback((next: PortalLocale) => {
    const apply = () => {
      setPortalLanguage(next);
      document.documentElement.lang = next;
      setState(next);
      try {
        localStorage.setItem(STORE, next);
      } catch {
        // private mode: the choice lasts for this page only
      }
    };
    if (next === "en" && !catalogues.en)
      void import("./i18n-en").then((m) => {
        catalogues.en = m.en;
        apply();
      });
    else apply();
  }, []);
  useEffect(() => {
    if (storedLocale() === "en") setLocale("en");
  }, [setLocale]);
  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, vars) => format(locale, key, vars) }),
    [locale, setLocale],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function usePortalI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error("PortalI18nProvider missing");
  return v;
}
