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

const SIGNED_IN_KEY = "mesa.signedIn";

/**
 * A hint only (the cookie is httpOnly): whether this browser had a session last time, so start-up can
 * fetch the app shell in parallel with the session check instead of after it. Never used for access.
 */
export function wasSignedIn(): boolean {
  return localStorage.getItem(SIGNED_IN_KEY) === "1";
}

export function markSignedIn(signedIn: boolean): void {
  if (signedIn) localStorage.setItem(SIGNED_IN_KEY, "1");
  else localStorage.removeItem(SIGNED_IN_KEY);
}
