/**
 * The reports read from the summary (migration 018) when it is built for the calendar in force and
 * the query's filters and grouping touch at most one dimension besides kind and urgency; otherwise
 * (null answer) the callers read the tickets, as before the summary.
 */
import { DateTime } from "luxon";
import type { ReportFilters } from "../../../contract/reports.js";
import { isoDay } from "../../../domain/dates.js";
import type { Dim } from "../../../domain/reports/facts.js";
import { average, percent } from "../../../domain/reports/figures.js";
import { monthsAndDays, type Span, spanLabel } from "../../../domain/reports/range.js";
import type { CategoryInfo } from "../../../domain/reports/summaries.js";
import {
  type ResponseCount,
  resolutionFromCounts,
  responseFromCounts,
} from "../../../domain/reports/weighted.js";
import type { AppContext } from "../../context.js";
import { type Days, dailyRepo, type Target } from "./repository-daily.js";
import { n, type ReportEnv } from "./service.js";
import { summaryReady } from "./summary-rebuild.js";

const FILTER_DIMS = [
  ["clientId", "client"],
  ["category", "category"],
  ["technicianId", "technician"],
  ["channel", "channel"],
] as const;

/** The summary rows for these filters grouped by `by` (none: the totals), or null if none fit. */
export function targetFor<D extends Dim>(f: ReportFilters, by?: D): (Target & { dim: D | Dim }) | null {
  const used = FILTER_DIMS.filter(([k]) => f[k] !== undefined);
  if (used.length > 1) return null;
  const [only] = used;
  if (!only) return { dim: by ?? "all", key: by ? null : "" };
  if (by && only[1] !== by) return null;
  return { dim: only[1], key: String(f[only[0]]) };
}

export const ready = (ctx: AppContext) => summaryReady(ctx);

/** The summary rows a range reads: monthly ones for whole months no period end splits, daily ones else. */
export const daysOf = (f: ReportFilters, ends: readonly string[] = []): Days =>
  monthsAndDays(f.from, f.to, ends);

/** The first local day after each period (periods are whole local days). */
export const periodEnds = (spans: readonly Span[], zone: string) =>
  spans.map((s) => isoDay(DateTime.fromISO(s.end, { zone })));

export async function slaCountsFromSummary(ctx: AppContext, env: ReportEnv, spans: Span[], f: ReportFilters) {
  const target = targetFor(f);
  if (!target) return null;
  const ends = periodEnds(spans, env.zone);
  const [sums, pending] = await Promise.all([
    dailyRepo.sla(ctx.db, target, daysOf(f, ends), ends, f),
    dailyRepo.slaPending(ctx.db, env.span, spans, f, env.now),
  ]);
  const key = (r: Record<string, unknown>) => `${n(r.bucket)}:${r.kind}:${n(r.urgent)}`;
  const still = new Map(pending.map((r) => [key(r), n(r.n)]));
  return sums.map((r): Record<string, unknown> => {
    const p = still.get(key(r)) ?? 0;
    return { ...r, breached: n(r.late) + n(r.unanswered) - p, pending: p };
  });
}

export async function workloadFromSummary(
  ctx: AppContext,
  f: ReportFilters,
  by: "technician" | "category" | "client",
) {
  const target = targetFor(f, by);
  if (!target) return null;
  return dailyRepo.workload(ctx.db, { dim: by, key: target.key }, daysOf(f), f);
}

/** The satisfaction row fields from summed scores (averages over the answered, as SQL avg would). */
export function satSums(r: Record<string, unknown> | undefined) {
  const avg = (sum: unknown, count: unknown) => (n(count) > 0 ? average(n(sum) / n(count)) : null);
  const closed = n(r?.closed);
  const answered = n(r?.answered);
  return {
    closed,
    answered,
    unreachable: n(r?.unreachable),
    responseRatePct: percent(answered, closed),
    overall: avg(r?.overall_sum, r?.overall_n),
    technician: avg(r?.technician_sum, r?.technician_n),
    timeliness: avg(r?.timeliness_sum, r?.timeliness_n),
  };
}

export async function satisfactionFromSummary(
  ctx: AppContext,
  f: ReportFilters,
  months: Span[],
  zone: string,
) {
  const [all, tech, client] = [targetFor(f), targetFor(f, "technician"), targetFor(f, "client")];
  if (!all || !tech || !client) return null;
  const ends = periodEnds(months, zone);
  const d = daysOf(f, ends);
  const [totals, byTech, byClient, trend] = await Promise.all([
    dailyRepo.satisfactionTotals(ctx.db, all, d, f),
    dailyRepo.satisfactionBy(ctx.db, { dim: "technician", key: tech.key }, d, f),
    dailyRepo.satisfactionBy(ctx.db, { dim: "client", key: client.key }, d, f),
    dailyRepo.satisfactionTrend(ctx.db, all, d, ends, f),
  ]);
  const keyed = (r: Record<string, unknown>) => ({
    key: r.key === null || r.key === undefined ? null : String(r.key),
    label: r.label === null || r.label === undefined ? null : String(r.label),
    ...satSums(r),
  });
  return {
    totals: { key: null, label: null, ...satSums(totals[0]) },
    byTechnician: byTech.map(keyed),
    byClient: byClient.map(keyed),
    trend: trend.map((r) => {
      const s = satSums(r);
      return {
        period: spanLabel(months, n(r.bucket)),
        closed: s.closed,
        answered: s.answered,
        overall: s.overall,
      };
    }),
  };
}

export async function responseFromStored(ctx: AppContext, env: ReportEnv, f: ReportFilters) {
  const [business, wall] = await Promise.all([
    dailyRepo.responseCounts(ctx.db, env.span, f, "response_minutes"),
    dailyRepo.responseCounts(ctx.db, env.span, f, "response_wall_minutes"),
  ]);
  const counted = (measure: ResponseCount["measure"]) => (r: Record<string, unknown>) => ({
    kind: r.kind === "contract" ? ("contract" as const) : ("event" as const),
    urgent: n(r.urgent) === 1,
    measure,
    value: n(r.value),
    count: n(r.n),
  });
  return responseFromCounts([...business.map(counted("business")), ...wall.map(counted("wall"))]);
}

export async function resolutionFromStored(
  ctx: AppContext,
  env: ReportEnv,
  f: ReportFilters,
  categories: CategoryInfo[],
) {
  const [attended, closed] = await Promise.all([
    dailyRepo.resolutionCounts(ctx.db, env.span, f, "attended_minutes"),
    dailyRepo.resolutionCounts(ctx.db, env.span, f, "closed_minutes"),
  ]);
  const counted = (r: Record<string, unknown>) => ({
    category: r.category === null || r.category === undefined ? null : String(r.category),
    value: r.value === null || r.value === undefined ? null : n(r.value),
    count: n(r.n),
  });
  return resolutionFromCounts(attended.map(counted), closed.map(counted), categories);
}
