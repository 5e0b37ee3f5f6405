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
export type QueuePage = (typeof QUEUE_PAGES)[number];

/** The key of a queue page asked as the web app's lists ask it, each ticket a row (view=summary). */
export const rowsOf = (page: string) =>
  page === "listDefault" ? "listRows" : page.replace(/^list/, "listRows");

/** The same pages as rows: listRows, listRowsStatus, … */
export const QUEUE_ROWS = QUEUE_PAGES.map(rowsOf);

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

/** The page among `pages` that grew most in `measure` from `base` to `current`, and by how much. */
function mostGrown(
  current: HttpResults,
  base: HttpResults,
  measure: "ServerCpuUsPerReq" | "P99Ms",
  pages: readonly string[],
) {
  const grown = pages.map((k) => ({
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

/** The full pages' fields, or the rows' (pages asked as the web app asks them). */
const KINDS = {
  full: {
    pages: QUEUE_PAGES,
    worst: "worstQueue",
    cpuTarget: "queueCpuTarget",
    cpu: "targetQueueCpu",
    p99: "targetListP99Under50Ms",
  },
  rows: {
    pages: QUEUE_ROWS,
    worst: "worstRows",
    cpuTarget: "rowsCpuTarget",
    cpu: "targetRowsCpu",
    p99: "targetRowsP99Under50Ms",
  },
} as const;

/**
 * The target fields of one kind of queue page in a run past 100,000 tickets, given the saved 100,000
 * run of the same database (or null): each page the run measured against itself there, or, when the
 * runs are not comparable or that run lacks one of the pages, the absolute targets with the reason.
 * Full pages: `queueCpuTarget`, `targetQueueCpu`, `targetListP99Under50Ms`; rows: `rowsCpuTarget`,
 * `targetRowsCpu`, `targetRowsP99Under50Ms`.
 */
export function queueTargetsPastBase(
  current: HttpResults,
  base: HttpResults | null,
  kind: keyof typeof KINDS = "full",
): HttpResults {
  const k = KINDS[kind];
  const measured = (r: HttpResults, page: string) => Number.isFinite(r[`${page}ServerCpuUsPerReq`]);
  const pages = k.pages.filter((page) => measured(current, page));
  const absent = base ? pages.filter((page) => !measured(base, page)) : [];
  const why = !base
    ? "no saved run at 100,000 tickets"
    : (notComparable(current, base) ??
      (absent.length ? `not in the 100,000 run: ${absent.join(", ")}` : pages.length ? null : "no page"));
  const absoluteP99 = (current[`${k.worst}P99Ms`] as number) < 50 ? "met" : "missed";
  const cpu = base && !why ? mostGrown(current, base, "ServerCpuUsPerReq", pages) : null;
  const p99 = base && !why ? mostGrown(current, base, "P99Ms", pages) : null;
  if (!cpu || !p99) {
    return {
      [k.cpuTarget]: "≤ 1,000 µs",
      [k.cpu]: `${(current[`${k.worst}CpuUs`] as number) <= 1_000 ? "met" : "missed"} (${why})`,
      [k.p99]: absoluteP99,
    };
  }
  const day = String(base?.date).slice(0, 10);
  const verdict = (g: { now: number; at100k: number }) => (g.now <= 1.5 * g.at100k ? "met" : "missed");
  return {
    [k.cpuTarget]: `each page ≤ 1.5× itself at 100,000 tickets, ${day}`,
    [k.cpu]: `most grown ${cpu.page} ${cpu.at100k} → ${cpu.now} µs, ${times(cpu)}: ${verdict(cpu)}`,
    [k.p99]: `${absoluteP99}; most grown ${p99.page} ${p99.at100k} → ${p99.now} ms, ${times(p99)} (≤ 1.5×: ${verdict(p99)})`,
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
  if ((out.tickets as number) > 100_000)
    Object.assign(out, queueTargetsPastBase(out, base, "full"), queueTargetsPastBase(out, base, "rows"));
  out.targetSearchCpu = out.worstSearchCpuUs <= out.searchCpuTargetUs ? "met" : "missed";
  floorRatios(out);
}

/**
 * The first queue page against its floor (bench/http-bare.ts, GET /bare/page: its statement alone on
 * the same data, the rows sent as read), server CPU per request: what the machine costs a page before
 * Mesa does anything of its own, and how much Mesa adds (no target: issue #16's is absolute).
 */
function floorRatios(out: HttpResults): void {
  const ratio = (page: string, floor: string) => {
    const [a, b] = [out[`${page}ServerCpuUsPerReq`], out[`${floor}ServerCpuUsPerReq`]];
    return typeof a === "number" && typeof b === "number" ? Math.round((a / b) * 100) / 100 : undefined;
  };
  const full = ratio("listDefault", "floorPage");
  const rows = ratio("listRows", "floorRows");
  if (full !== undefined) out.pageToFloorCpuRatio = full;
  if (rows !== undefined) out.rowsToFloorCpuRatio = rows;
}
