import type { z } from "zod";
import type { ChargeBody, MessageBody, TimeEntryBody } from "../../../contract/tickets.js";
import { lineFits, MAX_AMOUNT_CENTS, subtotalFits } from "../../../domain/billing/money.js";
import type { Actor, AppContext } from "../../context.js";
import { isStaff } from "../../platform/authz.js";
import { AppError, conflict, forbidden, invalid, notFound } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { messageFor } from "../clients/client-view.js";
import { queueStaffMessage } from "../mail/notify.js";
import { businessCalendar } from "../settings/settings.js";
import { onClientMessageNotice } from "../staff-notifications/index.js";
import { requireVisible } from "../tickets/policy.js";
import { historyRepo, type TicketRow, ticketsRepo } from "../tickets/repository.js";
import { toCharge } from "../tickets/tickets.js";
import { usersRepo } from "../users/repository.js";
import { mayChargeAnyTicket, mayRecordForAnother, mayWorkOn, mayWriteKind } from "./policy.js";
import { type ChargeRow, type TimeEntryRow, workRepo } from "./repository.js";

const WORKING = ["in_progress", "attended"];

function requireWorker(actor: Actor, row: TicketRow): void {
  if (!mayWorkOn(actor, row)) throw forbidden("work.worker_only");
}

function entryMinutes(input: z.output<typeof TimeEntryBody>, nowMs: number): number {
  if (input.minutes !== undefined) return input.minutes;
  // TimeEntryBody refuses a body with neither minutes nor both ends; this guard only tells the type so.
  if (input.startedAt === undefined || input.endedAt === undefined)
    throw invalid("work.minutes_or_range", {}, { field: "minutes" });
  const start = Date.parse(input.startedAt);
  const end = Date.parse(input.endedAt);
  if (end <= start) throw invalid("work.end_before_start", {}, { field: "endedAt" });
  if (end > nowMs + 60_000) throw invalid("work.end_in_future", {}, { field: "endedAt" });
  const minutes = Math.round((end - start) / 60_000);
  if (minutes < 1 || minutes > 24 * 60) throw invalid("work.duration_range", {}, { field: "endedAt" });
  return minutes;
}

async function entryUser(ctx: AppContext, actor: Actor, userId: string | undefined): Promise<string> {
  if (!userId || userId === actor.id) return actor.id;
  if (!mayRecordForAnother(actor)) throw forbidden("work.on_behalf_senior_only");
  // Time is staff work: a client's portal user (or a deactivated account) cannot be the one who did it.
  const user = await usersRepo.byId(ctx.db, userId);
  if (!user || user.client_id !== null || user.active !== 1 || JSON.parse(user.roles).includes("client"))
    throw notFound("user", { field: "userId" });
  return userId;
}

/** The ticket changed between this create's read of it and its write: the create is run again. */
class TicketMoved extends Error {}
const STALE_RETRIES = 8;

/**
 * Time entries, charges and messages carry no version: the caller adds to the ticket, not edits a
 * state they saw. Two added at once (two technicians logging time) must both land, so a create that
 * found the ticket moved reads it again and retries; only a ticket that keeps moving ends in a 409.
 */
async function onFreshTicket<T>(create: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await create();
    } catch (err) {
      if (!(err instanceof TicketMoved)) throw err;
      if (attempt >= STALE_RETRIES) throw conflict("ticket.concurrent_edit");
      // A short random pause spreads the ones that lost this round, so the next is not a tie again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
    }
  }
}

/** Bumps the ticket's version with its change, so concurrent changes are detected. */
async function touchTicket(
  ctx: AppContext,
  trx: AppContext["db"],
  row: TicketRow,
  patch: Partial<TicketRow>,
) {
  if (
    !(await ticketsRepo.update(trx, row, { ...patch, updated_at: ctx.clock().toISOString() }, (db) =>
      businessCalendar({ ...ctx, db }),
    ))
  ) {
    throw new TicketMoved();
  }
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
    minutes: entryMinutes(input, now.getTime()),
    mode: input.mode,
    activity: input.activity,
    created_by: actor.id,
    created_at: now.toISOString(),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await workRepo.addTimeEntry(trx, entry);
    const patch: Partial<TicketRow> = { raw_minutes: row.raw_minutes + entry.minutes };
    // A logged phone call with the client counts as the response (SPEC §4).
    if (entry.mode === "phone" && !row.responded_at) patch.responded_at = entry.created_at;
    await touchTicket(ctx, trx, row, patch);
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
  };
}

function requireChargeable(actor: Actor, row: TicketRow): void {
  if (!mayChargeAnyTicket(actor)) requireWorker(actor, row);
  if (["closed", "cancelled"].includes(row.status)) {
    throw new AppError("invalid_transition", "work.charge_on_closed", {}, { status: row.status });
  }
}

/**
 * A charge becomes a line of the ticket's invoice (its event draft, or its share of the contract's
 * run): the ticket's charges together must fit in one. Read in the charge's transaction, after the
 * ticket row: a charge added since bumped the ticket's version, so this one is run again and sees it.
 */
async function requireChargesFit(trx: AppContext["db"], ticketId: string, amountCents: number) {
  const total = await workRepo.chargesTotalCents(trx, ticketId);
  if (subtotalFits([total, amountCents])) return;
  throw conflict(
    "billing.charges_over_limit",
    {},
    { field: "unitPriceCents", chargesTotalCents: total, maxCents: MAX_AMOUNT_CENTS },
  );
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
  };
  await ctx.db.transaction().execute(async (trx) => {
    await requireChargesFit(trx, ticketId, amount);
    await workRepo.addCharge(trx, charge);
    await touchTicket(ctx, trx, row, {});
    await historyRepo.add(trx, {
      ticketId,
      at: now,
      actorId: actor.id,
      action: "charge",
      changes: { kind: input.kind, amountCents: amount },
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

const retried =
  <A extends unknown[], R>(create: (...args: A) => Promise<R>) =>
  (...args: A): Promise<R> =>
    onFreshTicket(() => create(...args));

export const addTimeEntry = retried(recordTimeEntry);
export const addCharge = retried(recordCharge);
export const addMessage = retried(recordMessage);
