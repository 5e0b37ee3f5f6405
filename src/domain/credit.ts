/**
 * Payment terms and credit standing (seed §1.2: new clients pay cash; credit only by explicit request
 * approved by Ventas). Pure: callers pass what the database says.
 */
export type CreditStandingCode =
  | "credit.cash"
  | "credit.within_limit"
  | "credit.no_limit"
  | "credit.over_limit";

export interface CreditStanding {
  code: CreditStandingCode;
  /** Issued or exported, not yet paid. */
  unpaidCents: number;
  /** How far over the limit (0 unless over). */
  overByCents: number;
}

/** A credit client is over its limit when what it owes exceeds the limit; at the limit is still within. */
export function creditStanding(input: {
  paymentTerms: "cash" | "credit";
  creditLimitCents: number | null;
  unpaidCents: number;
}): CreditStanding {
  const { paymentTerms, creditLimitCents, unpaidCents } = input;
  if (paymentTerms === "cash") return { code: "credit.cash", unpaidCents, overByCents: 0 };
  if (creditLimitCents === null) return { code: "credit.no_limit", unpaidCents, overByCents: 0 };
  if (unpaidCents > creditLimitCents) {
    return { code: "credit.over_limit", unpaidCents, overByCents: unpaidCents - creditLimitCents };
  }
  return { code: "credit.within_limit", unpaidCents, overByCents: 0 };
}

/** Invoice statuses that count as owed: issued to the client and not yet paid (drafts are not owed yet). */
export const UNPAID_INVOICE_STATUSES = ["issued", "exported"] as const;
