/** Pure figures the reports compute from small projections the database returns. */

/**
 * Nearest-rank percentile of an ascending list (p in 0..100): the smallest value with at least p %
 * of the list at or below it. Nearest-rank gives a value that really occurred, which reads better
 * in a report than an interpolated one. Empty list → null.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

/** Median and p90 of unsorted values (sorted here, numerically). */
export function distribution(values: readonly number[]): {
  count: number;
  median: number | null;
  p90: number | null;
} {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, median: percentile(sorted, 50), p90: percentile(sorted, 90) };
}

/** Histogram edges in minutes for response times: ≤30, ≤60, ≤120, ≤240, ≤480, more. */
export const RESPONSE_EDGES = [30, 60, 120, 240, 480] as const;

/** Counts per histogram bin: bin i holds values ≤ edges[i] and > edges[i-1]; the last bin the rest. */
export function histogram(values: readonly number[], edges: readonly number[]): number[] {
  const bins = new Array<number>(edges.length + 1).fill(0);
  for (const v of values) {
    let i = edges.findIndex((e) => v <= e);
    if (i < 0) i = edges.length;
    bins[i] = (bins[i] ?? 0) + 1;
  }
  return bins;
}

/** Share as a percentage with one decimal; null when there is nothing to share. */
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part * 1000) / whole) / 10;
}

/** An average from SQL (may come back as text from PostgreSQL) rounded to two decimals. */
export function average(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const n = Number(value);
  return Number.isFinite(n) ? Math.round(n * 100) / 100 : null;
}
