import type { z } from "zod";
import type { LinkDecisionBody } from "../../../contract/service-orders.js";
import type { AppContext } from "../../context.js";
import { AppError, orNotFound } from "../../platform/errors.js";
import { ticketsRepo } from "../tickets/repository.js";
import { acceptServiceOrder, linkUsed } from "./decide.js";
import { loadServiceOrder } from "./order.js";
import { serviceOrdersRepo } from "./repository.js";
import { linkSignatureOk, parseLink } from "./token.js";

const linkInvalid = () => new AppError("link_invalid", "service_order.link_invalid");
const linkExpired = () => new AppError("link_expired", "service_order.link_expired");

/** A mailed link that Mesa signed, still unused and unexpired, for a ticket still awaiting an answer. */
async function openLink(ctx: AppContext, token: string) {
  const parsed = parseLink(token);
  if (!parsed) throw linkInvalid();
  const link = await serviceOrdersRepo.link(ctx.db, parsed.id);
  // An unknown id answers like a forged signature: a guesser learns nothing.
  if (!link || !(await linkSignatureOk(ctx, parsed, link.ticket_id))) throw linkInvalid();
  if (link.used_at) throw linkUsed();
  if (link.expires_at <= ctx.clock().toISOString()) throw linkExpired();
  const ticket = await ticketsRepo.byId(ctx.db, link.ticket_id);
  if (ticket?.status !== "attended" || ticket.accepted_at) throw linkUsed();
  return link;
}

export async function serviceOrderByLink(ctx: AppContext, token: string) {
  const link = await openLink(ctx, token);
  const order = await loadServiceOrder(ctx, link.ticket_id);
  if (!order) throw linkInvalid();
  return { order, expiresAt: link.expires_at };
}

/** Accept or reject through the link: the link is used up in the decision's transaction. */
export async function decideByLink(
  ctx: AppContext,
  body: z.output<typeof LinkDecisionBody>,
  client: { ip: string; userAgent: string | undefined },
) {
  try {
    const link = await openLink(ctx, body.token);
    await acceptServiceOrder(ctx, {
      ticketId: link.ticket_id,
      decision: body.decision,
      method: "link",
      signerName: body.name,
      reason: body.reason ?? null,
      ip: client.ip,
      userAgent: client.userAgent ?? null,
      actorId: null,
      linkId: link.id,
    });
    return orNotFound(await loadServiceOrder(ctx, link.ticket_id), "service_order");
  } catch (err) {
    const repeated =
      err instanceof AppError && err.code === "link_used" && (await sameAnswerAgain(ctx, body));
    if (repeated) return repeated;
    throw err;
  }
}

/** How long after a link's answer the same answer again is taken as its repeat (a retry, a double click). */
const REPEAT_WINDOW_MS = 10 * 60_000;

/**
 * The order, when the link's answer is the one this link recorded moments ago, by the same name (and
 * for a rejection, the same reason): a second click or a retry after a lost response gets what the
 * first got, not «link already used, nothing changed», which would tell a client who did accept that
 * nothing happened. Anything else on a used link is still refused: the other decision, another name
 * or reason, a decision made elsewhere (portal, on site), or the same answer long after (a used link
 * does not read the order forever).
 */
async function sameAnswerAgain(ctx: AppContext, body: z.output<typeof LinkDecisionBody>) {
  const parsed = parseLink(body.token);
  if (!parsed) return null;
  const link = await serviceOrdersRepo.link(ctx.db, parsed.id);
  if (!link?.used_at || !(await linkSignatureOk(ctx, parsed, link.ticket_id))) return null;
  if (ctx.clock().getTime() - Date.parse(link.used_at) > REPEAT_WINDOW_MS) return null;
  const order = await loadServiceOrder(ctx, link.ticket_id);
  const d = order?.decision;
  if (d?.method !== "link" || d.at !== link.used_at) return null;
  const same = (a: string | null | undefined, b: string | null | undefined) =>
    (a ?? "").trim().toLowerCase() === (b ?? "").trim().toLowerCase();
  const asked = body.decision === "accept" ? "accepted" : "rejected";
  const sameReason = body.decision === "accept" || same(d.reason, body.reason);
  return d.decision === asked && same(d.signerName, body.name) && sameReason ? order : null;
}
