/**
 * The growth bench's verdicts and Markdown (bench/http-growth.ts): each read at the small and the
 * large size, measured side by side, against issue #16's «at 1,000,000 tickets no more than 1.5× the
 * 100,000 figure» (server CPU per request of each queue page), p99 < 50 ms at the large size, a queue
 * page ≤ 1 ms at the small one, a search ≤ 10 ms at the large one, and a deep page against the first.
 * Keys: `small.<scenario figure>` and `large.<scenario figure>`, as bench/http-load.ts names them.
 */
import { scenarioLabels } from "./http-report.js";
import { QUEUE_PAGES } from "./http-targets.js";

export type GrowthResults = Record<string, number | string>;

const SEARCHES = ["listQFolio", "listQ", "listQCommon"];
const ratio = (large: number, small: number) => Math.round((large / small) * 100) / 100;
const shown = (times: number) => `${(Math.round(times * 100) / 100).toFixed(2)}×`;

/** The read among `keys` that grew most from small to large in `measure`, and by how much. */
function mostGrown(r: GrowthResults, keys: string[], measure: string) {
  const grown = keys
    .filter((k) => Number.isFinite(r[`small.${k}${measure}`]) && Number.isFinite(r[`large.${k}${measure}`]))
    .map((k) => ({
      key: k,
      // Unrounded: 1.504× is past 1.5×.
      times: (r[`large.${k}${measure}`] as number) / (r[`small.${k}${measure}`] as number),
    }));
  return grown.reduce<(typeof grown)[number] | null>(
    (most, g) => (!most || g.times > most.times ? g : most),
    null,
  );
}

/** The worst of `measure` over `keys` at one size (NaN when none was measured). */
function worst(r: GrowthResults, size: "small" | "large", keys: string[], measure: string): number {
  const values = keys.map((k) => r[`${size}.${k}${measure}`]).filter((v): v is number => Number.isFinite(v));
  return values.length ? Math.max(...values) : Number.NaN;
}

const verdict = (ok: boolean) => (ok ? "met" : "missed");

/** The run's verdicts, written into `r` (only those whose reads the run measured). */
export function judgeGrowth(r: GrowthResults): void {
  const cpu = mostGrown(r, QUEUE_PAGES, "ServerCpuUsPerReq");
  if (cpu) {
    r.queueCpuMostGrown = `${cpu.key}, ${shown(cpu.times)}`;
    r.targetQueueCpuGrowth = verdict(cpu.times <= 1.5);
  }
  const p99 = mostGrown(r, QUEUE_PAGES, "P99Ms");
  if (p99) r.queueP99MostGrown = `${p99.key}, ${shown(p99.times)}`;
  const largeP99 = worst(r, "large", QUEUE_PAGES, "P99Ms");
  if (Number.isFinite(largeP99)) {
    r.largeWorstQueueP99Ms = largeP99;
    r.targetLargeQueueP99 = verdict(largeP99 < 50);
  }
  const smallCpu = worst(r, "small", QUEUE_PAGES, "ServerCpuUsPerReq");
  if (Number.isFinite(smallCpu)) {
    r.smallWorstQueueCpuUs = smallCpu;
    r.targetSmallQueueCpu = verdict(smallCpu <= 1_000);
  }
  const searchCpu = worst(r, "large", SEARCHES, "ServerCpuUsPerReq");
  if (Number.isFinite(searchCpu)) {
    r.largeWorstSearchCpuUs = searchCpu;
    r.targetLargeSearchCpu = verdict(searchCpu <= 10_000);
  }
  const deep = r["large.listDeepServerCpuUsPerReq"];
  const first = r["large.listDefaultServerCpuUsPerReq"];
  if (typeof deep === "number" && typeof first === "number") r.largeDeepToFirst = ratio(deep, first);
}

/** The run's Markdown; the verdicts are judged again from its figures (a saved run renders by today's rules). */
export function formatGrowthBench(results: GrowthResults): string {
  const r = { ...results };
  judgeGrowth(r);
  const n = (k: string) =>
    typeof r[k] === "number" ? (r[k] as number).toLocaleString("en-US") : String(r[k] ?? "–");
  const [small, large] = [n("smallTickets"), n("largeTickets")];
  const onPg = r.database === "PostgreSQL";
  const times = (key: string, measure: string) => {
    const [s, l] = [r[`small.${key}${measure}`], r[`large.${key}${measure}`]];
    return typeof s === "number" && typeof l === "number" ? `${ratio(l, s).toFixed(2)}×` : "–";
  };
  const cells = (key: string, measure: string) =>
    `${n(`small.${key}${measure}`)} | ${n(`large.${key}${measure}`)} | ${times(key, measure)}`;
  const rows = scenarioLabels({
    database: String(r.database),
    rareWordMatches: r["large.rareWordMatches"] ?? "",
  })
    .filter(([key]) => r[`small.${key}Rps`] !== undefined && r[`large.${key}Rps`] !== undefined)
    .map(
      ([key, label]) =>
        `| ${label} | ${cells(key, "ServerCpuUsPerReq")} | ${cells(key, "P99Ms")} |${onPg ? ` ${cells(key, "PostgresCpuUsPerReq")} |` : ""}`,
    );
  const measures: [string, string][] = [
    ["queue page server CPU, most grown (target ≤ 1.5×)", "{queueCpuMostGrown}: {targetQueueCpuGrowth}"],
    ["queue page p99, most grown (no target)", "{queueP99MostGrown}"],
    [`worst queue page p99 at ${large} (target < 50 ms)`, "{largeWorstQueueP99Ms} ms: {targetLargeQueueP99}"],
    [
      `worst queue page server CPU at ${small} (target ≤ 1,000 µs)`,
      "{smallWorstQueueCpuUs} µs: {targetSmallQueueCpu}",
    ],
    [
      `worst search server CPU at ${large} (target ≤ 10,000 µs)`,
      "{largeWorstSearchCpuUs} µs: {targetLargeSearchCpu}",
    ],
    [`a page 90 % into the queue / its first page, server CPU at ${large}`, "{largeDeepToFirst}"],
    [
      "RSS at start, before any request",
      `{small.rssAtStartMb} MB at ${small}; {large.rssAtStartMb} MB at ${large}`,
    ],
    ["RSS after the run", `{small.rssAfterRunMb} MB at ${small}; {large.rssAfterRunMb} MB at ${large}`],
    ["seeding (not measured)", `{small.seedSeconds} s for ${small}; {large.seedSeconds} s for ${large}`],
    ["machine 1-min load average during the run", "{loadAverage1m}"],
  ];
  const filled = (template: string) => template.replace(/\{([\w.]+)\}/g, (_, k: string) => n(k));
  const measured = (template: string) =>
    [...template.matchAll(/\{([\w.]+)\}/g)].every((m) => r[m[1] as string] !== undefined);
  return [
    `${small} and ${large} tickets on ${r.database}, one Mesa on each, measured side by side: ${n("rounds")} rounds of ${n("secondsPerScenario")} s per read and size, the two sizes taking turns to go first; ${n("connections")} connections; server CPU: the rounds' median (${n("platform")}, node ${n("node")} ${r.nodeFlags ?? ""})`,
    "",
    `| Read | server CPU µs/req at ${small} | at ${large} | × | p99 ms at ${small} | at ${large} | × |${onPg ? ` PostgreSQL CPU µs/req at ${small} | at ${large} | × |` : ""}`,
    `|---|---:|---:|---:|---:|---:|---:|${onPg ? "---:|---:|---:|" : ""}`,
    ...rows,
    "",
    "| Measure | Value |",
    "|---|---:|",
    ...measures
      .filter(([, template]) => measured(template))
      .map(([label, template]) => `| ${label} | ${filled(template)} |`),
  ].join("\n");
}
