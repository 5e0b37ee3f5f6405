import { IdParams } from "../../../contract/common.js";
import { SurveyLinkSent } from "../../../contract/surveys.js";
import type { Actor, AppContext } from "../../context.js";
import { AppError, conflict, notFound } from "../../platform/errors.js";
import { actorOf } from "../../platform/http/auth-hook.js";
import { featureRoutes, type Routes } from "../../platform/http/route-groups.js";
import { surveysRepo } from "../surveys/repository.js";
import { ticketsRepo } from "../tickets/repository.js";
import { sendLink } from "./auth.js";
import { assertMaySendSurveyLink, isContactAccount } from "./policy.js";
import { portalRepo } from "./repository.js";

/**
 * Reception sends the satisfaction survey by mail (SPEC §1: "optionally by a link sent by e-mail"):
 * a single-use link that signs the contact in to the portal on that ticket's survey. The answer is
 * recorded by the shared survey rule, so the ticket leaves reception's survey queue as done.
 */
export async function sendSurveyLink(ctx: AppContext, actor: Actor, ticketId: string) {
  assertMaySendSurveyLink(actor);
  const ticket = await ticketsRepo.byId(ctx.db, ticketId);
  if (!ticket) throw notFound("ticket");
  if (ticket.status !== "closed") throw new AppError("invalid_transition", "portal.survey_ticket_not_closed");
  if (await surveysRepo.byTicket(ctx.db, ticketId)) throw conflict("survey.exists");
  const account = ticket.contact_id
    ? await portalRepo.accountOfContact(ctx.db, ticket.contact_id)
    : undefined;
  if (!account || !isContactAccount(account))
    throw new AppError("precondition_failed", "portal.contact_without_account", {}, { field: "contactId" });
  await sendLink(ctx, account, "survey", {
    nextPath: `/portal/tickets/${ticket.id}#encuesta`,
    folio: ticket.folio,
    ticketId: ticket.id,
  });
  return { sentTo: account.email };
}

/** Staff-side calls of the portal feature, under the staff authentication (`/api/tickets/:id`). */
export const portalStaffRoutes = featureRoutes({ "/tickets/:id": surveyLinkGroup });

function surveyLinkGroup(r: Routes, ctx: AppContext): void {
  r.post("/survey-link", {
    schema: { tags: ["surveys"], params: IdParams, response: { 202: SurveyLinkSent } },
    handler: async (req, reply) =>
      reply.code(202).send(await sendSurveyLink(ctx, actorOf(req), req.params.id)),
  });
}
