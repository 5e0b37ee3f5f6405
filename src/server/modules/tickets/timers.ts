import type { MyTimer, StoppedTimer, Timer } from "../../../contract/staff.js";
import type { Actor, AppContext } from "../../context.js";
import { timersRepo } from "../../platform/database/staff-repository.js";
import { stillThere } from "../../platform/database/still-there.js";
import { conflict, forbidden, notFound } from "../../platform/errors.js";
import { mayWorkOn, requireVisible } from "./policy.js";
import { ticketsRepo } from "./repository.js";

const OPEN_WORK = ["assigned", "in_progress", "attended"];

/**
 * The work timer lives on the server, so the technician sees it running on the phone and on the
 * laptop alike, and a reload or another browser does not lose it.
 */
export async function myTimer(ctx: AppContext, actor: Actor): Promise<MyTimer> {
  const row = await timersRepo.ofUser(ctx.db, actor.id);
  return {
    timer: row
      ? { ticketId: row.ticket_id, folio: row.folio, title: row.title, startedAt: row.started_at }
      : null,
  };
}

/** Starts the caller's timer on a ticket they work on; starting it again on the same ticket is a no-op. */
export async function startTimer(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
): Promise<{ created: boolean; timer: Timer }> {
  const row = requireVisible(actor, await ticketsRepo.byId(ctx.db, ticketId));
  if (!mayWorkOn(actor, row)) throw forbidden("timer.worker_only");
  if (!OPEN_WORK.includes(row.status)) throw conflict("timer.ticket_not_open", {}, { status: row.status });
  const created = await timersRepo.start(ctx.db, actor.id, ticketId, ctx.clock().toISOString());
  // The row was just written (or was already there): the caller's timer exists unless stopped meanwhile.
  const current = stillThere((await myTimer(ctx, actor)).timer ?? undefined, "my_timer");
  if (current.ticketId !== ticketId) {
    throw conflict("timer.running_elsewhere", { folio: current.folio }, { timer: current });
  }
  return { created, timer: current };
}

const MINUTE_MS = 60_000;

/**
 * Stops the caller's timer on the ticket and tells the whole minutes worked, to prefill a time entry.
 * A timer started is work done: stopped within its first minute it counts one, the minute ending when
 * it stopped (a shorter span would be refused as an entry, and the timer is already gone by then).
 */
export async function stopTimer(ctx: AppContext, actor: Actor, ticketId: string): Promise<StoppedTimer> {
  const started = await timersRepo.stop(ctx.db, actor.id, ticketId);
  if (!started) throw notFound("timer");
  const endedMs = ctx.clock().getTime();
  const startedMs = Math.min(Date.parse(started), endedMs - MINUTE_MS);
  return {
    ticketId,
    startedAt: new Date(startedMs).toISOString(),
    endedAt: new Date(endedMs).toISOString(),
    minutes: Math.round((endedMs - startedMs) / MINUTE_MS),
  };
}
