import { z } from "zod";
import { isValidRfc, normalizeRfc } from "../domain/rfc.js";
import {
  BaseVersion,
  Cents,
  DateOnly,
  Email,
  Id,
  Line,
  OptionalText,
  PageLimit,
  Phone,
  SearchText,
} from "./common.js";
import { CategoryCode } from "./settings.js";

export const Rfc = z.string().max(20).transform(normalizeRfc).refine(isValidRfc, "input.rfc");

export const PaymentTerms = z.enum(["cash", "credit"]);
export type PaymentTerms = z.infer<typeof PaymentTerms>;
/** How a contact is reached, one row per address in `contact_channels` (normalised value). */
export const ContactChannelKind = z.enum(["email", "phone"]);
export type ContactChannelKind = z.infer<typeof ContactChannelKind>;

const clientFields = {
  name: Line(200),
  rfc: Rfc.nullable().optional(),
  phone: Phone.nullable().optional(),
  email: Email.nullable().optional(),
  billingAddress: OptionalText(1000).nullable().optional(),
  paymentTerms: PaymentTerms.optional(),
  creditDays: z
    .number()
    .int("input.days_integer")
    .min(1, "input.days_min")
    .max(365, "input.days_max")
    .nullable()
    .optional(),
  creditLimitCents: Cents.nullable().optional(),
  accountTechnicianId: Id.nullable().optional(),
  /**
   * The contact who receives the issued invoices by e-mail: one of this client's contacts, with an
   * e-mail (422 `billing_contact_not_of_client` / `billing_contact_without_email` otherwise); null clears it.
   */
  billingContactId: Id.nullable().optional(),
  notes: OptionalText(5000).nullable().optional(),
  /** Staff confirm an RFC that fails SAT's check digit (answered 422 `rfc_check_digit_mismatch` otherwise). */
  rfcCheckDigitConfirmed: z.boolean().optional(),
};

export const ClientBody = z.strictObject(clientFields);
export type ClientBody = z.input<typeof ClientBody>;
export const ClientPatch = z.strictObject({
  ...clientFields,
  name: Line(200).optional(),
  version: BaseVersion,
});

export const Client = z.object({
  id: Id,
  name: z.string(),
  rfc: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  billingAddress: z.string().nullable(),
  paymentTerms: PaymentTerms,
  creditDays: z.number().nullable(),
  creditLimitCents: z.number().nullable(),
  creditApprovedBy: z.string().nullable(),
  creditApprovedAt: z.string().nullable(),
  accountTechnicianId: z.string().nullable(),
  /** Receives the issued invoices; null: the client's e-mail, else its first contact with one. */
  billingContactId: z.string().nullable(),
  notes: z.string().nullable(),
  /** The RFC fails SAT's check digit (confirmed by staff): listed for review. */
  rfcCheckFailed: z.boolean(),
  rfcConfirmedBy: z.string().nullable(),
  rfcConfirmedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type Client = z.infer<typeof Client>;

/**
 * Clients by name (then id), `limit` at a time; `cursor` is a page's `nextCursor`, to read on past it
 * (400 `bad_cursor` when it is not one).
 */
export const ClientListQuery = z.object({
  q: SearchText.optional(),
  limit: PageLimit(200, 50),
  // It holds the last name read (200 characters, up to 6 bytes each as JSON) and id, in base64.
  cursor: z.string().max(2000).optional(),
});

export const ContactBody = z.strictObject({
  clientId: Id,
  name: Line(200),
  email: Email.nullable().optional(),
  phone: Phone.nullable().optional(),
  emails: z.array(Email).max(10).optional(),
  phones: z.array(Phone).max(10).optional(),
  position: OptionalText(200).nullable().optional(),
  /** Sees all of its company's tickets in the client portal (Recepción, líder, Ventas set it). */
  portalAdmin: z.boolean().optional(),
});
export type ContactBody = z.input<typeof ContactBody>;
export const ContactPatch = ContactBody.omit({ clientId: true }).partial().extend({ version: BaseVersion });

export const Contact = z.object({
  id: Id,
  clientId: Id,
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  position: z.string().nullable(),
  portalAdmin: z.boolean(),
  createdAt: z.string(),
  version: z.number(),
});
export type Contact = z.infer<typeof Contact>;

export const ContactListQuery = z.object({
  clientId: Id.optional(),
  email: z.string().max(254).optional(),
  phone: z.string().max(40).optional(),
  q: SearchText.optional(),
  limit: PageLimit(200, 50),
});

/** One hit of the reception's caller lookup (phone, e-mail, name or RFC as you type). */
export const CallerMatch = z.object({
  client: Client,
  contact: Contact.nullable(),
  matchedOn: z.enum(["phone", "email", "name", "rfc", "contact_name"]),
  activeContract: z.boolean(),
  /** The types of the client's contracts in force (e.g. ["SH"]), so reception sees which póliza it has. */
  activeContractTypes: z.array(z.string()),
});
export const CallerLookupQuery = z.object({ q: SearchText.pipe(z.string().trim().min(1)) });

export const SlaOverride = z
  .number()
  .int("input.minutes_integer")
  .min(1, "input.minutes_min")
  .max(60 * 24 * 30)
  .nullable()
  .optional();

const contractFields = {
  clientId: Id,
  type: z.string().trim().min(1).max(10),
  startsOn: DateOnly,
  endsOn: DateOnly.nullable().optional(),
  monthlyFeeCents: Cents,
  includedMinutesPerMonth: z
    .number()
    .int("input.minutes_integer")
    .min(0, "input.minutes_nonnegative")
    .max(1_000_000)
    .nullable()
    .optional(),
  overageRateCents: Cents.nullable().optional(),
  slaNormalMinutes: SlaOverride,
  slaUrgentMinutes: SlaOverride,
  notes: OptionalText(5000).nullable().optional(),
};
export const ContractBody = z.strictObject(contractFields);
export type ContractBody = z.input<typeof ContractBody>;
export const ContractPatch = z.strictObject({
  ...contractFields,
  clientId: Id.optional(),
  type: contractFields.type.optional(),
  startsOn: DateOnly.optional(),
  monthlyFeeCents: Cents.optional(),
  cancelled: z.boolean().optional(),
  version: BaseVersion,
});

export const Contract = z.object({
  id: Id,
  clientId: Id,
  /** The client's name: a list of many clients' contracts shows it without reading every client. */
  clientName: z.string(),
  type: z.string(),
  typeName: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  monthlyFeeCents: z.number(),
  includedMinutesPerMonth: z.number().nullable(),
  overageRateCents: z.number().nullable(),
  slaNormalMinutes: z.number().nullable(),
  slaUrgentMinutes: z.number().nullable(),
  notes: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type Contract = z.infer<typeof Contract>;

/**
 * Which ticket categories a contract type covers (src/domain/contract-coverage.ts): "all" («Todas las
 * categorías», the default) or a list of category codes. A request of another category is `event`.
 */
export const ContractTypeCoverage = z.union([z.literal("all"), z.array(z.string())]);
export const ContractType = z.object({
  code: z.string(),
  name: z.string(),
  active: z.boolean(),
  coverage: ContractTypeCoverage,
  version: z.number(),
});
export type ContractType = z.infer<typeof ContractType>;
/** A type's coverage, as the admin sets it: every category, or at least one known category code. */
export const ContractTypeCoverageBody = z.strictObject({
  coverage: z.union([z.literal("all"), z.array(CategoryCode).min(1, "input.coverage_min").max(200)]),
  version: BaseVersion,
});
export const ContractTypeParams = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{1,10}$/),
});
export const ContractTypeBody = z.strictObject({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{1,10}$/),
  name: Line(200),
  active: z.boolean().default(true),
});

export const ContractListQuery = z.object({ clientId: Id.optional() });
