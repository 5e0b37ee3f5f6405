/**
 * Filing a ticket, from any channel: who may file it, the contract that covers it, its response
 * deadline, its search text and history, and the folio taken by the write (new-ticket-repository.ts).
 */
import type { Transaction } from "kysely";
import type { z } from "zod";
import type { Channel, TicketCreateBody } from "../../../contract/tickets.js";
import { addBusinessMinutes, localDateOf } from "../../../domain/calendar/index.js";
import type { ServiceKind } from "../../../domain/sla.js";
import { ticketSearchText } from "../../../domain/text.js";
import type { Actor, AppContext } from "../../context.js";
import { isStaff } from "../../platform/authz.js";
import type { DB } from "../../platform/database/schema.js";
import { invalid, notFound } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { staffOnlyCreateFields, ticketFor } from "../clients/client-view.js";
import { intakeRepo } from "../clients/intake-repository.js";
import { type MailIntake, planAutoReply } from "../mail/notify.js";
import { queuedMail } from "../mail/outbox.js";
import {
  businessCalendar,
  categoryEstimate,
  rememberCategoryRow,
  requireCategory,
} from "../settings/settings.js";
import { onUrgentRequestNotice } from "../staff-notifications/index.js";
import { contractCoveringCreate, contractInForce } from "./contract-in-force.js";
import { assertDeadlineInRange } from "./deadline-range.js";
import { folioPlaceholder, writeNewTicket } from "./new-ticket-repository.js";
import { assertMayFile, requireVisible } from "./policy.js";
import { historyRepo, type NewTicketRow, type TicketRow, ticketsRepo } from "./repository.js";
import { phonesOfContact } from "./search-repository.js";
import { toTicket, viewEnv } from "./ticket-view.js";
import { type ContractTargets, responseDue } from "./tickets.js";

type CreateInput = z.output<typeof TicketCreateBody>;

/**
 * Checks who may file this ticket and that its client, contact and category exist; returns the
 * client, the contact's name and address, and the client's contract in force on `localDate` that covers its category.
 */
async function checkCreateAccess(ctx: AppContext, actor: Actor, input: CreateInput, localDate: string) {
  assertMayFile(actor, input.clientId, staffOnlyCreateFields(input));
  const clientMissing = () => notFound("client", { field: "clientId" });
  const contactMissing = () => notFound("contact", { field: "contactId" });
  // The client and the contact in one read; each is checked as when they were read apart.
  const category = input.category ?? null;
  const found = await intakeRepo.read(ctx.db, {
    id: input.clientId,
    contactId: input.contactId ?? null,
    date: localDate,
    category,
  });
  if (!found) throw clientMissing();
  if (category) rememberCategoryRow(ctx, category, found.category);
  const client = { name: found.name };
  let contactName: string | null = null;
  let contactEmail: string | null = null;
  let contactPhones: string | null = null;
  if (input.contactId) {
    if (found.contact_id === null) throw contactMissing();
    if (found.contact_client_id !== input.clientId) {
      if (!isStaff(actor)) throw contactMissing();
      throw invalid("ticket.contact_not_of_client", {}, { field: "contactId" });
    }
    contactName = found.contact_name;
    contactEmail = found.contact_email;
    contactPhones = found.contact_phones;
  }
  if (input.category) await requireCategory(ctx, input.category);
  const { contract, uncoveredBy } = await contractCoveringCreate(
    ctx,
    found,
    input.clientId,
    localDate,
    category,
  );
  // Only a category can be left uncovered (an unclassified request is the póliza's).
  const uncovered =
    category && uncoveredBy.length
      ? { types: uncoveredBy, category: found.category?.name ?? category }
      : null;
  return { client, contactName, contactEmail, contactPhones, contract, uncovered };
}

/** Only staff back-date (a call taken earlier): the history says it, received when, registered when, by whom. */
const backdatedRow = (row: TicketRow, actorId: string, nowIso: string) =>
  historyRepo.row({
    ticketId: row.id,
    at: nowIso,
    actorId,
    action: "backdated",
    changes: { receivedAt: row.received_at, registeredAt: nowIso },
  });

export async function createTicket(ctx: AppContext, actor: Actor, input: CreateInput) {
  // The contract in force on the day the call came in, read with the client (one statement).
  const localDate = localDateOf(await businessCalendar(ctx), receivedMsOf(input, ctx.clock().getTime()));
  const { client, contactName, contactEmail, contactPhones, contract, uncovered } = await checkCreateAccess(
    ctx,
    actor,
    input,
    localDate,
  );
  // A client's channel was checked (portal or e-mail only) by checkCreateAccess.
  const portalAddress = isStaff(actor) ? null : actor.email;
  const intake = {
    actorId: actor.id,
    channel: input.channel,
    portalAddress,
    contactName,
    contactEmail,
    contactPhones,
    contract: { localDate, row: contract, uncovered },
    byClient: !isStaff(actor),
  };
  const row = await insertTicket(ctx, client, input, intake);
  // The answer is built from what this request read and wrote: a new ticket has no assignee, and its
  // client and contact names are the ones just checked (no re-read of the row it inserted).
  const view = { ...row, client_name: client.name, contact_name: contactName, assignee_name: null };
  return ticketFor(actor, toTicket(requireVisible(actor, view), await viewEnv(ctx), actor));
}

/** How a ticket is filed: by whom, on which channel, and for mail, the message it came from. */
export interface Intake {
  actorId: string | null;
  channel: Channel;
  portalAddress?: string | null;
  /** For the search text: the contact's name, when the ticket has one. */
  contactName?: string | null;
  /** For the search text: the contact's phones as already read (contactPhones); undefined: read them. */
  contactPhones?: string | null;
  /** The contact's address as already read (null: none), so the auto-reply need not read it again. */
  contactEmail?: string | null;
  mail?: MailIntake;
  unknownSender?: boolean;
  /** Filed by the client itself (portal, e-mail, its own API call): an urgent one alerts the desk. */
  byClient?: boolean;
  /** More writes that belong to the ticket's creation (the inbound mail's row). */
  within?: (trx: Transaction<DB>, row: TicketRow) => Promise<void>;
  /** The client's contract in force covering the category on a local date, if already read (read again for another date). */
  contract?: {
    localDate: string;
    row: (ContractTargets & { id: string }) | null;
    /** No row: the pólizas in force that do not cover the category (their types and its name). */
    uncovered?: { types: string[]; category: string } | null;
  };
}

/** When the ticket was received: as given (staff back-dating a call) or now. */
const receivedMsOf = (input: CreateInput, nowMs: number) =>
  input.receivedAt ? Date.parse(input.receivedAt) : nowMs;

/** Writes a ticket whose access was checked; returns its row. The intake auto-reply is queued with it. */
export async function insertTicket(
  ctx: AppContext,
  client: { name: string },
  input: CreateInput,
  intake: Intake,
): Promise<TicketRow> {
  const contactName = intake.contactName ?? null;
  const contactPhones =
    intake.contactPhones === undefined
      ? await phonesOfContact(ctx.db, input.contactId ?? null)
      : intake.contactPhones;
  const now = ctx.clock();
  const receivedMs = receivedMsOf(input, now.getTime());
  if (receivedMs > now.getTime() + 60_000) {
    throw invalid("ticket.received_in_future", {}, { field: "receivedAt" });
  }
  const cal = await businessCalendar(ctx);
  // Read with the client unless the clock crossed midnight in between.
  const sameDay = intake.contract?.localDate === localDateOf(cal, receivedMs);
  const contract = sameDay
    ? (intake.contract?.row ?? null)
    : await contractInForce(ctx, cal, input.clientId, receivedMs, input.category ?? null);
  const uncovered = sameDay && !contract ? intake.contract?.uncovered : null;
  const kind: ServiceKind = contract ? "contract" : "event";
  const responseDueAt = await responseDue(ctx, cal, {
    kind,
    urgent: input.urgent,
    contract,
    receivedMs,
  });
  const estimate = input.estimatedSolutionMinutes ?? (await categoryEstimate(ctx, input.category ?? null));
  const nowIso = now.toISOString();
  // The folio's year is the year it is registered, even for a call taken before New Year.
  const year = Number(localDateOf(cal, now.getTime()).slice(0, 4));
  const id = newId();
  // The folio is taken by the write (new-ticket-repository.ts): until then the placeholder stands for it.
  const folio = folioPlaceholder();
  const fields: NewTicketRow = {
    id,
    folio,
    client_id: input.clientId,
    contact_id: input.contactId ?? null,
    title: input.title,
    description: input.description,
    urgent: input.urgent ? 1 : 0,
    channel: intake.channel,
    category: input.category ?? null,
    service_kind: kind,
    contract_id: contract?.id ?? null,
    status: "new",
    assignee_id: null,
    received_at: new Date(receivedMs).toISOString(),
    response_due_at: responseDueAt,
    responded_at: null,
    estimated_solution_minutes: estimate,
    estimated_solution_at: estimate
      ? new Date(
          assertDeadlineInRange(addBusinessMinutes(cal, receivedMs, estimate), "estimatedSolutionMinutes"),
        ).toISOString()
      : null,
    raw_minutes: 0,
    billable_minutes: null,
    billing_status: "pending",
    accepted_at: null,
    accepted_by_name: null,
    accepted_via: null,
    acceptance_override_reason: null,
    unknown_sender: intake.unknownSender ? 1 : 0,
    search_text: ticketSearchText({
      folio,
      title: input.title,
      description: input.description,
      clientName: client.name,
      contactName,
      contactPhones,
    }),
    created_by: intake.actorId,
    created_at: nowIso,
    updated_at: nowIso,
    closed_at: null,
    version: 1,
    escalation_level: 0,
    survey_recorded: 0,
    returned_by: null,
  };
  const row = ticketsRepo.withFacts(fields, cal);
  const history = [
    historyRepo.row({
      ticketId: id,
      at: nowIso,
      actorId: intake.actorId,
      action: "create",
      to: "new",
      changes: {
        serviceKind: kind,
        urgent: input.urgent,
        channel: row.channel,
        responseDueAt,
        // Why a client with pólizas in force was filed per event: none covers the category.
        ...(uncovered && { uncoveredBy: uncovered.types, uncoveredCategory: uncovered.category }),
      },
    }),
  ];
  // Only staff back-date (checked on the way in): a call taken earlier, registered now, by whom.
  if (receivedMs < now.getTime() && intake.actorId) history.push(backdatedRow(row, intake.actorId, nowIso));
  // Its reads happen here, before the write holds the folio counter.
  const reply = await planAutoReply(ctx, row, intake);
  const mail = reply && { ...queuedMail(ctx, reply.mail), limit: reply.limit };
  // A client's urgent request tells the desk with the ticket (only then: the usual create stays one statement).
  const alert = input.urgent && intake.byClient;
  const within = alert
    ? async (trx: Transaction<DB>, written: TicketRow) => {
        await intake.within?.(trx, written);
        await onUrgentRequestNotice(ctx, trx, {
          row: written,
          clientName: client.name,
          actorId: intake.actorId,
          now: nowIso,
        });
      }
    : intake.within;
  return writeNewTicket(ctx, { year, placeholder: folio, row, history, mail, within });
}
