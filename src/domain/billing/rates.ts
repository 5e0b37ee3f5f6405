/**
 * The price list (issue #14 item 1): hourly rates by category and attention mode. The most specific
 * match wins: category+mode, then category, then mode, then the default (neither).
 */
import type { AttentionMode } from "../../contract/tickets.js";

export interface RateRule {
  category: string | null;
  mode: AttentionMode | null;
  hourlyRateCents: number;
}

export type RateSource = "category_mode" | "category" | "mode" | "default" | "none";

/** The rate that applies to a category and mode, and which rule gave it (`none`: no rule matches). */
export function resolveRate(
  rules: readonly RateRule[],
  category: string | null,
  mode: AttentionMode | null,
): { hourlyRateCents: number | null; source: RateSource } {
  const find = (c: string | null, m: AttentionMode | null) =>
    rules.find((r) => r.category === c && r.mode === m);
  const tries: [string | null, AttentionMode | null, RateSource][] = [
    [category, mode, "category_mode"],
    [category, null, "category"],
    [null, mode, "mode"],
    [null, null, "default"],
  ];
  for (const [c, m, source] of tries) {
    if ((source === "category_mode" || source === "category") && c === null) continue;
    if ((source === "category_mode" || source === "mode") && m === null) continue;
    const hit = find(c, m);
    if (hit) return { hourlyRateCents: hit.hourlyRateCents, source };
  }
  return { hourlyRateCents: null, source: "none" };
}

const MODE_ORDER: readonly AttentionMode[] = ["onsite", "office", "remote", "phone"];

/** The attention mode with the most minutes (ties: onsite, office, remote, phone); null without time. */
export function dominantMode(entries: readonly { mode: AttentionMode; minutes: number }[]) {
  const sums = new Map<AttentionMode, number>();
  for (const e of entries) sums.set(e.mode, (sums.get(e.mode) ?? 0) + e.minutes);
  let best: AttentionMode | null = null;
  for (const mode of MODE_ORDER) {
    const m = sums.get(mode) ?? 0;
    if (m > 0 && (best === null || m > (sums.get(best) ?? 0))) best = mode;
  }
  return best;
}
