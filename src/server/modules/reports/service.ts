/** Report use cases: check who asks, turn local dates into instants, run the SQL, shape the answer. */
import type {
  ReportFilters,
  ResolutionReport,
  ResponseReport,
  SlaReport,
  WorkloadReport,
} from "../../../contract/reports.js";
import { type BusinessCalendar, businessMinutesBetween } from "../../../domain/calendar/index.js";
import { percent } from "../../../domain/reports/figures.js";
import { type BucketSize, buckets, localRange, type Span, spanLabel } from "../../../domain/reports/range.js";
import {
  resolutionRows,
  responseHistogram,
  responseRows,
  rollUpSla,
} from "../../../domain/reports/summaries.js";
import type { Actor, AppContext } from "../../context.js";
import { businessCalendar, calendarConfig } from "../settings/settings.js";
import { allowedFilters } from "./policy.js";
import { reportsRepo } from "./repository.js";
import { resolutionFromSummary, responseFromSummary } from "./service-rollups.js";
import {
  ready,
  resolutionFromStored,
  responseFromStored,
  slaCountsFromSummary,
  workloadFromSummary,
} from "./service-summary.js";

export const n = (v: unknown): number => Number(v ?? 0);
export const nOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const minutes = (ms: number) => Math.round(ms / 60_000);
const BREACH_LIST_LIMIT = 500;

export interface ReportEnv {
  cal: BusinessCalendar;
  zone: string;
  span: Span;
  now: string;
}

export async function reportEnv(ctx: AppContext, f: ReportFilters): Promise<ReportEnv> {
  const zone = (await calendarConfig(ctx)).timeZone;
  return {
    cal: await businessCalendar(ctx),
    zone,
    span: localRange(f.from, f.to, zone),
    now: ctx.clock().toISOString(),
  };
}

export const monthsOf = (f: ReportFilters, env: ReportEnv) => buckets(f.from, f.to, env.zone, "month");

export async function slaReport(
  ctx: AppContext,
  actor: Actor,
  query: ReportFilters & { bucket?: BucketSize },
): Promise<SlaReport> {
  const f = allowedFilters(actor, "sla", query);
  const env = await reportEnv(ctx, f);
  const spans = buckets(f.from, f.to, env.zone, query.bucket ?? "week");
  const fromSummary = async () => ((await ready(ctx)) ? slaCountsFromSummary(ctx, env, spans, f) : null);
  const [summed, breaches] = await Promise.all([
    fromSummary(),
    reportsRepo.slaBreaches(ctx.db, env.span, f, env.now, BREACH_LIST_LIMIT),
  ]);
  const counts = summed ?? (await reportsRepo.slaCounts(ctx.db, env.span, spans, f, env.now));
  const { byKind, byPeriod } = rollUpSla(
    counts.map((r) => ({
      period: n(r.bucket),
      serviceKind: r.kind === "contract" ? ("contract" as const) : ("event" as const),
      urgent: n(r.urgent) === 1,
      total: n(r.total),
      met: n(r.met),
      breached: n(r.breached),
      pending: n(r.pending),
    })),
  );
  return {
    rows: byKind,
    series: byPeriod.map(({ period, ...c }) => ({
      period: spanLabel(spans, period),
      ...c,
      metPct: percent(c.met, c.met + c.breached),
    })),
    breaches: breaches.map((r) => {
      const due = Date.parse(String(r.response_due_at));
      const until = r.responded_at ? Date.parse(String(r.responded_at)) : Date.parse(env.now);
      return {
        id: String(r.id),
        folio: String(r.folio),
        title: String(r.title),
        clientName: String(r.client_name),
        serviceKind: r.service_kind === "contract" ? "contract" : "event",
        urgent: n(r.urgent) === 1,
        receivedAt: String(r.received_at),
        responseDueAt: String(r.response_due_at),
        respondedAt: r.responded_at ? String(r.responded_at) : null,
        assigneeName: r.assignee_name ? String(r.assignee_name) : null,
        lateBusinessMinutes: Math.round(businessMinutesBetween(env.cal, due, until)),
      };
    }),
  };
}

export async function responseReport(
  ctx: AppContext,
  actor: Actor,
  query: ReportFilters,
): Promise<ResponseReport> {
  const f = allowedFilters(actor, "response", query);
  const env = await reportEnv(ctx, f);
  if (await ready(ctx)) return (await responseFromSummary(ctx, f)) ?? responseFromStored(ctx, env, f);
  const times = await reportsRepo.responseTimes(ctx.db, env.span, f);
  const samples = times.map((r) => {
    const a = Date.parse(r.received_at);
    const b = Math.max(a, Date.parse(r.responded_at));
    return {
      kind: r.kind === "contract" ? ("contract" as const) : ("event" as const),
      urgent: n(r.urgent) === 1,
      wall: minutes(b - a),
      business: Math.round(businessMinutesBetween(env.cal, a, b)),
    };
  });
  return { rows: responseRows(samples), histogram: responseHistogram(samples) };
}

export async function resolutionReport(
  ctx: AppContext,
  actor: Actor,
  query: ReportFilters,
): Promise<ResolutionReport> {
  const f = allowedFilters(actor, "resolution", query);
  const [env, categories] = await Promise.all([reportEnv(ctx, f), reportsRepo.categories(ctx.db)]);
  const infos = categories.map((c) => ({ code: c.code, name: c.name, estimateMinutes: c.estimate_minutes }));
  if (await ready(ctx)) {
    const summed = await resolutionFromSummary(ctx, f, infos);
    return { rows: summed ?? (await resolutionFromStored(ctx, env, f, infos)) };
  }
  const times = await reportsRepo.resolutionTimes(ctx.db, env.span, f);
  const business = (from: string, to: string | null) => {
    if (!to) return null;
    const a = Date.parse(from);
    return Math.round(businessMinutesBetween(env.cal, a, Math.max(a, Date.parse(to))));
  };
  const samples = times.map((r) => ({
    category: r.category,
    toAttended: business(r.received_at, r.attended_at),
    toClosed: business(r.received_at, r.closed_at),
  }));
  return { rows: resolutionRows(samples, infos) };
}

export async function workloadReport(
  ctx: AppContext,
  actor: Actor,
  query: ReportFilters & { by?: WorkloadReport["by"] },
): Promise<WorkloadReport> {
  const f = allowedFilters(actor, "workload", query);
  const env = await reportEnv(ctx, f);
  const by = query.by ?? "technician";
  if (by === "mode") {
    const rows = await reportsRepo.workloadByMode(ctx.db, env.span, f);
    const out = rows.map((r) => ({
      key: String(r.key),
      label: null,
      tickets: n(r.tickets),
      rawMinutes: n(r.raw),
    }));
    return { by, rows: out.map((r) => ({ ...r, billableMinutes: null })) };
  }
  const summed = (await ready(ctx)) ? await workloadFromSummary(ctx, f, by) : null;
  const rows = summed ?? (await reportsRepo.workload(ctx.db, env.span, f, by));
  return {
    by,
    rows: rows.map((r) => ({
      key: r.key === null ? null : String(r.key),
      label: r.label === null ? null : String(r.label),
      tickets: n(r.tickets),
      rawMinutes: n(r.raw),
      billableMinutes: n(r.billable),
    })),
  };
}
