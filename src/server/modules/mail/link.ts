import type { z } from "zod";
import type { LinkSenderBody } from "../../../contract/mail.js";
import type { ServiceKind } from "../../../domain/sla.js";
import type { Actor, AppContext } from "../../context.js";
import { AppError, conflict, invalid, notFound } from "../../platform/errors.js";
import { clientsRepo, contactsRepo } from "../clients/repository.js";
import { businessCalendar } from "../settings/settings.js";
import { contractInForce } from "../tickets/contract-in-force.js";
import { historyRepo, ticketsRepo } from "../tickets/repository.js";
import { getTicketSummary, responseDue } from "../tickets/tickets.js";
import { assertMayLinkSender } from "./policy.js";

/**
 * Reception links a ticket from an unidentified sender to its client (and contact): the flag is
 * cleared, and the service kind and response deadline follow that client's contract, counted from
 * the original receipt. Only while the ticket is new, so no work was done under the wrong client.
 */
export async function linkSender(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  body: z.output<typeof LinkSenderBody>,
) {
  assertMayLinkSender(actor);
  const row = await ticketsRepo.byId(ctx.db, ticketId);
  if (!row) throw notFound("ticket");
  if (row.unknown_sender !== 1 || row.status !== "new")
    throw new AppError("invalid_transition", "mail.link_only_unknown");
  const client = await clientsRepo.byId(ctx.db, body.clientId);
  if (!client) throw notFound("client", { field: "clientId" });
  const contact = body.contactId ? await contactsRepo.byId(ctx.db, body.contactId) : null;
  if (body.contactId && contact?.client_id !== client.id)
    throw invalid("ticket.contact_not_of_client", {}, { field: "contactId" });
  const cal = await businessCalendar(ctx);
  const receivedMs = Date.parse(row.received_at);
  const contract = await contractInForce(ctx, cal, client.id, receivedMs, row.category);
  const kind: ServiceKind = contract ? "contract" : "event";
  const due = await responseDue(ctx, cal, {
    kind,
    urgent: row.urgent === 1,
    contract,
    receivedMs,
  });
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    const patch = {
      client_id: client.id,
      contact_id: contact?.id ?? null,
      unknown_sender: 0,
      service_kind: kind,
      contract_id: contract?.id ?? null,
      response_due_at: due,
      updated_at: now,
    };
    if (!(await ticketsRepo.update(trx, row, patch, async () => cal)))
      throw conflict("ticket.concurrent_edit");
    // Found from now on by its client's and contact's names and phones, not the placeholder's.
    await ticketsRepo.refreshTicket(trx, row.id);
    await historyRepo.add(trx, {
      ticketId: row.id,
      at: now,
      actorId: actor.id,
      action: "link_sender",
      changes: { clientId: client.id, contactId: contact?.id ?? null, serviceKind: kind, responseDueAt: due },
    });
  });
  return getTicketSummary(ctx, actor, row.id);
}
