/**
 * The report figures from counted values (value → how many tickets had it), as the database groups
 * them: the same nearest-rank median and p90, histograms and report rows as figures.ts and
 * summaries.ts compute from one sample per ticket. A counted value may instead be a histogram bucket
 * (minutes.ts: its upper edge, how many tickets and their total minutes): the rank then answers the
 * mean of the bucket's tickets.
 */

import { RESPONSE_EDGES } from "./figures.js";
import { type CategoryInfo, type ResponseSample, resolutionRows } from "./summaries.js";

export type Counted = readonly [value: number, count: number, total?: number];

/** What the tickets counted under a value took: the value itself, or a bucket's mean. */
const minutesAt = ([v, c, total]: Counted) => (total === undefined ? v : Math.round(total / c));

/** Nearest-rank median and p90 of counted values (any order). */
export function countedDistribution(counted: readonly Counted[]) {
  const sorted = counted.filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);
  const count = sorted.reduce((s, [, c]) => s + c, 0);
  const at = (p: number): number | null => {
    if (count === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * count));
    let seen = 0;
    for (const x of sorted) {
      seen += x[1];
      if (seen >= rank) return minutesAt(x);
    }
    return null;
  };
  return { count, median: at(50), p90: at(90) };
}

export function countedHistogram(counted: readonly Counted[], edges: readonly number[]): number[] {
  const bins = new Array<number>(edges.length + 1).fill(0);
  for (const [v, c] of counted) {
    let i = edges.findIndex((e) => v <= e);
    if (i < 0) i = edges.length;
    bins[i] = (bins[i] ?? 0) + c;
  }
  return bins;
}

export interface ResponseCount {
  kind: "contract" | "event";
  urgent: boolean;
  measure: "wall" | "business";
  value: number;
  count: number;
  /** Present for a bucket: its tickets' total minutes. */
  total?: number;
}

/** responseRows and responseHistogram (summaries.ts) from counted wall and business minutes. */
export function responseFromCounts(counts: readonly ResponseCount[]) {
  const pick = (m: ResponseCount["measure"], keep: (c: ResponseCount) => boolean): Counted[] =>
    counts.filter((c) => c.measure === m && keep(c)).map((c) => [c.value, c.count, c.total] as const);
  const groups = [...new Set(counts.map((c) => `${c.kind}:${c.urgent ? 1 : 0}`))].sort();
  const rows = groups.map((key) => {
    const [kind, u] = key.split(":") as [ResponseSample["kind"], string];
    const same = (c: ResponseCount) => c.kind === kind && c.urgent === (u === "1");
    return {
      serviceKind: kind,
      urgent: u === "1",
      wall: countedDistribution(pick("wall", same)),
      business: countedDistribution(pick("business", same)),
    };
  });
  const all = () => true;
  if (rows.length === 0) return { rows, histogram: [] };
  const overall = {
    serviceKind: null,
    urgent: null,
    wall: countedDistribution(pick("wall", all)),
    business: countedDistribution(pick("business", all)),
  };
  const wall = countedHistogram(pick("wall", all), RESPONSE_EDGES);
  const business = countedHistogram(pick("business", all), RESPONSE_EDGES);
  return {
    rows: [...rows, overall],
    histogram: wall.map((w, i) => ({ upTo: RESPONSE_EDGES[i] ?? null, wall: w, business: business[i] ?? 0 })),
  };
}

export interface ResolutionCount {
  category: string | null;
  /** Business minutes to the first attention / to closing; null: not reached (still counts as a ticket). */
  value: number | null;
  count: number;
  /** Present for a bucket: its tickets' total minutes. */
  total?: number;
}

/** resolutionRows (summaries.ts) from counted minutes: `attended` counts every ticket once. */
export function resolutionFromCounts(
  attended: readonly ResolutionCount[],
  closed: readonly ResolutionCount[],
  categories: readonly CategoryInfo[],
) {
  const shape = resolutionRows(
    attended.map((a) => ({ category: a.category, toAttended: null, toClosed: null })),
    categories,
  );
  return shape.map((row) => {
    const mine = (xs: readonly ResolutionCount[]) =>
      xs.flatMap((x) =>
        x.category === row.category && x.value !== null ? [[x.value, x.count, x.total] as const] : [],
      );
    const est = row.estimateMinutes;
    const within = (xs: Counted[]) =>
      est === null ? 0 : xs.reduce((s, [v, c]) => s + (v <= est ? c : 0), 0);
    const a = mine(attended);
    const c = mine(closed);
    const da = countedDistribution(a);
    const dc = countedDistribution(c);
    return {
      ...row,
      tickets: attended.filter((x) => x.category === row.category).reduce((s, x) => s + x.count, 0),
      attended: da.count,
      attendedWithinEstimate: within(a),
      attendedMedianMinutes: da.median,
      closed: dc.count,
      closedWithinEstimate: within(c),
      closedMedianMinutes: dc.median,
    };
  });
}
