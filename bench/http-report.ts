/**
 * The HTTP bench's Markdown (bench/http.ts): the scenarios' table and the measures against issue #16's
 * targets. A partial run (BENCH_ONLY) shows only the rows and measures it took.
 */
import { WALK_BUDGET } from "../src/server/modules/tickets/list-repository.js";
import { COMMON_WORD, RARE_WORD, SHORT_WORD } from "./http-data.js";
import { judgeTargets, QUEUE_PAGES, type QueuePage, rowsOf } from "./http-targets.js";

export function formatHttpBench(results: Record<string, number | string>): string {
  const r = rejudged(results);
  const n = (k: string) =>
    typeof r[k] === "number" ? (r[k] as number).toLocaleString("en-US") : String(r[k]);
  // Results saved before the kernel's (or PostgreSQL's) part was recorded show "–" there.
  const maybe = (k: string) => (r[k] === undefined ? "–" : n(k));
  const onPg = r.database === "PostgreSQL";
  const pgCell = (key: string) => (onPg ? ` ${maybe(`${key}PostgresCpuUsPerReq`)} |` : "");
  // Runs before 6 December 2026 did not count the bytes.
  const withBytes = Object.keys(r).some((k) => k.endsWith("BytesPerResponse"));
  const bytesCell = (key: string) => (withBytes ? ` ${maybe(`${key}BytesPerResponse`)} |` : "");
  // A read measured in rounds shows its median with the rounds' range beside it.
  const cpuCell = (key: string) => {
    const rounds = String(r[`${key}ServerCpuUsPerReqRounds`] ?? "")
      .split(" ")
      .filter(Boolean)
      .map(Number);
    const range =
      rounds.length > 1
        ? ` (${Math.min(...rounds).toLocaleString("en-US")}–${Math.max(...rounds).toLocaleString("en-US")})`
        : "";
    return `${n(`${key}ServerCpuUsPerReq`)}${range}`;
  };
  // A scenario with no answer in time has no cost per request (its CPU went to something else).
  const row = (key: string, label: string) =>
    r[`${key}Requests`] === 0
      ? `| ${label} | 0 | – | – | no answer (${n(`${key}Errors`)} timeouts) | – |${onPg ? " – |" : ""}${withBytes ? " – |" : ""} ${n(`${key}Non2xx`)} |`
      : `| ${label} | ${n(`${key}Rps`)} | ${n(`${key}P50Ms`)} | ${n(`${key}P99Ms`)} | ${cpuCell(key)} | ${maybe(`${key}ServerSystemUsPerReq`)} |${pgCell(key)}${bytesCell(key)} ${n(`${key}Non2xx`)} |`;
  return [
    `${n("tickets")} tickets on ${r.database ?? "SQLite"}, ${n("connections")} connections, ${r.rounds ? `${n("rounds")} rounds of ${n("secondsPerScenario")} s per read (server CPU: the rounds' median)` : `${n("secondsPerScenario")} s per scenario`} (${n("platform")}, node ${n("node")}${r.nodeFlags ? ` ${r.nodeFlags}` : ""})`,
    "",
    `| Scenario | req/s | p50 ms | p99 ms | server CPU µs/req | of it kernel µs |${onPg ? " PostgreSQL CPU µs/req |" : ""}${withBytes ? " bytes per answer |" : ""} non-2xx |`,
    `|---|---:|---:|---:|---:|---:|${onPg ? "---:|" : ""}${withBytes ? "---:|" : ""}---:|`,
    ...shownRows(r, row),
    "",
    `| Measure | Value |`,
    "|---|---:|",
    ...measureLines(r, n),
  ].join("\n");
}

/**
 * A run at up to 100,000 tickets judged again by today's rules (a run saved before the rows were judged
 * apart shows their line); a larger run keeps the verdicts it was saved with, judged against the
 * 100,000 run saved then.
 */
function rejudged(results: Record<string, number | string>): Record<string, number | string> {
  if (typeof results.tickets !== "number" || results.tickets > 100_000) return results;
  const r = { ...results };
  const keys = Object.keys(r)
    .filter((k) => k.endsWith("Rps"))
    .map((k) => k.slice(0, -"Rps".length));
  judgeTargets(r, keys, null);
  return r;
}

/** Each queue page's query as shown and what it is (each also measured as rows: rowsOf). */
const QUEUE_PAGE_LABELS: Record<QueuePage, [query: string, what: string]> = {
  listDefault: ["/api/tickets?limit=50", "queue order"],
  listStatus: ["…&status=new,assigned", "two statuses"],
  listAssignee: ["…&assigneeId=…", "one technician"],
  listClient: ["…&clientId=…", "one client"],
  listBreached: ["…&breached=true", "past the response deadline"],
  listDeep: ["…&cursor=…", "a page 90% into the queue"],
};

/** The scenarios' keys and labels, in the table's order (a search's label says how many tickets match). */
export function scenarioLabels(r: Record<string, number | string>): [key: string, label: string][] {
  return [
    ["create", "POST /api/tickets (create)"],
    [
      "bare",
      `bare Fastify + ${r.database === "PostgreSQL" ? "pg" : "better-sqlite3"}, one INSERT into the same tickets table`,
    ],
    // Each queue page, then the same page as rows (view=summary), as the web app's lists ask it.
    ...QUEUE_PAGES.flatMap((key): [string, string][] => {
      const [query, what] = QUEUE_PAGE_LABELS[key];
      return [
        [key, `GET ${query} (${what})`],
        [
          rowsOf(key),
          `GET …&view=summary${key === "listDefault" ? "" : query.slice(1)} (${what}, as rows, as the web app asks)`,
        ],
      ];
    }),
    ["floorPage", "floor of the first page: Fastify + its one statement as Mesa runs it, rows sent as read"],
    ["floorRows", "floor of the first page as rows (view=summary), the same way"],
    ["listQFolio", "GET …&q=<a folio> (one match)"],
    ["listQ", `GET …&q=${RARE_WORD} (1 % of tickets: ${r.rareWordMatches?.toLocaleString("en-US")} matches)`],
    ["listQCommon", `GET …&q=${COMMON_WORD} (20 % of tickets: past the candidate cap)`],
    ["filteredWord", `GET …&q=${RARE_WORD}&assigneeId=… (the 1 % word in one technician's tickets)`],
    [
      "shortWord",
      `GET …&q=${SHORT_WORD} (two letters, no index: at most ${WALK_BUDGET.toLocaleString("en-US")} tickets walked per request)`,
    ],
  ];
}

/** The scenarios' rows in the table's order; a partial run's shows only those it measured. */
function shownRows(
  r: Record<string, number | string>,
  row: (key: string, label: string) => string,
): string[] {
  return scenarioLabels(r)
    .filter(([key]) => r[`${key}Rps`] !== undefined)
    .map(([key, label]) => row(key, label));
}

/**
 * The measures against the targets, `{key}` standing for a result; a line whose results a partial run
 * did not take (its scenarios skipped) is left out.
 */
function measureLines(r: Record<string, number | string>, n: (k: string) => string): string[] {
  const lines = [
    "create / bare throughput | {createToBareRatio} (target ≥ 0.4: {targetCreateAtLeast40PctOfBare})",
    "bare / create server CPU per request (throughput ratio of one event loop) | {createToBareCpuRatio}",
    "worst queue page p99, full tickets (target < 50 ms) | {worstQueueP99Ms} ms: {targetListP99Under50Ms}",
    "worst queue page p99, rows as the web app asks (target < 50 ms) | {worstRowsP99Ms} ms: {targetRowsP99Under50Ms}",
    "worst search p99 (no target) | {worstSearchP99Ms} ms",
    `worst queue page server CPU, full tickets (target ${r.queueCpuTarget ?? "≤ 1,000 µs"}) | {worstQueueCpuUs} µs: {targetQueueCpu}`,
    `worst queue page server CPU, rows as the web app asks (target ${r.rowsCpuTarget ?? "≤ 1,000 µs"}) | {worstRowsCpuUs} µs: {targetRowsCpu}`,
    "worst search server CPU (target ≤ {searchCpuTargetUs} µs) | {worstSearchCpuUs} µs: {targetSearchCpu}",
    "first page / its floor, server CPU (no target) | {pageToFloorCpuRatio}",
    "first page as rows / its floor, server CPU (no target) | {rowsToFloorCpuRatio}",
    "RSS after seeding | {rssAfterSeedMb} MB",
    "RSS at start, before any request | {rssAtStartMb} MB",
    "RSS after the run | {rssAfterRunMb} MB",
    `seeding (not measured) | {seedSeconds} s (${r.seedPhases ?? "phases not recorded"})`,
    "machine 1-min load average during the run | {loadAverage1m}",
  ];
  const measured = (k: string) => typeof r[k] === "string" || Number.isFinite(r[k]);
  const keys = (line: string) => [...line.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  return lines
    .filter((line) => keys(line).every(measured))
    .map((line) => `| ${line.replace(/\{(\w+)\}/g, (_, k: string) => n(k))} |`);
}
