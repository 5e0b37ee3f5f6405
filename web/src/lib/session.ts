const KEY = "mesa.sessionExpired";

export function markSessionExpired(): void {
  sessionStorage.setItem(KEY, "1");
}

/** Reads and clears the "your session expired" flag. */
export function takeSessionExpired(): boolean {
  const expired = sessionStorage.getItem(KEY) === "1";
  sessionStorage.removeItem(KEY);
  return expired;
}

const LOCALE_KEY = "mesa.locale";

export function storedLocale(): "es-MX" | "en" {
  return localStorage.getItem(LOCALE_KEY) === "en" ? "en" : "es-MX";
}

export function storeLocale(locale: "es-MX" | "en"): void {
  localStorage.setItem(LOCALE_KEY, locale);
}
