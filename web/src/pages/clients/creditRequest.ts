import { CreditRequestBody } from "../../contract";
import type { Translate } from "../../i18n";
import { checkErrors, type FieldErrors } from "../../lib/form";
import { parsePesos } from "../../lib/format";

/** What the credit request form holds: days as the number input gives them ("" when cleared). */
export interface CreditRequestValues {
  days: number | string;
  limit: string;
  reason: string;
}

export type CreditRequestCheck =
  | { body: CreditRequestBody; errors: null }
  | { body: null; errors: FieldErrors };

/**
 * The request for this client, or every wrong field at once: the contract's check (whole days, a
 * reason) together with what only the typed text shows (an amount that is not one, a blank field).
 * The form used to stop at the first problem, so a request with three took three tries to learn them.
 */
export function checkCreditRequest(
  t: Translate,
  clientId: string,
  values: CreditRequestValues,
): CreditRequestCheck {
  const daysBlank = String(values.days).trim() === "";
  const cents = parsePesos(values.limit);
  const input = {
    clientId,
    creditDays: daysBlank ? 1 : Number(values.days),
    creditLimitCents: cents ?? 0,
    reason: values.reason.trim(),
  };
  const found = CreditRequestBody.safeParse(input);
  const errors: FieldErrors = found.success ? {} : checkErrors(t, found.error.issues, input);
  if (daysBlank) errors.creditDays = t("errcode.field_required");
  if (cents === null) {
    errors.creditLimitCents = values.limit.trim() ? t("client.badMoney") : t("errcode.field_required");
  }
  if (Object.keys(errors).length > 0) return { body: null, errors };
  return { body: input, errors: null };
}
