import { checkRfc, isGenericRfc } from "../../../domain/rfc.js";
import type { Actor } from "../../context.js";
import { AppError } from "../../platform/errors.js";
import type { ClientRow } from "../clients/repository.js";

type RfcColumns = Pick<
  ClientRow,
  "rfc" | "generic_rfc" | "rfc_check_failed" | "rfc_confirmed_by" | "rfc_confirmed_at"
>;

/**
 * The RFC columns a client create or edit writes. A well-formed RFC that fails SAT's check digit is
 * a warning, not a refusal (some RFCs issued long ago fail it): staff confirm it with
 * `rfcCheckDigitConfirmed: true`, who and when are kept, and the client stays on the review list.
 * Generic RFCs (público en general, extranjero) live apart, since many cash clients share them.
 */
export function rfcColumns(
  actor: Actor,
  rfc: string | null,
  confirmed: boolean | undefined,
  now: string,
): RfcColumns {
  const clear = { rfc_check_failed: 0, rfc_confirmed_by: null, rfc_confirmed_at: null };
  if (rfc === null) return { rfc: null, generic_rfc: null, ...clear };
  if (isGenericRfc(rfc)) return { rfc: null, generic_rfc: rfc, ...clear };
  const check = checkRfc(rfc);
  if (check.code !== "rfc.check_digit_mismatch") return { rfc, generic_rfc: null, ...clear };
  if (confirmed !== true) {
    throw new AppError(
      "rfc_check_digit_mismatch",
      "rfc.check_digit_mismatch",
      { rfc, expected: check.expected },
      {
        field: "rfc",
        rfc,
        expected: check.expected,
        actual: check.actual,
        confirmWith: "rfcCheckDigitConfirmed",
      },
    );
  }
  return { rfc, generic_rfc: null, rfc_check_failed: 1, rfc_confirmed_by: actor.id, rfc_confirmed_at: now };
}

/** The RFC a client shows: its own, or the generic one it was given for cash sales. */
export const shownRfc = (r: Pick<ClientRow, "rfc" | "generic_rfc">) => r.rfc ?? r.generic_rfc;
