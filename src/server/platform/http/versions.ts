import { AppError } from "../errors.js";

/**
 * Someone saved the record after the caller read it: refuse instead of silently overwriting their
 * change, and hand back the record as it is now so the caller can compare and re-apply.
 */
export const staleEdit = (what: string, current: unknown) =>
  new AppError(
    "conflict",
    `Otra persona modificó ${what} después de que lo abriste. Revisa su estado actual y vuelve a aplicar tu cambio.`,
    { current },
  );

/** Refuses an edit based on another version than the stored one (no version: applies to the current). */
export async function checkBaseVersion(
  expected: number | undefined,
  stored: number,
  what: string,
  current: () => Promise<unknown> | unknown,
): Promise<void> {
  if (expected !== undefined && expected !== stored) throw staleEdit(what, await current());
}
