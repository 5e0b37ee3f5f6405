import { conflict } from "../errors.js";

/** The records an edit can find changed under it: each is named in `error.stale_edit`. */
export type StaleKind =
  | "settings"
  | "rate"
  | "invoice"
  | "warranty_case"
  | "loaner"
  | "client"
  | "contact"
  | "contract"
  | "contract_type"
  | "time_entry"
  | "charge"
  | "user";

/**
 * Someone saved the record after the caller read it: refuse instead of silently overwriting their
 * change, and hand back the record as it is now so the caller can compare and re-apply.
 */
export const staleEdit = (what: StaleKind, current: unknown) =>
  conflict("error.stale_edit", { what }, { current });

/** Refuses an edit based on another version than the stored one (no version: applies to the current). */
export async function checkBaseVersion(
  expected: number | undefined,
  stored: number,
  what: StaleKind,
  current: () => Promise<unknown> | unknown,
): Promise<void> {
  if (expected !== undefined && expected !== stored) throw staleEdit(what, await current());
}
