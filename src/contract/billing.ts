/** Billing (issue #14): price list, invoices, runs, hour bank and the ERP hand-off. Staff only. */
import { z } from "zod";
import { lineFits, subtotalFits } from "../domain/billing/money.js";
import { PaymentTerms } from "./clients.js";
import { BaseVersion, Cents, DateOnly, Id, MAX_INPUT_YEAR, MIN_INPUT_YEAR, Text } from "./common.js";
import { MessageParams } from "./notifications.js";
import { CategoryCode } from "./settings.js";
import { AttentionMode, ServiceKind } from "./tickets.js";

export const Period = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "input.period")
  // As every date Mesa takes: years 2000 to 2100.
  .refine((p) => {
    const year = Number(p.slice(0, 4));
    return year >= MIN_INPUT_YEAR && year <= MAX_INPUT_YEAR;
  }, "input.period")
  .meta({ example: "2026-11" });

export const RateBody = z.strictObject({
  category: CategoryCode.nullable().optional(),
  mode: AttentionMode.nullable().optional(),
  hourlyRateCents: Cents,
});
export const RatePatch = z.strictObject({ hourlyRateCents: Cents, version: BaseVersion });
export const Rate = z.object({
  id: Id,
  category: z.string().nullable(),
  mode: AttentionMode.nullable(),
  hourlyRateCents: z.number(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const InvoiceStatus = z.enum(["draft", "issued", "exported", "paid", "cancelled"]);
export type InvoiceStatus = z.infer<typeof InvoiceStatus>;

export const TicketRateBody = z.strictObject({ hourlyRateCents: Cents, reason: Text(1000) });
export const RateSource = z.enum(["override", "category_mode", "category", "mode", "default", "none"]);
export const TicketRate = z.object({
  ticketId: Id,
  /** Only `event` tickets are billed by the hour; a contract ticket's rate is shown, never overridden. */
  serviceKind: ServiceKind,
  category: z.string().nullable(),
  mode: AttentionMode.nullable(),
  hourlyRateCents: z.number().nullable(),
  source: RateSource,
  history: z.array(
    z.object({
      hourlyRateCents: z.number(),
      reason: z.string(),
      actorId: z.string().nullable(),
      actorName: z.string().nullable(),
      at: z.string(),
    }),
  ),
  /**
   * The ticket's own invoice, if it has a live one: an override re-prices a draft's time line; an
   * issued (exported, paid) invoice never changes (a correction is a cancellation and a new invoice).
   */
  invoice: z.object({ id: Id, folio: z.string(), status: InvoiceStatus, totalCents: z.number() }).nullable(),
});

export const InvoiceLine = z.object({
  description: z.string(),
  quantity: z.number(),
  unitPriceCents: z.number(),
  amountCents: z.number(),
  /** Set by Mesa on a line it could not price: `no_rate`, an event's time with no rate in the price list. */
  warning: z.enum(["no_rate"]).optional(),
});
export const Invoice = z.object({
  id: Id,
  folio: z.string(),
  kind: z.enum(["contract", "event"]),
  clientId: Id,
  clientName: z.string(),
  clientRfc: z.string().nullable(),
  contractId: z.string().nullable(),
  ticketId: z.string().nullable(),
  ticketFolio: z.string().nullable(),
  period: z.string().nullable(),
  lines: z.array(InvoiceLine),
  subtotalCents: z.number(),
  /** The IVA this invoice is taxed at, in basis points (1600 = 16 %): fixed when it was made. */
  taxBasisPoints: z.number(),
  taxCents: z.number(),
  totalCents: z.number(),
  paymentTerms: PaymentTerms,
  dueOn: z.string(),
  status: InvoiceStatus,
  erpFolio: z.string().nullable(),
  issuedAt: z.string().nullable(),
  exportedAt: z.string().nullable(),
  paidAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** The address issuing mailed it to; null before it is issued, or when the client had none. */
  mailedTo: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type Invoice = z.infer<typeof Invoice>;

/**
 * One invoice as `GET /api/invoices/:id` answers it: with `mailTo`, the address issuing mails it to
 * (the client's billing contact's, else the client's own, else its first contact's); null when the
 * client has none, and issuing then mails nothing.
 */
export const InvoiceDetail = Invoice.extend({ mailTo: z.string().nullable() });
export type InvoiceDetail = z.infer<typeof InvoiceDetail>;

export const InvoicesQuery = z.object({
  period: Period.optional(),
  clientId: Id.optional(),
  status: InvoiceStatus.optional(),
});

export const DraftLineBody = z
  .strictObject({
    description: Text(500),
    quantity: z
      .number()
      .positive()
      .max(1_000_000)
      .multipleOf(0.0001, "input.quantity_decimals")
      // multipleOf allows for float error, so 0.1 + 0.2 (0.30000000000000004) passed it and was
      // exported digit for digit: a quantity is what its 4 decimals write, exactly.
      .refine((q) => Number(q.toFixed(4)) === q, "input.quantity_decimals"),
    unitPriceCents: Cents,
  })
  .refine((l) => lineFits(l.quantity, l.unitPriceCents), {
    message: "input.amount_too_large",
    path: ["unitPriceCents"],
  });
export const InvoicePatch = z.strictObject({
  lines: z
    .array(DraftLineBody)
    .min(1)
    .max(200)
    .refine((ls) => subtotalFits(ls.map((l) => l.quantity * l.unitPriceCents)), {
      message: "input.amount_too_large",
    }),
  version: BaseVersion,
});
export const CancelBody = z.strictObject({ reason: Text(1000) });
export const PaidBody = z.strictObject({ paidOn: DateOnly.optional() });

export const RunBody = z.strictObject({ period: z.string().max(20) });
export const RunResult = z.object({
  period: z.string(),
  created: z.number(),
  items: z.array(Invoice),
  failed: z.array(z.object({ contractId: Id, error: z.string() })),
});

export const ExportBody = z.strictObject({
  format: z.enum(["csv", "xlsx"]).default("csv"),
  invoiceIds: z.array(Id).min(1).max(5000).optional(),
});
export const ImportBody = z.strictObject({ csv: z.string().min(1).max(5_000_000) });
export const ImportRow = z.object({
  row: z.number(),
  folio: z.string(),
  ok: z.boolean(),
  /** `billing.import_row.<code>` in the catalogues, with `params`; `message` is it in the caller's language. */
  code: z.string().nullable(),
  params: MessageParams,
  message: z.string().nullable(),
});
export const ImportResult = z.object({ applied: z.number(), rows: z.array(ImportRow) });

export const HourBankQuery = z.object({ month: Period.optional() });
export const HourBank = z.object({
  contractId: Id,
  month: z.string(),
  includedMinutes: z.number(),
  usedMinutes: z.number(),
  leftMinutes: z.number(),
  overageMinutes: z.number(),
  tickets: z.array(
    z.object({
      ticketId: Id,
      folio: z.string(),
      title: z.string(),
      billableMinutes: z.number(),
      lastEntryAt: z.string(),
    }),
  ),
  burnDown: z.array(z.object({ date: z.string(), leftMinutes: z.number() })),
});

export const BillingSettings = z.strictObject({
  /** IVA in basis points: 1600 = 16 %. */
  taxBasisPoints: z.number().int().min(0).max(10_000),
});
export const BillingSettingsBody = BillingSettings.extend({ version: BaseVersion });
export const BillingSettingsRecord = BillingSettings.extend({ version: z.number() });

export const RateList = z.object({ items: z.array(Rate) });
export const InvoiceList = z.object({ items: z.array(Invoice) });
/** `POST /api/invoices/:id/issue`: optionally the draft's version the leader reviewed. */
export const IssueBody = z.strictObject({ version: BaseVersion }).optional();
