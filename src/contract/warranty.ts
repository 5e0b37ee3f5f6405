import { z } from "zod";
import { LOANER_STATES, WARRANTY_STATUSES } from "../domain/loans.js";
import { BaseVersion, Cents, DateOnly, Id, Line, OptionalText } from "./common.js";

export const WarrantyStatus = z.enum(WARRANTY_STATUSES);
export const LoanerState = z.enum(LOANER_STATES);

const caseFields = {
  manufacturer: Line(200),
  model: Line(200),
  serial: Line(100),
  rmaNumber: OptionalText(100).nullable().optional(),
  sentOn: DateOnly.nullable().optional(),
  returnedOn: DateOnly.nullable().optional(),
  status: WarrantyStatus.optional(),
  notes: OptionalText(5000).nullable().optional(),
};
/** A manufacturer warranty claim handled for the client on a ticket (one per ticket). */
export const WarrantyCaseBody = z.strictObject(caseFields);
export const WarrantyCasePatch = z.strictObject({
  ...caseFields,
  manufacturer: caseFields.manufacturer.optional(),
  model: caseFields.model.optional(),
  serial: caseFields.serial.optional(),
  version: BaseVersion,
});

export const WarrantyCase = z.object({
  id: Id,
  ticketId: Id,
  manufacturer: z.string(),
  model: z.string(),
  serial: z.string(),
  rmaNumber: z.string().nullable(),
  sentOn: z.string().nullable(),
  returnedOn: z.string().nullable(),
  status: WarrantyStatus,
  notes: z.string().nullable(),
  /** Sent to the manufacturer (whatever it answered): an event ticket carries the execution fee. */
  handled: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export type WarrantyCase = z.infer<typeof WarrantyCase>;

/** A ticket's warranty section: the case (if any) and whether handling it is charged (events only). */
export const TicketWarranty = z.object({
  warrantyCase: WarrantyCase.nullable(),
  chargeable: z.boolean(),
  executionFeeCents: z.number(),
});
export type TicketWarranty = z.infer<typeof TicketWarranty>;

export const LoanerBody = z.strictObject({
  equipment: Line(200),
  serial: Line(100),
  notes: OptionalText(2000).nullable().optional(),
});
export const LoanerPatch = z.strictObject({
  equipment: Line(200).optional(),
  serial: Line(100).optional(),
  notes: OptionalText(2000).nullable().optional(),
  /** `lent` is set only by lending; a lent loaner comes back through its return. */
  state: z.enum(["available", "repair", "retired"]).optional(),
  version: BaseVersion,
});

export const Loan = z.object({
  id: Id,
  loanerId: Id,
  equipment: z.string(),
  serial: z.string(),
  ticketId: Id,
  folio: z.string(),
  clientId: Id,
  clientName: z.string(),
  dueOn: z.string(),
  lentBy: z.string().nullable(),
  lentByName: z.string().nullable(),
  lentAt: z.string(),
  returnedAt: z.string().nullable(),
  returnedBy: z.string().nullable(),
  returnNotes: z.string().nullable(),
  overdue: z.boolean(),
});
export type Loan = z.infer<typeof Loan>;

export const Loaner = z.object({
  id: Id,
  equipment: z.string(),
  serial: z.string(),
  state: LoanerState,
  notes: z.string().nullable(),
  currentLoan: Loan.nullable(),
  createdAt: z.string(),
  version: z.number(),
});
export type Loaner = z.infer<typeof Loaner>;

/** Lend to the client of a contract ticket until `dueOn` (a local date, today or later). */
export const LendBody = z.strictObject({ ticketId: Id, dueOn: DateOnly });
export const ReturnBody = z.strictObject({
  notes: OptionalText(2000).nullable().optional(),
  /** How it came back: ready to lend again (default) or to repair. */
  state: z.enum(["available", "repair"]).optional(),
});

export const WarrantySettings = z.strictObject({ warrantyExecutionFeeCents: Cents });
export type WarrantySettings = z.infer<typeof WarrantySettings>;
export const WarrantySettingsBody = WarrantySettings.extend({ version: BaseVersion });
export const WarrantySettingsRecord = WarrantySettings.extend({ version: z.number() });

export const LoanList = z.object({ items: z.array(Loan) });
export const LoanerList = z.object({ items: z.array(Loaner) });
