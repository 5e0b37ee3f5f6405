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
  const [status, unassigned, bCount, bList, nCount, nList, intake, techs, minutes] = await Promise.all([
    dashboardRepo.byStatus(db),
    dashboardRepo.unassigned(db),
    dashboardRepo.breachedCount(db, now),
    dashboardRepo.breached(db, now, LIST_LIMIT),
    dashboardRepo.nearCount(db, now, cutoff),
    dashboardRepo.near(db, now, cutoff, LIST_LIMIT),
    dashboardRepo.intakeByChannel(db, today),
    dashboardRepo.technicians(db),
    dashboardRepo.minutesSince(db, week),
  ]);
  const statusCount = new Map(status.map((r) => [String(r.status), n(r.n)]));
  const channelCount = new Map(intake.map((r) => [String(r.channel), n(r.n)]));
  const minutesBy = new Map(minutes.map((r) => [String(r.user_id), n(r.minutes)]));
  return {
    now,
    byStatus: STATUS_ORDER.map((s) => ({ status: s, count: statusCount.get(s) ?? 0 })),
    unassigned: n(unassigned[0]?.n),
    breached: { count: n(bCount[0]?.n), items: bList.map(listItem) },
    nearBreach: { count: n(nCount[0]?.n), items: nList.map(listItem) },
    todayByChannel: CHANNELS.map((c) => ({ channel: c, count: channelCount.get(c) ?? 0 })),
    technicians: techs.map((r) => ({
      id: String(r.id),
      name: String(r.name),
      openTickets: n(r.open_tickets),
      minutesThisWeek: minutesBy.get(String(r.id)) ?? 0,
    })),
  };
}
