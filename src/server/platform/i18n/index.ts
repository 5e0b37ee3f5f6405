import { AppError, type ErrorCode } from "../errors.js";
import { type Coded, isServerMessageKey } from "./render.js";

export * from "./render.js";

/**
 * An AppError from a text the domain produced (a workflow refusal…). The domain's codes are plain
 * strings; one missing from the catalogues is a programming error (the catalogue test lists them all).
 */
export function codedError(code: ErrorCode, text: Coded, details: unknown = null): AppError {
  if (!isServerMessageKey(text.code)) throw new Error(`no catalogue text for ${text.code}`);
  return new AppError(code, text.code, text.params, details);
}
