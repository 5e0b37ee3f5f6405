import type { z } from "zod";
import {
  type PortalMessage,
  type PortalMessageBody,
  type PortalSurveyBody,
  PortalTicket,
  type PortalTicketCreateBody,
  type PortalTicketDetail,
} from "../../../contract/portal.js";
import { CLIENT_STEPS, reasonForClient } from "../../../domain/client-history.js";
import type { AppContext } from "../../context.js";
import { notFound } from "../../platform/errors.js";
import { clientsRepo } from "../clients/repository.js";
import { mailRepo } from "../mail/repository.js";
import { surveysRepo } from "../surveys/repository.js";
import { recordSurvey } from "../surveys/surveys.js";
import { insertTicket } from "../tickets/create-ticket.js";
import { historyRepo, ticketsRepo } from "../tickets/repository.js";
import { toTicket, viewEnv } from "../tickets/ticket-view.js";
import { messageFromClient } from "../work/repository.js";
import { addMessage } from "../work/work.js";
import { toPortalAttachment } from "./attachments.js";
import { type PortalCaller, requireInScope, scopeOf } from "./policy.js";
import { portalRepo } from "./repository.js";

/** The list is a client's own requests: a few hundred at most is plenty for a phone screen. */
const LIST_LIMIT = 200;

export async function listTickets(ctx: AppContext, c: PortalCaller) {
  const [rows, env] = await Promise.all([portalRepo.tickets(ctx.db, scopeOf(c), LIST_LIMIT), viewEnv(ctx)]);
  return { items: rows.map((r) => PortalTicket.parse(toTicket(r, env, c.actor))) };
}

async function surveyState(ctx: AppContext, ticket: { id: string; status: string }) {
  if (ticket.status !== "closed") return "not_yet" as const;
  const survey = await surveysRepo.byTicket(ctx.db, ticket.id);
  if (!survey) return "open" as const;
  return survey.outcome === "answered" ? ("answered" as const) : ("closed_out" as const);
}

const toMessage = (m: Awaited<ReturnType<typeof portalRepo.clientMessages>>[number]): PortalMessage => ({
  id: m.id,
  authorName: m.author_name ?? m.email_from,
  fromClient: messageFromClient(m),
  body: m.body,
  createdAt: m.created_at,
});

export async function getTicket(ctx: AppContext, c: PortalCaller, id: string): Promise<PortalTicketDetail> {
  const row = requireInScope(c, await ticketsRepo.view(ctx.db, id));
  const [env, messages, history, attachments, survey] = await Promise.all([
    viewEnv(ctx),
    portalRepo.clientMessages(ctx.db, id),
    historyRepo.list(ctx.db, id),
    // Files staff keep internal are never listed to the client.
    mailRepo.attachments(ctx.db, id, { clientOnly: true }),
    surveyState(ctx, row),
  ]);
  return {
    ...PortalTicket.parse(toTicket(row, env, c.actor)),
    messages: messages.map(toMessage),
    timeline: history
      .filter((h) => CLIENT_STEPS.has(h.action))
      .map((h) => ({
        at: h.at,
        action: h.action,
        toStatus: h.to_status,
        reason: reasonForClient(h.action, h.reason),
      })),
    attachments: attachments.map(toPortalAttachment),
    survey,
  };
}

/** A request from the portal: channel `portal`, urgent when the system was working and stopped (SPEC §1). */
export async function createTicket(
  ctx: AppContext,
  c: PortalCaller,
  body: z.output<typeof PortalTicketCreateBody>,
): Promise<PortalTicketDetail> {
  const clientId = c.actor.clientId ?? "";
  const client = await clientsRepo.byId(ctx.db, clientId);
  if (!client) throw notFound("client");
  const input = {
    clientId,
    contactId: c.contactId,
    title: body.title,
    description: body.description ?? "",
    urgent: body.wasWorking,
    channel: "portal" as const,
  };
  // The auto-reply (folio, deadlines, opening hours) is queued in the ticket's own transaction.
  const { id } = await insertTicket(ctx, client, input, {
    actorId: c.actor.id,
    channel: "portal",
    portalAddress: c.actor.email,
    contactName: c.actor.name,
    byClient: true,
  });
  return getTicket(ctx, c, id);
}

export async function addTicketMessage(
  ctx: AppContext,
  c: PortalCaller,
  id: string,
  body: z.output<typeof PortalMessageBody>,
): Promise<PortalMessage> {
  requireInScope(c, await ticketsRepo.byId(ctx.db, id));
  const m = await addMessage(ctx, c.actor, id, { body: body.body, kind: "message" });
  return { id: m.id, authorName: c.actor.name, fromClient: true, body: body.body, createdAt: m.createdAt };
}

export async function answerSurvey(
  ctx: AppContext,
  c: PortalCaller,
  id: string,
  body: z.output<typeof PortalSurveyBody>,
) {
  requireInScope(c, await ticketsRepo.byId(ctx.db, id));
  // The shared rule: closed, not yet surveyed; recorded as answered, so it leaves reception's queue.
  await recordSurvey(ctx, c.actor, id, body);
  return getTicket(ctx, c, id);
}
