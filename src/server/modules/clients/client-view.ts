import type { z } from "zod";
import {
  ClientForClient,
  ContactForClient,
  ContractForClient,
  MessageForClient,
  SurveyForClient,
  SurveyReadForClient,
  TicketDetailForClient,
  TicketForClient,
} from "../../../contract/client-facing.js";
import type { Client, Contact, Contract } from "../../../contract/clients.js";
import type { Survey, SurveyAttempt } from "../../../contract/surveys.js";
import type { Message, Ticket, TicketCreateBody, TicketDetail } from "../../../contract/tickets.js";
import { CLIENT_HISTORY, reasonForClient } from "../../../domain/client-history.js";
import type { Actor } from "../../context.js";
import { isStaff } from "../../platform/authz.js";

/** A client's request arrives through the portal or by e-mail, and is received when it arrives. */
const CLIENT_CHANNELS: readonly string[] = ["portal", "email"];

/** The fields of a new ticket that only the desk may set (checked with refuseStaffOnlyFields). */
export function staffOnlyCreateFields(input: TicketCreateBody): string[] {
  const named: string[] = [];
  if (input.receivedAt !== undefined) named.push("receivedAt");
  if (input.estimatedSolutionMinutes !== undefined) named.push("estimatedSolutionMinutes");
  if (!CLIENT_CHANNELS.includes(input.channel)) named.push("channel");
  return named;
}

// Staff get the full records; a client contact gets them through the client-facing shapes of
// src/contract/client-facing.ts, whose zod objects keep only the keys they list.

export function ticketFor(actor: Actor, t: Ticket): Ticket | TicketForClient {
  return isStaff(actor) ? t : TicketForClient.parse(t);
}

export function ticketDetailFor(actor: Actor, d: TicketDetail): TicketDetail | TicketDetailForClient {
  if (isStaff(actor)) return d;
  const history = d.history
    .filter((h) => CLIENT_HISTORY.has(h.action))
    .map((h) => ({ ...h, reason: reasonForClient(h.action, h.reason) }));
  return TicketDetailForClient.parse({ ...d, history });
}

export function messageFor(actor: Actor, m: z.infer<typeof Message>) {
  return isStaff(actor) ? m : MessageForClient.parse(m);
}

export function clientFor(actor: Actor, c: Client): Client | ClientForClient {
  return isStaff(actor) ? c : ClientForClient.parse(c);
}

export function contactFor(actor: Actor, c: Contact): Contact | ContactForClient {
  return isStaff(actor) ? c : ContactForClient.parse(c);
}

export function contractFor(actor: Actor, c: Contract): Contract | ContractForClient {
  return isStaff(actor) ? c : ContractForClient.parse(c);
}

export function surveyFor(actor: Actor, s: z.infer<typeof Survey>) {
  return isStaff(actor) ? s : SurveyForClient.parse(s);
}

export function surveyReadFor(
  actor: Actor,
  r: { survey: z.infer<typeof Survey> | null; attempts: z.infer<typeof SurveyAttempt>[] },
) {
  return isStaff(actor) ? r : SurveyReadForClient.parse(r);
}
