import { z } from "zod";
import { lineFits } from "../domain/billing/money.js";
import { TICKET_STATUSES, TRANSITION_ACTIONS } from "../domain/workflow.js";
import {
  BaseVersion,
  BooleanQuery,
  Cents,
  EstimateMinutes,
  Id,
  Instant,
  Line,
  OptionalLine,
  OptionalText,
  PageLimit,
  SearchText,
  Text,
} from "./common.js";
import { CodedText } from "./notifications.js";

export const TicketStatus = z.enum(TICKET_STATUSES);
export type TicketStatus = z.infer<typeof TicketStatus>;
export const ServiceKind = z.enum(["contract", "event"]);
export type ServiceKind = z.infer<typeof ServiceKind>;
export const Channel = z.enum(["phone", "email", "portal", "walk_in"]);
export type Channel = z.infer<typeof Channel>;
export const AttentionMode = z.enum(["onsite", "office", "remote", "phone"]);
export type AttentionMode = z.infer<typeof AttentionMode>;
export const BillingStatus = z.enum(["pending", "to_invoice", "invoiced", "no_charge"]);
export type BillingStatus = z.infer<typeof BillingStatus>;
export const ChargeKind = z.enum([
  "consumable",
  "spare_part",
  "domain",
  "dns",
  "paid_update",
  "courier",
  "damage_replacement",
  "other",
]);
export type ChargeKind = z.infer<typeof ChargeKind>;
export const MessageKind = z.enum(["message", "call", "note"]);
export type MessageKind = z.infer<typeof MessageKind>;
export const Visibility = z.enum(["client", "internal"]);
export type Visibility = z.infer<typeof Visibility>;
/** The history rows of the recorded work: time and charges added, corrected or removed. */
export const WORK_HISTORY_ACTIONS = [
  "time_entry",
  "time_entry_edited",
  "time_entry_deleted",
  "charge",
  "charge_edited",
  "charge_deleted",
] as const;

/** What a ticket's history row records: the workflow's transitions and the other changes of a ticket. */
export const HistoryAction = z.enum([
  ...TRANSITION_ACTIONS,
  "create",
  "backdated",
  "update",
  ...WORK_HISTORY_ACTIONS,
  "acceptance_voided",
  ...MessageKind.options,
  "escalated",
  "sla_recompute",
  "survey",
  "survey_attempt",
  "link_sender",
  "rate_override",
  /** Staff attached a file (its name, size and visibility in `changes`). */
  "attachment",
]);
export type HistoryAction = z.infer<typeof HistoryAction>;
export const TransitionAction = z.enum(TRANSITION_ACTIONS);
export type TransitionAction = z.infer<typeof TransitionAction>;
export const SlaStateName = z.enum(["ok", "near", "breached", "met"]);
/** Who signed the acceptance: the client in the portal, or in person before the technician. */
export const AcceptedVia = z.enum(["portal", "onsite", "link"]);
export type AcceptedVia = z.infer<typeof AcceptedVia>;

const Category = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "input.category");

export const TicketCreateBody = z.strictObject({
  clientId: Id,
  contactId: Id.nullable().optional(),
  title: Line(200),
  description: OptionalText(20_000),
  urgent: z.boolean(),
  channel: Channel,
  category: Category.nullable().optional(),
  receivedAt: Instant.optional(),
  estimatedSolutionMinutes: EstimateMinutes.nullable().optional(),
});
export type TicketCreateBody = z.input<typeof TicketCreateBody>;

export const TicketPatchBody = z.strictObject({
  title: Line(200).optional(),
  description: OptionalText(20_000).optional(),
  urgent: z.boolean().optional(),
  category: Category.nullable().optional(),
  contactId: Id.nullable().optional(),
  serviceKind: ServiceKind.optional(),
  estimatedSolutionMinutes: EstimateMinutes.nullable().optional(),
  billingStatus: BillingStatus.optional(),
  billableMinutes: z
    .number()
    .int("input.minutes_integer")
    .min(0, "input.minutes_nonnegative")
    .max(1_000_000)
    .optional(),
  reason: OptionalText(2000).optional(),
  version: BaseVersion,
});

export const TransitionBody = z.strictObject({
  action: TransitionAction,
  assigneeId: Id.optional(),
  reason: OptionalText(2000).optional(),
  signerName: OptionalLine(200).optional(),
  billingStatus: BillingStatus.optional(),
  expectedVersion: z.number().int().min(1).optional(),
});

const TimeEntryFields = z.strictObject({
  minutes: z
    .number()
    .int("input.minutes_integer")
    .min(1, "input.minutes_min")
    .max(24 * 60, "input.entry_duration")
    .optional(),
  startedAt: Instant.optional(),
  endedAt: Instant.optional(),
  mode: AttentionMode,
  activity: Text(5000),
  userId: Id.optional(),
});

/** Either minutes or both ends of the span, never both. */
function minutesOrSpan(
  v: { minutes?: number | undefined; startedAt?: string | undefined; endedAt?: string | undefined },
  ctx: z.RefinementCtx,
) {
  const hasRange = v.startedAt !== undefined || v.endedAt !== undefined;
  if (hasRange && v.minutes !== undefined) {
    ctx.addIssue({ code: "custom", message: "input.minutes_and_span", path: ["minutes"] });
  } else if (!hasRange && v.minutes === undefined) {
    ctx.addIssue({ code: "custom", message: "input.minutes_or_span", path: ["minutes"] });
  } else if (hasRange && (v.startedAt === undefined || v.endedAt === undefined)) {
    ctx.addIssue({ code: "custom", message: "input.span_required", path: ["endedAt"] });
  }
}

export const TimeEntryBody = TimeEntryFields.superRefine(minutesOrSpan);

/** The version the editor saw: a correction of an entry changed since gets 409 with the current one. */
const RowVersion = z.number().int().min(1);

/** A correction of a time entry: the whole entry as it should read now (who did it stays). */
export const TimeEntryEditBody = TimeEntryFields.omit({ userId: true })
  .extend({ version: RowVersion })
  .superRefine(minutesOrSpan);

/** `?version=` of a removal: the entry or charge as the remover saw it. */
export const RowVersionQuery = z.strictObject({ version: z.coerce.number().int().min(1) });

export const WorkRowParams = z.strictObject({ id: Id, rowId: Id });

export const TimeEntry = z.object({
  id: Id,
  ticketId: Id,
  userId: Id,
  userName: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  minutes: z.number(),
  mode: AttentionMode,
  activity: z.string(),
  createdAt: z.string(),
  version: z.number(),
});

const ChargeFields = z.strictObject({
  kind: ChargeKind,
  description: Text(1000),
  quantity: z
    .number()
    .int("input.quantity_integer")
    .min(1, "input.quantity_min")
    .max(100_000, "input.quantity_max"),
  unitPriceCents: Cents,
});
// The charge becomes an invoice line: refused here rather than when the ticket's draft is made at close.
const fitsOneLine = (c: { quantity: number; unitPriceCents: number }) =>
  lineFits(c.quantity, c.unitPriceCents);
const TOO_LARGE = { message: "input.amount_too_large", path: ["unitPriceCents"] };
export const ChargeBody = ChargeFields.refine(fitsOneLine, TOO_LARGE);
/** A correction of a charge: the whole charge as it should read now. */
export const ChargeEditBody = ChargeFields.extend({ version: RowVersion }).refine(fitsOneLine, TOO_LARGE);
export const Charge = z.object({
  id: Id,
  ticketId: Id,
  kind: ChargeKind,
  description: z.string(),
  quantity: z.number(),
  unitPriceCents: z.number(),
  amountCents: z.number(),
  createdBy: z.string(),
  createdAt: z.string(),
  version: z.number(),
});

export const MessageBody = z.strictObject({
  body: Text(20_000),
  kind: MessageKind.default("message"),
});
export const Message = z.object({
  id: Id,
  ticketId: Id,
  authorId: z.string().nullable(),
  authorName: z.string().nullable(),
  kind: MessageKind,
  visibility: Visibility,
  body: z.string(),
  createdAt: z.string(),
  /** Written by the client (by e-mail, or a client contact in the portal), not by staff. */
  fromClient: z.boolean(),
  /** The sender's address when the message came by e-mail (its body is the mail's text, never its HTML). */
  emailFrom: z.string().nullable().optional(),
});

export const HistoryEntry = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  reason: z.string().nullable(),
  changes: z.record(z.string(), z.unknown()).nullable(),
});

export const Acceptance = z.object({
  at: z.string(),
  signerName: z.string().nullable(),
  via: AcceptedVia,
});

export const Ticket = z.object({
  id: Id,
  folio: z.string(),
  status: TicketStatus,
  clientId: Id,
  clientName: z.string(),
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  title: z.string(),
  description: z.string(),
  urgent: z.boolean(),
  channel: Channel,
  category: z.string().nullable(),
  serviceKind: ServiceKind,
  contractId: z.string().nullable(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  receivedAt: z.string(),
  responseDueAt: z.string(),
  respondedAt: z.string().nullable(),
  responseBreached: z.boolean(),
  businessMinutesLeft: z.number(),
  slaState: SlaStateName,
  estimatedSolutionMinutes: z.number().nullable(),
  estimatedSolutionAt: z.string().nullable(),
  rawMinutes: z.number(),
  billableMinutes: z.number(),
  billableFrozen: z.boolean(),
  billingStatus: BillingStatus,
  acceptance: Acceptance.nullable(),
  acceptanceOverrideReason: z.string().nullable(),
  unknownSender: z.boolean(),
  /** Back in progress because the senior sent it back (`review`) or the client rejected it (`client`). */
  returnedBy: z.enum(["review", "client"]).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number(),
  availableActions: z.array(TransitionAction),
});
export type Ticket = z.infer<typeof Ticket>;

/**
 * A ticket as a row of a list (`GET /api/tickets?view=summary`): what the web app's queues show and
 * act on, without the description, the timestamps and the ids a row does not need.
 */
export const TicketSummary = Ticket.pick({
  id: true,
  folio: true,
  status: true,
  clientId: true,
  clientName: true,
  contactName: true,
  title: true,
  urgent: true,
  category: true,
  serviceKind: true,
  assigneeId: true,
  assigneeName: true,
  responseDueAt: true,
  respondedAt: true,
  responseBreached: true,
  businessMinutesLeft: true,
  slaState: true,
  rawMinutes: true,
  billableMinutes: true,
  billingStatus: true,
  acceptance: true,
  unknownSender: true,
  returnedBy: true,
  version: true,
  availableActions: true,
});
export type TicketSummary = z.infer<typeof TicketSummary>;

export const TicketDetail = Ticket.extend({
  contactPhone: z.string().nullable(),
  clientAddress: z.string().nullable(),
  history: z.array(HistoryEntry),
  timeEntries: z.array(TimeEntry),
  charges: z.array(Charge),
  messages: z.array(Message),
  chargesTotalCents: z.number(),
  /** For a ticket of an unidentified mail sender (staff only): the address the mail came from. */
  senderEmail: z.string().nullable().optional(),
});
export type TicketDetail = z.infer<typeof TicketDetail>;

export const TicketListQuery = z.object({
  status: z
    .string()
    .max(200)
    .transform((s, ctx) => {
      const parts = s.split(",").filter(Boolean);
      const bad = parts.filter((p) => !(TICKET_STATUSES as readonly string[]).includes(p));
      if (bad.length)
        ctx.addIssue({
          code: "custom",
          message: "input.unknown_status",
          params: { statuses: bad.join(", ") },
        });
      return parts as TicketStatus[];
    })
    .optional(),
  clientId: Id.optional(),
  assigneeId: Id.optional(),
  unassigned: BooleanQuery.optional(),
  urgent: BooleanQuery.optional(),
  breached: BooleanQuery.optional(),
  q: SearchText.optional(),
  limit: PageLimit(200, 50),
  cursor: z.string().max(500).optional(),
  /** `summary`: each ticket as a list row (TicketSummary), for staff; client contacts get their shape. */
  view: z.enum(["full", "summary"]).default("full"),
});
export type TicketListQuery = z.input<typeof TicketListQuery>;

export { SEARCH_WALK_BUDGET } from "./search-budget.js";

/**
 * `partial`: a search the index cannot answer alone (see search-budget.ts) stopped after its
 * SEARCH_WALK_BUDGET tickets without finding more than a page in them; the page may
 * be short (even empty), and `nextCursor` goes on with the tickets after them.
 */
export const PageProgress = z.object({ nextCursor: z.string().nullable(), partial: z.boolean() });
export const TicketList = PageProgress.extend({ items: z.array(Ticket) });
/**
 * A page of rows says so (`view: "summary"`): a full page that some field made invalid is then
 * refused (500) instead of going out as rows, and a caller sees which shape it got.
 */
export const TicketSummaryList = PageProgress.extend({
  view: z.literal("summary"),
  items: z.array(TicketSummary),
});

/** A technician ranked for a ticket, with the reasons as coded texts rendered in the caller's language. */
export const Candidate = z.object({
  user: z.object({ id: z.string(), name: z.string(), skills: z.array(z.string()) }),
  score: z.number(),
  openTickets: z.number(),
  reasons: z.array(CodedText),
  current: z.boolean(),
});
export const CandidateList = z.object({ items: z.array(Candidate) });
