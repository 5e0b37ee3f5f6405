import { issueParams } from "../../../contract/i18n/issue.js";
import { AppError, type ErrorCode } from "../errors.js";
import { type Coded, isServerMessageKey, render, type ServerLocale } from "./render.js";

export * from "./render.js";

/**
 * An AppError from a text the domain produced (a workflow refusal…). The domain's codes are plain
 * strings; one missing from the catalogues is a programming error (the catalogue test lists them all).
 */
export function codedError(code: ErrorCode, text: Coded, details: unknown = null): AppError {
  if (!isServerMessageKey(text.code)) throw new Error(`no catalogue text for ${text.code}`);
  return new AppError(code, text.code, text.params, details);
}

/** A zod issue's text for an operator's console or log (config, CLI): its `input.*` code rendered. */
export function issueText(issue: { message: string }, locale: ServerLocale = "es-MX"): string {
  return isServerMessageKey(issue.message)
    ? render(locale, issue.message, issueParams(issue))
    : issue.message;
}
