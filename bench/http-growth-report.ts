/**
 * The growth bench's verdicts and Markdown (bench/http-growth.ts): each read at the small and the
 * large size, measured side by side, against issue #16's «at 1,000,000 tickets no more than 1.5× the
 * 100,000 figure» (server CPU per request of each queue page), p99 < 50 ms at the large size, a queue
 * page ≤ 1 ms at the small one, a search ≤ 10 ms at the large one, and a deep page against the first.
 * Keys: `small.<scenario figure>` and `large.<scenario figure>`, as bench/http-load.ts names them.
 * "Server CPU" is Mesa's process: on PostgreSQL the database's CPU is in columns of its own, and a
 * measure adds the two.
 */
import { scenarioLabels } from "./http-report.js";
import { median, QUEUE_PAGES, QUEUE_ROWS } from "./http-targets.js";

export type GrowthResults = Record<string, number | string>;

const SEARCHES = ["listQFolio", "listQ", "listQCommon"];
/** Every queue page, whole and as rows: none may grow past 1.5×. */
const QUEUE: readonly string[] = [...QUEUE_PAGES, ...QUEUE_ROWS];
const SIZES = ["small", "large"] as const;
const shown = (times: number) => `${(Math.round(times * 100) / 100).toFixed(2)}×`;
const num = (r: GrowthResults, key: string) => (typeof r[key] === "number" ? (r[key] as number) : Number.NaN);

/**
 * How much `key` grew from small to large in `measure`. Server CPU pairs the rounds (each round
 * measured both sizes back to back, so their ratio is free of the machine's drift) and takes the
 * median ratio; other measures divide the two sizes' figures. NaN when either size lacks it.
 */
export function growth(r: GrowthResults, key: string, measure: string): number {
  const rounds = SIZES.map((size) =>
    String(r[`${size}.${key}${measure}Rounds`] ?? "")
      .split(" ")
      .filter(Boolean)
      .map(Number),
  );
  const [small, large] = rounds as [number[], number[]];
  if (small.length > 0 && small.length === large.length)
    return median(
      small.map((s, i) => large[i]! / s),
      false,
    );
  return num(r, `large.${key}${measure}`) / num(r, `small.${key}${measure}`);
}

/** Mesa's and PostgreSQL's CPU per request of `key` at one size (NaN off PostgreSQL). */
const withDatabase = (r: GrowthResults, size: string, key: string) =>
  num(r, `${size}.${key}ServerCpuUsPerReq`) + num(r, `${size}.${key}PostgresCpuUsPerReq`);

/** Reads among `keys` that did not answer every request with a 2xx at both sizes. */
function failedOf(r: GrowthResults, keys: string[]): string[] {
  return keys.filter((k) =>
    SIZES.some(
      (size) =>
        r[`${size}.${k}Rps`] !== undefined &&
        (num(r, `${size}.${k}Non2xx`) > 0 ||
          num(r, `${size}.${k}Errors`) > 0 ||
          r[`${size}.${k}Requests`] === 0),
    ),
  );
}

/** The key whose value is largest (NaN values skipped), or null. */
function largest(
  keys: readonly string[],
  value: (k: string) => number,
): { key: string; value: number } | null {
  let best: { key: string; value: number } | null = null;
  for (const key of keys) {
    const v = value(key);
    if (Number.isFinite(v) && (!best || v > best.value)) best = { key, value: v };
  }
  return best;
}

/** The run's verdicts, written into `r` (only those whose reads the run measured). */
export function judgeGrowth(r: GrowthResults): void {
  // A page answered with errors is cheap and fast: no target is met on its figures.
  const failed = failedOf(r, [...QUEUE, ...SEARCHES]);
  const verdict = (ok: boolean, keys: readonly string[]) => {
    const bad = keys.filter((k) => failed.includes(k));
    return bad.length ? `missed (not every answer 2xx: ${bad.join(", ")})` : ok ? "met" : "missed";
  };
  const cpu = largest(QUEUE, (k) => growth(r, k, "ServerCpuUsPerReq"));
  if (cpu) {
    r.queueCpuMostGrown = `${cpu.key}, ${shown(cpu.value)}`;
    // Unrounded: 1.504× is past 1.5×.
    r.targetQueueCpuGrowth = verdict(cpu.value <= 1.5, QUEUE);
  }
  const p99 = largest(QUEUE, (k) => growth(r, k, "P99Ms"));
  if (p99) r.queueP99MostGrown = `${p99.key}, ${shown(p99.value)}`;
  const both = largest(QUEUE, (k) => withDatabase(r, "large", k) / withDatabase(r, "small", k));
  if (both) r.queueCpuWithDatabaseMostGrown = `${both.key}, ${shown(both.value)}`;
  // The absolute targets, for the full pages (the API's default) and the rows (the web app's) apart.
  for (const [pages, name] of [
    [QUEUE_PAGES, "Queue"],
    [QUEUE_ROWS, "Rows"],
  ] as const) {
    const largeP99 = largest(pages, (k) => num(r, `large.${k}P99Ms`));
    if (largeP99) {
      r[`largeWorst${name}P99Ms`] = largeP99.value;
      r[`targetLarge${name}P99`] = verdict(largeP99.value < 50, pages);
    }
    const smallCpu = largest(pages, (k) => num(r, `small.${k}ServerCpuUsPerReq`));
    if (smallCpu) {
      r[`smallWorst${name}CpuUs`] = smallCpu.value;
      r[`targetSmall${name}Cpu`] = verdict(smallCpu.value <= 1_000, pages);
    }
  }
  const searchCpu = largest(SEARCHES, (k) => num(r, `large.${k}ServerCpuUsPerReq`));
  if (searchCpu) {
    r.largeWorstSearchCpuUs = searchCpu.value;
    r.targetLargeSearchCpu = verdict(searchCpu.value <= 10_000, SEARCHES);
  }
  const searchBoth = largest(SEARCHES, (k) => withDatabase(r, "large", k));
  if (searchBoth) r.largeWorstSearchWithDatabaseUs = searchBoth.value;
  for (const [deepKey, firstKey, name] of [
    ["listDeep", "listDefault", "largeDeepToFirst"],
    ["listRowsDeep", "listRows", "largeRowsDeepToFirst"],
  ] as const) {
    const deep = num(r, `large.${deepKey}ServerCpuUsPerReq`) / num(r, `large.${firstKey}ServerCpuUsPerReq`);
    if (Number.isFinite(deep)) r[name] = Math.round(deep * 100) / 100;
  }
}

/** The run's Markdown; the verdicts are judged again from its figures (a saved run renders by today's rules). */
export function formatGrowthBench(results: GrowthResults): string {
  const r = { ...results };
  judgeGrowth(r);
  const n = (k: string) =>
    typeof r[k] === "number" ? (r[k] as number).toLocaleString("en-US") : String(r[k] ?? "–");
  const [small, large] = [n("smallTickets"), n("largeTickets")];
  const onPg = r.database === "PostgreSQL";
  const cells = (key: string, measure: string) => {
    const times = growth(r, key, measure);
    return `${n(`small.${key}${measure}`)} | ${n(`large.${key}${measure}`)} | ${Number.isFinite(times) ? shown(times) : "–"}`;
  };
  const answers = (key: string) =>
    SIZES.map((size) => num(r, `${size}.${key}Non2xx`) + num(r, `${size}.${key}Errors`))
      .map((v) => (Number.isFinite(v) ? v.toLocaleString("en-US") : "–"))
      .join(" / ");
  // A search's matches differ with the size: both are shown.
  const matches = `${n("small.rareWordMatches")} / ${n("large.rareWordMatches")}`;
  const rows = scenarioLabels({ database: String(r.database), rareWordMatches: matches })
    .filter(([key]) => r[`small.${key}Rps`] !== undefined && r[`large.${key}Rps`] !== undefined)
    .map(
      ([key, label]) =>
        `| ${label} | ${cells(key, "ServerCpuUsPerReq")} | ${cells(key, "P99Ms")} |${onPg ? ` ${cells(key, "PostgresCpuUsPerReq")} |` : ""} ${answers(key)} |`,
    );
  const measures: [string, string][] = [
    [
      "queue page server CPU, most grown of the full pages and the rows (median of the rounds' ratios; target ≤ 1.5×)",
      "{queueCpuMostGrown}: {targetQueueCpuGrowth}",
    ],
    ["queue page p99, most grown of both kinds (no target)", "{queueP99MostGrown}"],
    ...(onPg
      ? ([
          [
            "queue page Mesa + PostgreSQL CPU, most grown of both kinds (no target)",
            "{queueCpuWithDatabaseMostGrown}",
          ],
        ] as [string, string][])
      : []),
    [
      `worst queue page p99 at ${large}, full tickets (target < 50 ms)`,
      "{largeWorstQueueP99Ms} ms: {targetLargeQueueP99}",
    ],
    [
      `worst queue page p99 at ${large}, rows as the web app asks (target < 50 ms)`,
      "{largeWorstRowsP99Ms} ms: {targetLargeRowsP99}",
    ],
    [
      `worst queue page server CPU at ${small}, full tickets (target ≤ 1,000 µs)`,
      "{smallWorstQueueCpuUs} µs: {targetSmallQueueCpu}",
    ],
    [
      `worst queue page server CPU at ${small}, rows as the web app asks (target ≤ 1,000 µs)`,
      "{smallWorstRowsCpuUs} µs: {targetSmallRowsCpu}",
    ],
    [
      `worst search server CPU at ${large} (target ≤ 10,000 µs)`,
      "{largeWorstSearchCpuUs} µs: {targetLargeSearchCpu}",
    ],
    ...(onPg
      ? ([
          [
            `worst search Mesa + PostgreSQL CPU at ${large} (no target)`,
            "{largeWorstSearchWithDatabaseUs} µs",
          ],
        ] as [string, string][])
      : []),
    [`a page 90 % into the queue / its first page, server CPU at ${large}`, "{largeDeepToFirst}"],
    [`the same, rows as the web app asks, server CPU at ${large}`, "{largeRowsDeepToFirst}"],
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
    `${small} and ${large} tickets on ${r.database}, one Mesa on each, measured side by side: ${n("rounds")} rounds of ${n("secondsPerScenario")} s per read and size, the two sizes taking turns to go first; ${n("connections")} connections; server CPU: Mesa's process, the rounds' median (${n("platform")}, node ${n("node")} ${r.nodeFlags ?? ""})`,
    "",
    `| Read | server CPU µs/req at ${small} | at ${large} | × | p99 ms at ${small} | at ${large} | × |${onPg ? ` PostgreSQL CPU µs/req at ${small} | at ${large} | × |` : ""} not 2xx |`,
    `|---|---:|---:|---:|---:|---:|---:|${onPg ? "---:|---:|---:|" : ""}---:|`,
    ...rows,
    "",
    "| Measure | Value |",
    "|---|---:|",
    ...measures
      .filter(([, template]) => measured(template))
      .map(([label, template]) => `| ${label} | ${filled(template)} |`),
  ].join("\n");
}
