import { z } from "zod";
import { Client, Contact, Contract } from "./clients.js";
import { Survey, SurveyAttempt } from "./surveys.js";
import {
  HistoryEntry,
  Message,
  PageProgress,
  Ticket,
  TicketDetail,
  TicketList,
  TicketSummaryList,
  TimeEntry,
} from "./tickets.js";

// What a client contact (role `client`) reads. Each shape is an explicit allow-list (`pick`): the
// server serializes client answers through these, so a field added to the staff shapes stays
// internal until it is added here on purpose (SPEC §9: client-facing shapes only, no staff fields).

/** A ticket as its client sees it: no billing bookkeeping, internal user ids or override reasons. */
export const TicketForClient = Ticket.pick({
  id: true,
  folio: true,
  status: true,
  clientId: true,
  clientName: true,
  contactId: true,
  contactName: true,
  title: true,
  description: true,
  urgent: true,
  channel: true,
  category: true,
  serviceKind: true,
  contractId: true,
  assigneeName: true,
  receivedAt: true,
  responseDueAt: true,
  respondedAt: true,
  responseBreached: true,
  businessMinutesLeft: true,
  slaState: true,
  estimatedSolutionAt: true,
  acceptance: true,
  createdAt: true,
  updatedAt: true,
  closedAt: true,
  version: true,
  availableActions: true,
});
export type TicketForClient = z.infer<typeof TicketForClient>;

/** A status step of the ticket; `reason` only where it was addressed to or written by the client. */
export const HistoryEntryForClient = HistoryEntry.pick({
  id: true,
  at: true,
  actorName: true,
  action: true,
  fromStatus: true,
  toStatus: true,
  reason: true,
});

/** The service order's activities and times, which the client accepts (SPEC §3.4). */
export const TimeEntryForClient = TimeEntry.pick({
  id: true,
  ticketId: true,
  userName: true,
  startedAt: true,
  endedAt: true,
  minutes: true,
  mode: true,
  activity: true,
  createdAt: true,
});

export const MessageForClient = Message.pick({
  id: true,
  ticketId: true,
  authorName: true,
  kind: true,
  body: true,
  createdAt: true,
});
export type MessageForClient = z.infer<typeof MessageForClient>;

export const TicketDetailForClient = TicketForClient.extend({
  history: z.array(HistoryEntryForClient),
  timeEntries: z.array(TimeEntryForClient),
  messages: z.array(MessageForClient),
});
export type TicketDetailForClient = z.infer<typeof TicketDetailForClient>;

export const TicketListForClient = PageProgress.extend({ items: z.array(TicketForClient) });

/** The client's own company: no credit limit or approval, account technician or staff notes. */
export const ClientForClient = Client.pick({
  id: true,
  name: true,
  rfc: true,
  phone: true,
  email: true,
  billingAddress: true,
  paymentTerms: true,
  creditDays: true,
});
export type ClientForClient = z.infer<typeof ClientForClient>;

export const ContactForClient = Contact.pick({
  id: true,
  clientId: true,
  name: true,
  email: true,
  phone: true,
  emails: true,
  phones: true,
  position: true,
});
export type ContactForClient = z.infer<typeof ContactForClient>;

/** The terms the client signed; the desk's notes on the contract stay internal. */
export const ContractForClient = Contract.pick({
  id: true,
  clientId: true,
  type: true,
  typeName: true,
  startsOn: true,
  endsOn: true,
  monthlyFeeCents: true,
  includedMinutesPerMonth: true,
  overageRateCents: true,
  slaNormalMinutes: true,
  slaUrgentMinutes: true,
  cancelledAt: true,
});
export type ContractForClient = z.infer<typeof ContractForClient>;

/** The client's own survey answers; who at the desk recorded them and the desk's call notes stay internal. */
export const SurveyForClient = Survey.pick({
  id: true,
  ticketId: true,
  outcome: true,
  overall: true,
  technician: true,
  timeliness: true,
  comments: true,
  recordedAt: true,
});
export const SurveyReadForClient = z.object({
  survey: SurveyForClient.nullable(),
  attempts: z.array(SurveyAttempt.pick({ at: true })),
});

// Answers of routes that serve staff and client contacts alike: the full shape for staff, the
// client-facing one for a client contact (documented in OpenAPI as anyOf).
export const TicketAnswer = z.union([Ticket, TicketForClient]);
export const TicketDetailAnswer = z.union([TicketDetail, TicketDetailForClient]);
// A page of rows carries `view: "summary"`, which the others lack, and its rows lack what TicketList
// requires; a client's ticket lacks what a row requires (assigneeId, rawMinutes…): each answer
// matches one option.
export const TicketListAnswer = z.union([TicketList, TicketSummaryList, TicketListForClient]);
export const MessageAnswer = z.union([Message, MessageForClient]);
export const ClientAnswer = z.union([Client, ClientForClient]);
/** A page of clients; `nextCursor` reads the next one (null: this was the last). */
export const ClientListAnswer = z.object({ items: z.array(ClientAnswer), nextCursor: z.string().nullable() });
export const ContactAnswer = z.union([Contact, ContactForClient]);
export const ContractAnswer = z.union([Contract, ContractForClient]);
export const SurveyAnswer = z.union([Survey, SurveyForClient]);
export const SurveyReadAnswer = z.union([
  z.object({ survey: Survey.nullable(), attempts: z.array(SurveyAttempt) }),
  SurveyReadForClient,
]);
