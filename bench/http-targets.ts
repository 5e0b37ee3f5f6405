/**
 * Issue #16's queue page targets past 100,000 tickets: «≤ 1 ms of server CPU … at 100,000 tickets, and
 * p99 < 50 ms …; at 1,000,000 tickets no more than 1.5× the 100,000 figure». Each queue page is compared
 * with the same page at 100,000 tickets (not the worst with the worst, which could hide one page that
 * grew), and only with a run that is comparable: same database, machine, Node flags, connections,
 * seconds per scenario and rounds. The p99 keeps its absolute 50 ms verdict beside the ratio.
 */
export type HttpResults = Record<string, number | string>;

/** The queue pages' scenario keys (the searches start with listQ). */
export const QUEUE_PAGES = [
  "listDefault",
  "listStatus",
  "listAssignee",
  "listClient",
  "listBreached",
  "listDeep",
];

const SAME_RUN_SHAPE = [
  "database",
  "platform",
  "nodeFlags",
  "connections",
  "secondsPerScenario",
  "rounds",
] as const;

/** The middle of a scenario's per-round figures (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

/** Why `base` cannot be compared with `current`, or null when it can. */
export function notComparable(current: HttpResults, base: HttpResults): string | null {
  const differs = SAME_RUN_SHAPE.filter((k) => String(current[k] ?? "") !== String(base[k] ?? ""));
  return differs.length ? `the 100,000 run differs in ${differs.join(", ")}` : null;
}

/** The page that grew most in `measure` from `base` to `current`, and by how much. */
function mostGrown(current: HttpResults, base: HttpResults, measure: "ServerCpuUsPerReq" | "P99Ms") {
  const grown = QUEUE_PAGES.filter(
    (k) => Number.isFinite(current[`${k}${measure}`]) && Number.isFinite(base[`${k}${measure}`]),
  ).map((k) => ({
    page: k,
    now: current[`${k}${measure}`] as number,
    at100k: base[`${k}${measure}`] as number,
  }));
  return grown.reduce<(typeof grown)[number] | null>(
    (most, g) => (!most || g.now / g.at100k > most.now / most.at100k ? g : most),
    null,
  );
}

const times = (g: { now: number; at100k: number }) =>
  `${(Math.round((g.now / g.at100k) * 100) / 100).toFixed(2)}×`;

/**
 * The queue page target fields of a run past 100,000 tickets, given the saved 100,000 run of the same
 * database (or null): `queueCpuTarget`, `targetQueueCpu`, `targetListP99Under50Ms`.
 */
export function queueTargetsPastBase(current: HttpResults, base: HttpResults | null): HttpResults {
  const absoluteP99 = (current.worstQueueP99Ms as number) < 50 ? "met" : "missed";
  const why = base ? notComparable(current, base) : "no saved run at 100,000 tickets";
  const cpu = base && !why ? mostGrown(current, base, "ServerCpuUsPerReq") : null;
  const p99 = base && !why ? mostGrown(current, base, "P99Ms") : null;
  if (!cpu || !p99) {
    return {
      queueCpuTarget: "≤ 1,000 µs",
      targetQueueCpu: `${(current.worstQueueCpuUs as number) <= 1_000 ? "met" : "missed"} (${why ?? "no page in both runs"})`,
      targetListP99Under50Ms: absoluteP99,
    };
  }
  const day = String(base?.date).slice(0, 10);
  const verdict = (g: { now: number; at100k: number }) => (g.now <= 1.5 * g.at100k ? "met" : "missed");
  return {
    queueCpuTarget: `each page ≤ 1.5× itself at 100,000 tickets, ${day}`,
    targetQueueCpu: `most grown ${cpu.page} ${cpu.at100k} → ${cpu.now} µs, ${times(cpu)}: ${verdict(cpu)}`,
    targetListP99Under50Ms: `${absoluteP99}; most grown ${p99.page} ${p99.at100k} → ${p99.now} ms, ${times(p99)} (≤ 1.5×: ${verdict(p99)})`,
  };
}
