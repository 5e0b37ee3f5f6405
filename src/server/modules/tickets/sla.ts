import type { TicketStatus } from "../../../contract/tickets.js";
import {
  closedDaysInMonth,
  explainDeadline,
  maxBusinessMinutes,
  type SkippedDay,
} from "../../../domain/calendar/index.js";
import type { Actor, AppContext } from "../../context.js";
import { invalid } from "../../platform/errors.js";
import { render, type ServerLocale } from "../../platform/i18n/index.js";
import { businessCalendar } from "../settings/settings.js";
import { assertDeadlineInRange } from "./deadline-range.js";
import { assertMayReadCalendar, assertMayRecomputeDeadlines } from "./policy.js";
import { historyRepo, ticketsRepo } from "./repository.js";
import { contractTargets, responseDue } from "./tickets.js";

const iso = (ms: number) => new Date(ms).toISOString();

/** Why a day is closed, worded for the reader; a closure's reason stays as the admin typed it. */
function worded(s: SkippedDay, locale: ServerLocale) {
  if (s.holiday) return { ...s, reason: render(locale, `calendar.holiday.${s.holiday}`) };
  if (s.weekday) return { ...s, reason: render(locale, `calendar.day.${s.kind}`, { weekday: s.weekday }) };
  return { ...s, reason: s.reason ?? "" };
}

/** The what-if calculator reception reads from when a caller asks "when will you answer?". */
export async function deadline(ctx: AppContext, actor: Actor, from: string, minutes: number) {
  assertMayReadCalendar(actor);
  const cal = await businessCalendar(ctx);
  if (minutes > maxBusinessMinutes(cal)) {
    throw invalid("sla.minutes_too_many", {}, { field: "minutes" });
  }
  const e = explainDeadline(cal, Date.parse(from), minutes);
  assertDeadlineInRange(e.dueAt, "minutes");
  return {
    dueAt: iso(e.dueAt),
    minutes,
    intervals: e.intervals.map((i) => ({ start: iso(i.start), end: iso(i.end), minutes: i.minutes })),
    skipped: e.skipped.map((s) => worded(s, actor.locale)),
  };
}

export async function closedDays(ctx: AppContext, actor: Actor, year: number, month: number) {
  assertMayReadCalendar(actor);
  return closedDaysInMonth(await businessCalendar(ctx), year, month).map((s) => worded(s, actor.locale));
}

/**
 * After a calendar or target change, an admin may move the deadlines of open tickets to the new rules.
 * Existing deadlines are otherwise kept: the promise made to the client when the folio was given stands.
 */
export async function recomputeDeadlines(
  ctx: AppContext,
  actor: Actor,
  statuses: readonly TicketStatus[],
): Promise<number> {
  assertMayRecomputeDeadlines(actor);
  const cal = await businessCalendar(ctx);
  const rows = await ticketsRepo.openForRecompute(ctx.db, statuses);
  const now = ctx.clock().toISOString();
  let updated = 0;
  for (const row of rows) {
    const kind = row.service_kind === "contract" ? "contract" : "event";
    const dueAt = await responseDue(ctx, cal, {
      kind,
      urgent: row.urgent === 1,
      contract: await contractTargets(ctx, row.contract_id),
      receivedMs: Date.parse(row.received_at),
    });
    if (dueAt === row.response_due_at) continue;
    const ok = await ctx.db.transaction().execute(async (trx) => {
      const patch = { response_due_at: dueAt, updated_at: now };
      if (!(await ticketsRepo.update(trx, row, patch, async () => cal))) return false;
      await historyRepo.add(trx, {
        ticketId: row.id,
        at: now,
        actorId: actor.id,
        action: "sla_recompute",
        changes: { responseDueAt: { from: row.response_due_at, to: dueAt } },
      });
      return true;
    });
    if (ok) updated++;
  }
  return updated;
}
