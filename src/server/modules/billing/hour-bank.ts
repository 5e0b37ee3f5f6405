/** The hour bank of a contract for a month (issue #14 item 5): included, used by ticket, left, overage. */
import { DateTime } from "luxon";
import { burnDown, hourBank } from "../../../domain/billing/overage.js";
import { periodBounds, periodStartInstant } from "../../../domain/billing/periods.js";
import { localDateOf } from "../../../domain/calendar/index.js";
import { isoDay } from "../../../domain/dates.js";
import type { Actor, AppContext } from "../../context.js";
import { notFound } from "../../platform/errors.js";
import { businessCalendar } from "../settings/settings.js";
import { requireHourBankReader } from "./policy.js";
import { lookupRepo } from "./repository.js";
import { assertPeriod } from "./run.js";

export async function contractHourBank(ctx: AppContext, actor: Actor, contractId: string, month?: string) {
  requireHourBankReader(actor);
  const contract = await lookupRepo.contract(ctx.db, contractId);
  if (!contract) throw notFound("contract");
  const cal = await businessCalendar(ctx);
  const zone = cal.config.timeZone;
  const today = localDateOf(cal, ctx.clock().getTime());
  const period = month ?? today.slice(0, 7);
  await assertPeriod(ctx, period);
  const next = DateTime.fromISO(`${period}-01`, { zone: "utc" }).plus({ months: 1 }).toFormat("yyyy-MM");
  const rows = await lookupRepo.monthTickets(
    ctx.db,
    contractId,
    periodStartInstant(period, zone),
    periodStartInstant(next, zone),
  );
  const tickets = rows.map((r) => ({
    ticketId: r.id,
    folio: r.folio,
    title: r.title,
    billableMinutes: Number(r.billable_minutes ?? 0),
    lastEntryAt: String(r.last_at),
  }));
  const used = tickets.reduce((s, t) => s + t.billableMinutes, 0);
  const byDay = new Map<string, number>();
  for (const t of tickets) {
    const d = localDateOf(cal, Date.parse(t.lastEntryAt));
    byDay.set(d, (byDay.get(d) ?? 0) + t.billableMinutes);
  }
  const { first, last } = periodBounds(period);
  // biome-ignore lint/complexity/useMathMinMax: these are ISO dates (text); Math.min would answer NaN.
  const end = last < today ? last : today;
  const days: string[] = [];
  for (let d = DateTime.fromISO(first, { zone: "utc" }); isoDay(d) <= end; d = d.plus({ days: 1 }))
    days.push(isoDay(d));
  const included = contract.included_minutes_per_month ?? 0;
  return {
    contractId,
    month: period,
    ...hourBank(included, used),
    tickets: tickets.sort((a, b) => a.lastEntryAt.localeCompare(b.lastEntryAt)),
    burnDown: burnDown(included, days, byDay),
  };
}
