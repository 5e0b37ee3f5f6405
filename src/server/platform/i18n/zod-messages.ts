/**
 * zod's own messages (an enum's options, a wrong type…) for an issue the contract did not word with an
 * `input.*` code, in the reader's language: zod ships its catalogues; the server picks one per request
 * (the web sets its global one to the UI's language instead).
 */
import type { z } from "zod";
import zodEn from "zod/v4/locales/en.js";
import zodEs from "zod/v4/locales/es.js";
import type { ServerLocale } from "./render.js";

type LocaleError = (issue: z.core.$ZodRawIssue) => string | { message: string } | undefined | null;
const catalogues: Record<ServerLocale, LocaleError> = {
  "es-MX": zodEs().localeError as LocaleError,
  en: zodEn().localeError as LocaleError,
};

/** The issue's text in `locale`, or null when zod has none for it (the caller keeps zod's message). */
export function zodIssueText(
  locale: ServerLocale,
  issue: { code: string } & Record<string, unknown>,
): string | null {
  try {
    const out = catalogues[locale](issue as unknown as z.core.$ZodRawIssue);
    if (typeof out === "string") return out;
    return out?.message ?? null;
  } catch {
    return null;
  }
}
