/**
 * Issue #16's queue page targets past 100,000 tickets: «≤ 1 ms of server CPU … at 100,000 tickets, and
 * p99 < 50 ms …; at 1,000,000 tickets no more than 1.5× the 100,000 figure». Each queue page is compared
 * with the same page at 100,000 tickets (not the worst with the worst, which could hide one page that
 * grew), and only with a run that is comparable: same database, machine, Node flags, connections,
 * seconds per scenario and rounds. The p99 keeps its absolute 50 ms verdict beside the ratio.
 */
export type HttpResults = Record<string, number | string>;

/** The queue pages' scenario keys, each ticket whole as the API answers by default (searches: listQ…). */
export const QUEUE_PAGES = [
  "listDefault",
  "listStatus",
  "listAssignee",
  "listClient",
  "listBreached",
  "listDeep",
] as const;

/** The key of a queue page asked as the web app's lists ask it, each ticket a row (view=summary). */
export const rowsOf = (page: string) =>
  page === "listDefault" ? "listRows" : page.replace(/^list/, "listRows");

/** The same pages as rows: listRows, listRowsStatus, … */
export const QUEUE_ROWS = QUEUE_PAGES.map(rowsOf);

/** Both: a page must not cost more at a million tickets whichever way it is asked. */
const ALL_QUEUE_PAGES: readonly string[] = [...QUEUE_PAGES, ...QUEUE_ROWS];

const SAME_RUN_SHAPE = [
  "database",
  "platform",
  "nodeFlags",
  "connections",
  "secondsPerScenario",
  "rounds",
] as const;

/**
 * The middle of a scenario's per-round figures (the mean of the middle two for an even count, rounded
 * to an integer unless `round` is false: a ratio keeps its decimals).
 */
export function median(values: number[], round = true): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length % 2) return sorted[mid]!;
  const mean = (sorted[mid - 1]! + sorted[mid]!) / 2;
  return round ? Math.round(mean) : mean;
}

/** Why `base` cannot be compared with `current`, or null when it can. */
export function notComparable(current: HttpResults, base: HttpResults): string | null {
  const differs = SAME_RUN_SHAPE.filter((k) => String(current[k] ?? "") !== String(base[k] ?? ""));
  return differs.length ? `the 100,000 run differs in ${differs.join(", ")}` : null;
}

/** The page that grew most in `measure` from `base` to `current`, and by how much. */
function mostGrown(current: HttpResults, base: HttpResults, measure: "ServerCpuUsPerReq" | "P99Ms") {
  const grown = ALL_QUEUE_PAGES.filter(
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

/**
 * A run's results against issue #16's targets, written into `out`: the create/bare ratio, the worst
 * queue page and search, and past 100,000 tickets each page against `base`, the saved 100,000 run.
 * `keys` are the scenarios the run measured.
 */
export function judgeTargets(out: HttpResults, keys: string[], base: HttpResults | null): void {
  out.createToBareRatio = Math.round(((out.createRps as number) / (out.bareRps as number)) * 1000) / 1000;
  out.targetCreateAtLeast40PctOfBare = (out.createToBareRatio as number) >= 0.4 ? "met" : "missed";
  // On a shared machine the load generator competes with both servers for the same cores, so the
  // throughput ratio drifts with the load; for one event loop, throughput is 1 / CPU per request.
  out.createToBareCpuRatio =
    Math.round(((out.bareServerCpuUsPerReq as number) / (out.createServerCpuUsPerReq as number)) * 1000) /
    1000;
  // The worst of a measure over some scenarios the run measured. Issue #16's targets: a queue page ≤ 1
  // ms of server CPU and p99 < 50 ms (item 2), judged apart for the full pages (the API's default) and
  // the pages of rows the web app asks; a search ≤ 3 ms of CPU at 100,000 tickets, ≤ 10 ms at a
  // million (its p99 is shown, without a target).
  const worst = (measure: "P99Ms" | "ServerCpuUsPerReq", among: readonly string[]) =>
    Math.max(...keys.filter((k) => among.includes(k)).map((k) => out[`${k}${measure}`] as number));
  const searches = keys.filter((k) => k.startsWith("listQ"));
  out.worstQueueP99Ms = worst("P99Ms", QUEUE_PAGES);
  out.worstRowsP99Ms = worst("P99Ms", QUEUE_ROWS);
  out.worstSearchP99Ms = worst("P99Ms", searches);
  out.targetListP99Under50Ms = out.worstQueueP99Ms < 50 ? "met" : "missed";
  out.targetRowsP99Under50Ms = out.worstRowsP99Ms < 50 ? "met" : "missed";
  out.worstQueueCpuUs = worst("ServerCpuUsPerReq", QUEUE_PAGES);
  out.worstRowsCpuUs = worst("ServerCpuUsPerReq", QUEUE_ROWS);
  out.worstSearchCpuUs = worst("ServerCpuUsPerReq", searches);
  out.searchCpuTargetUs = (out.tickets as number) >= 1_000_000 ? 10_000 : 3_000;
  out.targetQueueCpu = out.worstQueueCpuUs <= 1_000 ? "met" : "missed";
  out.targetRowsCpu = out.worstRowsCpuUs <= 1_000 ? "met" : "missed";
  if ((out.tickets as number) > 100_000) {
    Object.assign(out, queueTargetsPastBase(out, base));
    // Past 100,000 tickets a page's target is its own growth, judged above over the rows too.
    out.targetRowsCpu = "see the growth above";
  }
  out.targetSearchCpu = out.worstSearchCpuUs <= out.searchCpuTargetUs ? "met" : "missed";
}
