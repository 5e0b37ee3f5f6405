/** The leader's dashboard: open work right now, read in a handful of indexed queries. */
import type { Dashboard } from "../../../contract/reports.js";
import type { TicketStatus } from "../../../contract/tickets.js";
import { addBusinessMinutes } from "../../../domain/calendar/index.js";
import { todayAndWeek } from "../../../domain/reports/range.js";
import type { Actor, AppContext } from "../../context.js";
import { businessCalendar, calendarConfig, slaSettings } from "../settings/settings.js";
import { requireDashboard } from "./policy.js";
import { dashboardRepo } from "./repository-dashboard.js";
import { n } from "./service.js";

const LIST_LIMIT = 20;
const STATUS_ORDER: TicketStatus[] = ["new", "assigned", "in_progress", "attended", "reviewed"];
const CHANNELS = ["phone", "email", "portal", "walk_in"] as const;

const listItem = (r: Record<string, unknown>) => ({
  id: String(r.id),
  folio: String(r.folio),
  title: String(r.title),
  clientName: String(r.client_name),
  urgent: n(r.urgent) === 1,
  status: r.status as TicketStatus,
  responseDueAt: String(r.response_due_at),
  assigneeName: r.assignee_name ? String(r.assignee_name) : null,
});

export async function dashboard(ctx: AppContext, actor: Actor): Promise<Dashboard> {
  requireDashboard(actor);
  const [cal, cfg, sla] = await Promise.all([businessCalendar(ctx), calendarConfig(ctx), slaSettings(ctx)]);
  const nowMs = ctx.clock().getTime();
  const now = new Date(nowMs).toISOString();
  // "Near" is measured in business time, as the escalation job does.
  const cutoff = new Date(addBusinessMinutes(cal, nowMs, sla.nearThresholdMinutes)).toISOString();
  const { today, week } = todayAndWeek(nowMs, cfg.timeZone);
  const db = ctx.db;
  const [counts, minutes, bList, nList, techs] = await Promise.all([
    dashboardRepo.counts(db, { now, cutoff, today }),
    dashboardRepo.minutesSince(db, week),
    dashboardRepo.breached(db, now, LIST_LIMIT),
    dashboardRepo.near(db, now, cutoff, LIST_LIMIT),
    dashboardRepo.technicians(db),
  ]);
  const count = (what: string, key = "") =>
    n(counts.find((r) => r.what === what && String(r.key ?? "") === key)?.n);
  const minutesBy = new Map(minutes.map((r) => [String(r.user_id), n(r.minutes)]));
  return {
    now,
    byStatus: STATUS_ORDER.map((s) => ({ status: s, count: count("status", s) })),
    unassigned: count("unassigned"),
    breached: { count: count("breached"), items: bList.map(listItem) },
    nearBreach: { count: count("near"), items: nList.map(listItem) },
    todayByChannel: CHANNELS.map((c) => ({ channel: c, count: count("channel", c) })),
    technicians: techs.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      openTickets: count("open", String(r.id)),
      minutesThisWeek: minutesBy.get(String(r.id)) ?? 0,
    })),
  };
}
