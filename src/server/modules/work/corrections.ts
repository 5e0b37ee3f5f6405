/**
 * Corrections of recorded work: a time entry or a charge rewritten or removed. A senior who sends a
 * ticket back ("faltan 30 minutos de traslado", "el cable era de 5 m") needs the technician to fix
 * what was typed, not to add a negative entry. Each correction moves the ticket's minutes with it,
 * bumps the ticket's version (its summaries follow), and leaves a history line saying what it was.
 * Both stop at the review, which freezes what the ticket bills; after the client's acceptance they
 * void it (ticket-work.ts touchWork). A phone entry corrected or removed
 * leaves the ticket's response instant as it was: the call it recorded did happen when it said.
 * Rows carry their own version: of two people correcting the same entry, the second gets 409.
 */
import type { z } from "zod";
import type { ChargeEditBody, TimeEntryEditBody } from "../../../contract/tickets.js";
import type { Actor, AppContext } from "../../context.js";
import { AppError, forbidden, notFound } from "../../platform/errors.js";
import { staleEdit } from "../../platform/http/versions.js";
import { requireVisible } from "../tickets/policy.js";
import { historyRepo, type TicketRow, ticketsRepo } from "../tickets/repository.js";
import { toCharge, toTimeEntry } from "../tickets/tickets.js";
import { requireChargeable, requireChargesFit } from "./charge-rules.js";
import { mayCorrectEntry } from "./policy.js";
import { workRepo } from "./repository.js";
import { requireWorker, retried, ticketEntryMinutes, touchWork, WORKING } from "./ticket-work.js";

type Trx = AppContext["db"];
/** Statuses in which a ticket's charges are billed or being billed, no longer corrected. */
const FROZEN = ["reviewed", "closed", "cancelled"];

/** The ticket, if the actor works it and its time is still open to correction (not yet reviewed). */
async function ticketWithOpenTime(ctx: AppContext, actor: Actor, ticketId: string): Promise<TicketRow> {
  const row = requireVisible(actor, await ticketsRepo.byId(ctx.db, ticketId));
  requireWorker(actor, row);
  if (!WORKING.includes(row.status))
    throw new AppError("invalid_transition", "work.time_fixed", {}, { status: row.status });
  return row;
}

async function correctableEntry(ctx: AppContext, actor: Actor, ticketId: string, entryId: string) {
  const entry = await workRepo.timeEntry(ctx.db, ticketId, entryId);
  if (!entry) throw notFound("time_entry");
  if (!mayCorrectEntry(actor, entry)) throw forbidden("work.correct_own_only");
  return entry;
}

/** 409 with the entry as it is now (or 404 when it was removed in the meantime). */
async function staleEntry(db: Trx, ticketId: string, entryId: string) {
  const now = await workRepo.timeEntry(db, ticketId, entryId);
  return now ? staleEdit("time_entry", toTimeEntry(now)) : notFound("time_entry");
}

/** The ticket's side of a correction, in its transaction: the version bump (and minutes) and the history line. */
async function recordOnTicket(
  ctx: AppContext,
  trx: Trx,
  actor: Actor,
  row: TicketRow,
  patch: Partial<TicketRow>,
  line: {
    action: "time_entry_edited" | "time_entry_deleted" | "charge_edited" | "charge_deleted";
    changes: object;
  },
) {
  await touchWork(ctx, trx, row, patch, actor.id);
  await historyRepo.add(trx, {
    ticketId: row.id,
    at: ctx.clock().toISOString(),
    actorId: actor.id,
    action: line.action,
    changes: line.changes as Record<string, unknown>,
  });
}

/** The entry's facts a history line keeps. */
const entryFacts = (e: { minutes: number; mode: string; activity: string; user_id: string }) => ({
  minutes: e.minutes,
  mode: e.mode,
  activity: e.activity.slice(0, 200),
  userId: e.user_id,
});

async function correctTimeEntry(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  entryId: string,
  input: z.output<typeof TimeEntryEditBody>,
) {
  const row = await ticketWithOpenTime(ctx, actor, ticketId);
  const entry = await correctableEntry(ctx, actor, ticketId, entryId);
  if (entry.version !== input.version) throw await staleEntry(ctx.db, ticketId, entryId);
  const now = ctx.clock().toISOString();
  const next = {
    started_at: input.startedAt ? new Date(input.startedAt).toISOString() : null,
    ended_at: input.endedAt ? new Date(input.endedAt).toISOString() : null,
    minutes: await ticketEntryMinutes(ctx, row, input, Date.parse(now)),
    mode: input.mode,
    activity: input.activity,
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await workRepo.correctTimeEntry(trx, entry.id, entry.version, next)))
      throw await staleEntry(trx, ticketId, entryId);
    // raw_minutes is always written: the ticket's summaries then read the last entry's date again.
    await recordOnTicket(
      ctx,
      trx,
      actor,
      row,
      { raw_minutes: row.raw_minutes - entry.minutes + next.minutes },
      {
        action: "time_entry_edited",
        changes: { before: entryFacts(entry), after: entryFacts({ ...entry, ...next }) },
      },
    );
  });
  return toTimeEntry({ ...entry, ...next, version: entry.version + 1 });
}

async function removeTimeEntry(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  entryId: string,
  version: number,
) {
  const row = await ticketWithOpenTime(ctx, actor, ticketId);
  const entry = await correctableEntry(ctx, actor, ticketId, entryId);
  if (entry.version !== version) throw await staleEntry(ctx.db, ticketId, entryId);
  // Attending needs time on the ticket (workflow): an attended ticket is not left with none.
  if (row.status === "attended" && (await workRepo.countTimeEntries(ctx.db, ticketId)) <= 1)
    throw new AppError("precondition_failed", "work.last_entry_attended");
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await workRepo.removeTimeEntry(trx, entry.id, entry.version)))
      throw await staleEntry(trx, ticketId, entryId);
    await recordOnTicket(
      ctx,
      trx,
      actor,
      row,
      { raw_minutes: row.raw_minutes - entry.minutes },
      {
        action: "time_entry_deleted",
        changes: { before: entryFacts(entry) },
      },
    );
  });
}

async function correctableCharge(ctx: AppContext, actor: Actor, ticketId: string, chargeId: string) {
  const row = requireVisible(actor, await ticketsRepo.byId(ctx.db, ticketId));
  requireChargeable(actor, row);
  // The review freezes what a ticket bills: the monthly run bills a reviewed ticket's charges, and a
  // correction racing it would leave the invoice and the ticket disagreeing. A correction that races
  // the review itself finds the ticket moved (touchTicket), reads it again and stops here.
  if (FROZEN.includes(row.status))
    throw new AppError("invalid_transition", "work.charge_fixed", {}, { status: row.status });
  const charge = await workRepo.charge(ctx.db, ticketId, chargeId);
  if (!charge) throw notFound("charge");
  if (await workRepo.chargeInvoiced(ctx.db, chargeId))
    throw new AppError("invalid_transition", "work.charge_invoiced");
  return { row, charge };
}

async function staleCharge(db: Trx, ticketId: string, chargeId: string) {
  const now = await workRepo.charge(db, ticketId, chargeId);
  return now ? staleEdit("charge", toCharge(now)) : notFound("charge");
}

const chargeFacts = (c: {
  kind: string;
  description: string;
  quantity: number;
  unit_price_cents: number;
  amount_cents: number;
}) => ({
  kind: c.kind,
  description: c.description.slice(0, 200),
  quantity: Number(c.quantity),
  unitPriceCents: Number(c.unit_price_cents),
  amountCents: Number(c.amount_cents),
});

async function correctCharge(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  chargeId: string,
  input: z.output<typeof ChargeEditBody>,
) {
  const { row, charge } = await correctableCharge(ctx, actor, ticketId, chargeId);
  if (charge.version !== input.version) throw await staleCharge(ctx.db, ticketId, chargeId);
  const next = {
    kind: input.kind,
    description: input.description,
    quantity: input.quantity,
    unit_price_cents: input.unitPriceCents,
    amount_cents: input.quantity * input.unitPriceCents,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await requireChargesFit(trx, ticketId, next.amount_cents - Number(charge.amount_cents));
    if (!(await workRepo.correctCharge(trx, charge.id, charge.version, next)))
      throw await staleCharge(trx, ticketId, chargeId);
    await recordOnTicket(
      ctx,
      trx,
      actor,
      row,
      {},
      {
        action: "charge_edited",
        changes: { before: chargeFacts(charge), after: chargeFacts(next) },
      },
    );
  });
  return toCharge({ ...charge, ...next, version: charge.version + 1 });
}

async function removeCharge(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  chargeId: string,
  version: number,
) {
  const { row, charge } = await correctableCharge(ctx, actor, ticketId, chargeId);
  if (charge.version !== version) throw await staleCharge(ctx.db, ticketId, chargeId);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await workRepo.removeCharge(trx, charge.id, charge.version)))
      throw await staleCharge(trx, ticketId, chargeId);
    await recordOnTicket(
      ctx,
      trx,
      actor,
      row,
      {},
      { action: "charge_deleted", changes: { before: chargeFacts(charge) } },
    );
  });
}

export const editTimeEntry = retried(correctTimeEntry);
export const deleteTimeEntry = retried(removeTimeEntry);
export const editCharge = retried(correctCharge);
export const deleteCharge = retried(removeCharge);
