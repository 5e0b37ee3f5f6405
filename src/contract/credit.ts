import { z } from "zod";
import { Cents, Id, PageLimit, Text } from "./common.js";

export const CreditRequestStatus = z.enum(["pending", "approved", "rejected"]);
export type CreditRequestStatus = z.infer<typeof CreditRequestStatus>;

/** A client's explicit request for credit (seed §1.2), decided by Ventas. */
export const CreditRequestBody = z.strictObject({
  clientId: Id,
  creditDays: z.number().int("input.days_integer").min(1, "input.days_min").max(365, "input.days_max"),
  creditLimitCents: Cents,
  reason: Text(2000),
});
export type CreditRequestBody = z.input<typeof CreditRequestBody>;

/** Why Ventas approves or rejects: kept with who and when. */
export const CreditDecisionBody = z.strictObject({ reason: Text(2000) });

export const CreditRequestListQuery = z.object({
  status: CreditRequestStatus.optional(),
  clientId: Id.optional(),
  limit: PageLimit(200, 100),
});

export const CreditRequest = z.object({
  id: Id,
  clientId: Id,
  clientName: z.string(),
  creditDays: z.number(),
  creditLimitCents: z.number(),
  reason: z.string(),
  status: CreditRequestStatus,
  requestedBy: z.string(),
  requestedByName: z.string().nullable(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
});
export type CreditRequest = z.infer<typeof CreditRequest>;

export const CreditStandingCode = z.enum([
  "credit.cash",
  "credit.within_limit",
  "credit.no_limit",
  "credit.over_limit",
]);

/** What intake and the client page show: terms, what is owed and whether it is over the limit. */
export const CreditStatus = z.object({
  clientId: Id,
  paymentTerms: z.enum(["cash", "credit"]),
  creditDays: z.number().nullable(),
  creditLimitCents: z.number().nullable(),
  creditApprovedBy: z.string().nullable(),
  creditApprovedAt: z.string().nullable(),
  standing: CreditStandingCode,
  unpaidCents: z.number(),
  overLimit: z.boolean(),
  overByCents: z.number(),
  pendingRequest: CreditRequest.nullable(),
});
export type CreditStatus = z.infer<typeof CreditStatus>;

/** A client whose RFC fails SAT's check digit, for review. */
export const RfcReviewItem = z.object({
  clientId: Id,
  name: z.string(),
  rfc: z.string(),
  expectedCheckDigit: z.string(),
  confirmedBy: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  confirmedAt: z.string().nullable(),
});
export type RfcReviewItem = z.infer<typeof RfcReviewItem>;

export const CreditRequestList = z.object({ items: z.array(CreditRequest) });

/** `GET /api/clients/rfc-review`: clients whose RFC failed the check digit and was confirmed by staff. */
export const RfcReviewQuery = z.object({ limit: PageLimit(1000, 500) });
export const RfcReviewList = z.object({ items: z.array(RfcReviewItem) });
