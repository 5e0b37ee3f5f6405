/**
 * What every write of work on a ticket shares: the statuses time is recorded in, who may work it,
 * how long an entry lasts, and the version bump of the ticket (with the retry of a write that found
 * the ticket moved under it). Used by the creates (work.ts) and the corrections (corrections.ts).
 */
import type { Transaction } from "kysely";
import type { z } from "zod";
import type { TimeEntryBody } from "../../../contract/tickets.js";
import { localDateOf } from "../../../domain/calendar/index.js";
import type { Actor, AppContext } from "../../context.js";
import type { DB } from "../../platform/database/schema.js";
import { conflict, forbidden, invalid } from "../../platform/errors.js";
import { queueServiceOrderMail } from "../service-orders/mail.js";
import { businessCalendar } from "../settings/settings.js";
import { historyRepo, type TicketRow, ticketsRepo } from "../tickets/repository.js";
import { mayWorkOn } from "./policy.js";

export const WORKING = ["in_progress", "attended"];

export function requireWorker(actor: Actor, row: TicketRow): void {
  if (!mayWorkOn(actor, row)) throw forbidden("work.worker_only");
}

export function entryMinutes(
  input: Pick<z.output<typeof TimeEntryBody>, "minutes" | "startedAt" | "endedAt">,
  nowMs: number,
): number {
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

/**
 * The minutes of an entry on this ticket. A range may not start before the day (in the calendar's
 * zone) the ticket was received: work begun on site before the call was filed is that same day, and
 * a range on an earlier day is a mistyped date, which would also move the billing month (SPEC: the
 * month of the last entry).
 */
export async function ticketEntryMinutes(
  ctx: AppContext,
  row: Pick<TicketRow, "received_at">,
  input: Pick<z.output<typeof TimeEntryBody>, "minutes" | "startedAt" | "endedAt">,
  nowMs: number,
): Promise<number> {
  const minutes = entryMinutes(input, nowMs);
  if (input.startedAt === undefined) return minutes;
  const cal = await businessCalendar(ctx);
  const receivedDay = localDateOf(cal, Date.parse(row.received_at));
  if (localDateOf(cal, Date.parse(input.startedAt)) < receivedDay) {
    const [y, m, d] = receivedDay.split("-");
    throw invalid("work.start_before_ticket", { day: `${d}/${m}/${y}` }, { field: "startedAt" });
  }
  return minutes;
}

/** The ticket changed between this write's read of it and its own: the write is run again. */
class TicketMoved extends Error {}
const STALE_RETRIES = 8;

/**
 * Time entries, charges and messages carry no version: the caller adds to the ticket, not edits a
 * state they saw. Two added at once (two technicians logging time) must both land, so a create that
 * found the ticket moved reads it again and retries; only a ticket that keeps moving ends in a 409.
 */
export async function onFreshTicket<T>(create: () => Promise<T>): Promise<T> {
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
export async function touchTicket(
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

/**
 * touchTicket for a change to the recorded work (time or charges). The client's acceptance was of the
 * work as it stood: changed afterwards, it is voided (as a send-back does) and the history says whose
 * it was, so the client accepts the service order again with what it now says (mailed anew, and a step
 * of the portal's timeline).
 */
export async function touchWork(
  ctx: AppContext,
  trx: AppContext["db"],
  row: TicketRow,
  patch: Partial<TicketRow>,
  actorId: string,
) {
  // Past the review the acceptance is part of what was reviewed (a leader's later charge is billing).
  if (!row.accepted_at || row.status !== "attended") return touchTicket(ctx, trx, row, patch);
  const voided = { accepted_at: null, accepted_via: null, accepted_by_name: null };
  await touchTicket(ctx, trx, row, { ...patch, ...voided });
  await historyRepo.add(trx, {
    ticketId: row.id,
    at: ctx.clock().toISOString(),
    actorId,
    action: "acceptance_voided",
    changes: { signerName: row.accepted_by_name, via: row.accepted_via, acceptedAt: row.accepted_at },
  });
  // The client is sent the order as it now stands, with a new link to accept or reject it.
  await queueServiceOrderMail(ctx, trx as Transaction<DB>, { ...row, ...patch, ...voided });
}

/** A write of work wrapped in onFreshTicket, with the write's own signature. */
export const retried =
  <A extends unknown[], R>(create: (...args: A) => Promise<R>) =>
  (...args: A): Promise<R> =>
    onFreshTicket(() => create(...args));
