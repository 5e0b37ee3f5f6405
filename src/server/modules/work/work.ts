import type { z } from "zod";
import type { ChargeBody, MessageBody, TimeEntryBody } from "../../../contract/tickets.js";
import { lineFits } from "../../../domain/billing/money.js";
import type { Actor, AppContext } from "../../context.js";
import { isStaff } from "../../platform/authz.js";
import { AppError, forbidden, invalid, notFound } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { messageFor } from "../clients/client-view.js";
import { queueStaffMessage } from "../mail/notify.js";
import { onClientMessageNotice } from "../staff-notifications/index.js";
import { requireVisible } from "../tickets/policy.js";
import { historyRepo, type TicketRow, ticketsRepo } from "../tickets/repository.js";
import { toCharge } from "../tickets/tickets.js";
import { usersRepo } from "../users/repository.js";
import { requireChargeable, requireChargesFit } from "./charge-rules.js";
import { mayRecordForAnother, mayWriteKind } from "./policy.js";
import { type ChargeRow, type TimeEntryRow, workRepo } from "./repository.js";
import {
  requireWorker,
  retried,
  ticketEntryMinutes,
  touchTicket,
  touchWork,
  WORKING,
} from "./ticket-work.js";

async function entryUser(ctx: AppContext, actor: Actor, userId: string | undefined): Promise<string> {
  if (!userId || userId === actor.id) return actor.id;
  if (!mayRecordForAnother(actor)) throw forbidden("work.on_behalf_senior_only");
  // Time is staff work: a client's portal user (or a deactivated account) cannot be the one who did it.
  const user = await usersRepo.byId(ctx.db, userId);
  if (!user || user.client_id !== null || user.active !== 1 || JSON.parse(user.roles).includes("client"))
    throw notFound("user", { field: "userId" });
  return userId;
}

async function recordTimeEntry(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: z.output<typeof TimeEntryBody>,
) {
  const row = requireVisible(actor, await ticketsRepo.byId(ctx.db, ticketId));
  requireWorker(actor, row);
  if (!WORKING.includes(row.status)) {
    throw new AppError(
      "invalid_transition",
      "work.time_only_working",
      {},
      {
        status: row.status,
      },
    );
  }
  const now = ctx.clock();
  const entry: TimeEntryRow = {
    id: newId(),
    ticket_id: ticketId,
    user_id: await entryUser(ctx, actor, input.userId),
    started_at: input.startedAt ? new Date(input.startedAt).toISOString() : null,
    ended_at: input.endedAt ? new Date(input.endedAt).toISOString() : null,
    minutes: await ticketEntryMinutes(ctx, row, input, now.getTime()),
    mode: input.mode,
    activity: input.activity,
    created_by: actor.id,
    created_at: now.toISOString(),
    version: 1,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await workRepo.addTimeEntry(trx, entry);
    const patch: Partial<TicketRow> = { raw_minutes: row.raw_minutes + entry.minutes };
    // A logged phone call with the client counts as the response (SPEC §4).
    if (entry.mode === "phone" && !row.responded_at) patch.responded_at = entry.created_at;
    await touchWork(ctx, trx, row, patch, actor.id);
    await historyRepo.add(trx, {
      ticketId,
      at: entry.created_at,
      actorId: actor.id,
      action: "time_entry",
      changes: { minutes: entry.minutes, mode: entry.mode, userId: entry.user_id },
    });
  });
  const user = await usersRepo.byId(ctx.db, entry.user_id);
  return {
    id: entry.id,
    ticketId,
    userId: entry.user_id,
    userName: user?.name ?? "",
    startedAt: entry.started_at,
    endedAt: entry.ended_at,
    minutes: entry.minutes,
    mode: input.mode,
    activity: entry.activity,
    createdAt: entry.created_at,
    version: entry.version,
  };
}

async function recordCharge(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: z.output<typeof ChargeBody>,
) {
  const row = requireVisible(actor, await ticketsRepo.byId(ctx.db, ticketId));
  requireChargeable(actor, row);
  // ChargeBody refuses it already; callers that skip the schema (demo data) are held here too.
  if (!lineFits(input.quantity, input.unitPriceCents))
    throw invalid("work.amount_too_large", {}, { field: "unitPriceCents" });
  const amount = input.quantity * input.unitPriceCents;
  const now = ctx.clock().toISOString();
  const charge: ChargeRow = {
    id: newId(),
    ticket_id: ticketId,
    kind: input.kind,
    description: input.description,
    quantity: input.quantity,
    unit_price_cents: input.unitPriceCents,
    amount_cents: amount,
    created_by: actor.id,
    created_at: now,
    version: 1,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await requireChargesFit(trx, ticketId, amount);
    await workRepo.addCharge(trx, charge);
    await touchWork(ctx, trx, row, {}, actor.id);
    await historyRepo.add(trx, {
      ticketId,
      at: now,
      actorId: actor.id,
      action: "charge",
      changes: {
        kind: input.kind,
        quantity: input.quantity,
        unitPriceCents: input.unitPriceCents,
        amountCents: amount,
      },
    });
  });
  return toCharge(charge);
}

async function recordMessage(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  input: z.output<typeof MessageBody>,
) {
  const row = requireVisible(actor, await ticketsRepo.byId(ctx.db, ticketId));
  const staff = isStaff(actor);
  if (!mayWriteKind(actor, input.kind)) throw forbidden("work.messages_only");
  if (["cancelled"].includes(row.status)) throw new AppError("invalid_transition", "ticket.cancelled");
  const now = ctx.clock().toISOString();
  const visibility = input.kind === "note" ? "internal" : "client";
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await workRepo.addMessage(trx, {
      id,
      ticket_id: ticketId,
      author_id: actor.id,
      kind: input.kind,
      visibility,
      body: input.body,
      created_at: now,
      email_from: null,
    });
    // The first reply or call by staff to the client meets the response SLA.
    const responds = staff && visibility === "client" && !row.responded_at;
    await touchTicket(ctx, trx, row, responds ? { responded_at: now } : {});
    // Notes and calls stay inside; a staff message goes to the client by mail, in the same commit.
    if (staff && input.kind === "message")
      await queueStaffMessage(ctx, trx, row, { body: input.body, author: actor.name });
    // A client's message tells its assignee (else reception), in the same commit.
    if (!staff && visibility === "client")
      await onClientMessageNotice(ctx, trx, {
        row,
        by: actor.name,
        body: input.body,
        actorId: actor.id,
        now,
      });
    await historyRepo.add(trx, {
      ticketId,
      at: now,
      actorId: actor.id,
      action: input.kind,
      changes: { visibility },
    });
  });
  return messageFor(actor, {
    id,
    ticketId,
    authorId: actor.id,
    authorName: actor.name,
    kind: input.kind,
    visibility,
    body: input.body,
    createdAt: now,
    fromClient: !staff,
  });
}

export const addTimeEntry = retried(recordTimeEntry);
export const addCharge = retried(recordCharge);
export const addMessage = retried(recordMessage);
