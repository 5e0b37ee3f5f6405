/**
 * Response, resolution and hour bank from the summaries of migration 022 (histograms of minutes,
 * the hour bank's rows per contract) when they can answer the query; null otherwise, and the
 * callers read the tickets' stored minutes or the time entries, exact, as before.
 */
import type { ReportFilters } from "../../../contract/reports.js";
import { isEdge } from "../../../domain/reports/minutes.js";
import type { Span } from "../../../domain/reports/range.js";
import type { CategoryInfo } from "../../../domain/reports/summaries.js";
import {
  type ResolutionCount,
  type ResponseCount,
  resolutionFromCounts,
  responseFromCounts,
} from "../../../domain/reports/weighted.js";
import type { AppContext } from "../../context.js";
import { dailyRepo } from "./repository-daily.js";
import { minutesRepo } from "./repository-minutes.js";
import { n, type ReportEnv } from "./service.js";
import { daysOf, periodEnds, targetFor } from "./service-summary.js";

/** Medians and p90 from the summed buckets (exact to the bucket: minutes.ts), bins exact. */
export async function responseFromSummary(ctx: AppContext, f: ReportFilters) {
  const target = targetFor(f);
  if (!target) return null;
  const rows = await minutesRepo.response(ctx.db, target, daysOf(f), f);
  return responseFromCounts(
    rows.map(
      (r): ResponseCount => ({
        kind: r.kind === "contract" ? "contract" : "event",
        urgent: n(r.urgent) === 1,
        measure: r.measure === "response" ? "business" : "wall",
        value: n(r.bucket),
        count: n(r.n),
        total: n(r.total),
      }),
    ),
  );
}

/** Filtered at most by category (the histograms' only dimension besides kind and urgency). */
const onlyByCategory = (f: ReportFilters) => !f.clientId && !f.technicianId && !f.channel;

/**
 * Per category: tickets from the daily summary, attention and closing from the histograms. Only when
 * every category's estimate is a bucket edge, so "within the estimate" is an exact count.
 */
export async function resolutionFromSummary(ctx: AppContext, f: ReportFilters, categories: CategoryInfo[]) {
  if (!onlyByCategory(f) || !categories.every((c) => isEdge(c.estimateMinutes))) return null;
  const d = daysOf(f);
  const t = { dim: "category", key: f.category ?? null } as const;
  const [received, attendedRows, closedRows] = await Promise.all([
    dailyRepo.workload(ctx.db, t, d, f),
    minutesRepo.resolution(ctx.db, t, d, f, "attended"),
    minutesRepo.resolution(ctx.db, t, d, f, "closed"),
  ]);
  const tickets = new Map(received.map((r) => [r.key === null ? "" : String(r.key), n(r.tickets)]));
  const category = (key: string) => (key === "" ? null : key);
  const counted = (buckets: Record<string, unknown>[]) =>
    buckets.map(
      (r): ResolutionCount => ({
        category: category(String(r.key)),
        value: n(r.bucket),
        count: n(r.n),
        total: n(r.total),
      }),
    );
  const attended = counted(attendedRows);
  // Tickets not attended yet count too (value null): every ticket of the category once.
  const notYet = [...tickets].map(([key, total]): ResolutionCount => {
    const seen = attended.filter((a) => a.category === category(key)).reduce((s, a) => s + a.count, 0);
    return { category: category(key), value: null, count: total - seen };
  });
  return resolutionFromCounts([...attended, ...notYet], counted(closedRows), categories);
}

/** The hour bank per contract and month, filtered at most by kind and urgency. */
export async function hourBankFromSummary(ctx: AppContext, env: ReportEnv, f: ReportFilters, months: Span[]) {
  if (f.clientId || f.category || f.technicianId || f.channel) return null;
  const ends = periodEnds(months, env.zone);
  return dailyRepo.hourBank(ctx.db, daysOf(f, ends), ends, f);
}
