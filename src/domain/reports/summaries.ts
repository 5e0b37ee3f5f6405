/** Report rows built from per-ticket durations (already in minutes); no I/O, no clock. */
import { distribution, histogram, RESPONSE_EDGES } from "./figures.js";

export interface ResponseSample {
  kind: "contract" | "event";
  urgent: boolean;
  wall: number;
  business: number;
}

const dist = (xs: number[]) => distribution(xs);

/** One row per kind × urgency present (contract first, normal before urgent), then the overall row. */
export function responseRows(samples: readonly ResponseSample[]) {
  const groups = new Map<
    string,
    { kind: ResponseSample["kind"]; urgent: boolean; items: ResponseSample[] }
  >();
  for (const s of samples) {
    const key = `${s.kind}:${s.urgent ? 1 : 0}`;
    const g = groups.get(key);
    if (g) g.items.push(s);
    else groups.set(key, { kind: s.kind, urgent: s.urgent, items: [s] });
  }
  const rows = [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, g]) => ({
      serviceKind: g.kind,
      urgent: g.urgent,
      wall: dist(g.items.map((s) => s.wall)),
      business: dist(g.items.map((s) => s.business)),
    }));
  if (samples.length === 0) return rows;
  const all = { serviceKind: null, urgent: null };
  return [
    ...rows,
    { ...all, wall: dist(samples.map((s) => s.wall)), business: dist(samples.map((s) => s.business)) },
  ];
}

/** Histogram rows for the chart: `upTo` minutes (null for the open-ended last bin). */
export function responseHistogram(samples: readonly ResponseSample[]) {
  const wall = histogram(
    samples.map((s) => s.wall),
    RESPONSE_EDGES,
  );
  const business = histogram(
    samples.map((s) => s.business),
    RESPONSE_EDGES,
  );
  if (samples.length === 0) return [];
  return wall.map((w, i) => ({ upTo: RESPONSE_EDGES[i] ?? null, wall: w, business: business[i] ?? 0 }));
}

export interface ResolutionSample {
  category: string | null;
  /** Business minutes received → first attended / → closed; null when not reached yet. */
  toAttended: number | null;
  toClosed: number | null;
}

export interface CategoryInfo {
  code: string;
  name: string;
  estimateMinutes: number;
}

/** Per category (by code; tickets without one last): counts within the category's estimate and medians. */
export function resolutionRows(samples: readonly ResolutionSample[], categories: readonly CategoryInfo[]) {
  const byCode = new Map(categories.map((c) => [c.code, c]));
  const groups = new Map<string | null, ResolutionSample[]>();
  for (const s of samples) {
    const g = groups.get(s.category);
    if (g) g.push(s);
    else groups.set(s.category, [s]);
  }
  const sorted = [...groups].sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)));
  return sorted.map(([code, g]) => {
    const info = code === null ? undefined : byCode.get(code);
    const estimate = info?.estimateMinutes ?? null;
    const attended = g.flatMap((s) => (s.toAttended === null ? [] : [s.toAttended]));
    const closed = g.flatMap((s) => (s.toClosed === null ? [] : [s.toClosed]));
    const within = (xs: number[]) => (estimate === null ? 0 : xs.filter((x) => x <= estimate).length);
    return {
      category: code,
      categoryName: info?.name ?? null,
      estimateMinutes: estimate,
      tickets: g.length,
      attended: attended.length,
      attendedWithinEstimate: within(attended),
      attendedMedianMinutes: distribution(attended).median,
      closed: closed.length,
      closedWithinEstimate: within(closed),
      closedMedianMinutes: distribution(closed).median,
    };
  });
}

export interface SlaCount {
  period: number;
  serviceKind: "contract" | "event";
  urgent: boolean;
  total: number;
  met: number;
  breached: number;
  pending: number;
}

type Counts = Pick<SlaCount, "total" | "met" | "breached" | "pending">;
const add = (a: Counts, b: Counts): Counts => ({
  total: a.total + b.total,
  met: a.met + b.met,
  breached: a.breached + b.breached,
  pending: a.pending + b.pending,
});
const ZERO: Counts = { total: 0, met: 0, breached: 0, pending: 0 };

/**
 * Period × kind × urgency counts (one GROUP BY) rolled up into the SPEC §10 rows (contract before
 * event, normal before urgent) and into one row per period present, in period order.
 */
export function rollUpSla(counts: readonly SlaCount[]) {
  const kinds = new Map<string, SlaCount>();
  const periods = new Map<number, Counts>();
  for (const c of counts) {
    const key = `${c.serviceKind}:${c.urgent ? 1 : 0}`;
    const k = kinds.get(key);
    kinds.set(key, k ? { ...k, ...add(k, c) } : { ...c });
    periods.set(c.period, add(periods.get(c.period) ?? ZERO, c));
  }
  const byKind = [...kinds.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, c]) => ({
      serviceKind: c.serviceKind,
      urgent: c.urgent,
      total: c.total,
      met: c.met,
      breached: c.breached,
      pending: c.pending,
    }));
  const byPeriod = [...periods.entries()].sort(([a], [b]) => a - b).map(([period, c]) => ({ period, ...c }));
  return { byKind, byPeriod };
}
