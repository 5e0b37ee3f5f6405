/**
 * Where a cold load of the queue spends its time, from Chromium's own trace (not a README figure):
 * the renderer main thread's CPU by kind of work (script run per file, style, layout, paint; thread
 * time, so a busy machine does not stretch it), the requests' start and end, and the CPU profiler's
 * samples per source file and function (wall-clock samples: on a loaded machine they also count the
 * time the thread waited for a core). `npx tsx bench/web-profile.ts [runs]` after `npm run build`.
 * - BENCH_WEB_PROFILE=intake: pressing "Entrar" at /intake instead of a cold queue;
 * - BENCH_WEB_DIST=<built web folder>: that build (`vite build --sourcemap` maps samples to sources);
 * - BENCH_WEB_TASKS=1: the main thread's tasks over BENCH_WEB_TASK_MS (8) of CPU, in order;
 *   BENCH_WEB_WINDOW=from-to (ms): every task in that window;
 * - BENCH_WEB_THREADS=1: CPU per traced thread; BENCH_WEB_INCLUSIVE=1: inclusive time per function
 *   (BENCH_WEB_INCLUSIVE_MATCH=text keeps the functions whose place contains it);
 * - BENCH_WEB_TICKETS=n: seed n tickets instead of 60 (the queue shows up to 50).
 */
import type { CDPSession, Page } from "playwright-core";
import { launchBrowser, PASSWORD } from "../e2e/helpers.js";
import { resourceTimeline, timeToIntakeAfterLogin, timeToQueue } from "../e2e/perf.js";
import { serve, type Target } from "./web.js";
import { cpuSummary, type ProfileEvent } from "./web-cpu.js";

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) time of the event, where the trace has it: unlike `dur`, not stretched by a busy machine. */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { url?: string; styleSheetUrl?: string }; fileName?: string };
}

const CATEGORIES = [
  "devtools.timeline",
  "v8.execute",
  "v8",
  "blink",
  "loading",
  "disabled-by-default-devtools.timeline",
  "disabled-by-default-v8.cpu_profiler",
].join(",");

async function trace(cdp: CDPSession, run: () => Promise<number>) {
  const events: TraceEvent[] = [];
  cdp.on("Tracing.dataCollected", ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once("Tracing.tracingComplete", () => resolve()));
  await cdp.send("Tracing.start", { categories: CATEGORIES, transferMode: "ReportEvents" });
  const ms = await run();
  await cdp.send("Tracing.end");
  await done;
  return { ms, events };
}

const short = (url = "") => url.replace(/^https?:\/\/[^/]+/, "").replace(/-[\w-]{8}\.js$/, ".js");

/** Self time (ms) of the main thread's complete events, by name (and file for script work). */
function mainThreadSelf(events: TraceEvent[], base: string) {
  // The page's renderer main thread: the one that ran the served scripts.
  const main =
    events.find((e) => e.name === "EvaluateScript" && e.args?.data?.url?.startsWith(base)) ??
    events.find((e) => e.name === "v8.compileModule" && e.args?.fileName?.startsWith(base));
  const mine = events
    .filter((e) => main && e.pid === main.pid && e.tid === main.tid && e.ph === "X" && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const totals = new Map<string, number>();
  const stack: { end: number; key: string; child: number; dur: number }[] = [];
  const close = (until: number) => {
    while (stack.length && stack.at(-1)!.end <= until) {
      const top = stack.pop()!;
      totals.set(top.key, (totals.get(top.key) ?? 0) + (top.dur - top.child) / 1000);
      if (stack.length) stack.at(-1)!.child += top.dur;
    }
  };
  for (const e of mine) {
    close(e.ts);
    const url = e.args?.data?.url ?? e.args?.fileName ?? e.args?.data?.styleSheetUrl;
    const cost = e.tdur ?? e.dur!;
    stack.push({ end: e.ts + e.dur!, key: url ? `${e.name} ${short(url)}` : e.name, child: 0, dur: cost });
  }
  close(Number.POSITIVE_INFINITY);
  if (process.env.BENCH_WEB_TASKS) printTasks(mine);
  return { pid: main?.pid ?? 0, self: [...totals].sort((a, b) => b[1] - a[1]) };
}

function describeTask(e: TraceEvent, mine: TraceEvent[], end: number, minInner: number): string {
  const inner = mine
    .filter((c) => c !== e && c.ts >= e.ts && c.ts + c.dur! <= end && c.dur! > minInner)
    .slice(0, 6)
    .map((c) => `${c.name.replace(/^v8\./, "")}${c.args?.data?.url ? ` ${short(c.args.data.url)}` : ""}`);
  const cpu = e.tdur === undefined ? "" : ` (cpu ${(e.tdur / 1000).toFixed(0)})`;
  return `+${(e.dur! / 1000).toFixed(0).padStart(4)}${cpu} ${e.name} | ${inner.join(" | ")}`;
}

/** The main thread's top-level tasks (over BENCH_WEB_TASK_MS of CPU, or all in BENCH_WEB_WINDOW), from the commit. */
function printTasks(mine: TraceEvent[]) {
  const nav = mine.find((e) => e.name === "CommitLoad" || e.name === "DocumentLoader::CommitNavigation");
  const t0 = nav?.ts ?? mine[0]?.ts ?? 0;
  const [from, to] = (process.env.BENCH_WEB_WINDOW ?? "").split("-").map(Number);
  const minCpu = Number(process.env.BENCH_WEB_TASK_MS ?? 8) * 1000;
  let end = 0;
  for (const e of mine) {
    if (e.ts < end) continue;
    end = e.ts + e.dur!;
    const at = (e.ts - t0) / 1000;
    const inWindow = from !== undefined && to !== undefined && at >= from && at <= to;
    if (!inWindow && (e.tdur ?? e.dur!) < minCpu) continue;
    console.log(`  @${at.toFixed(0).padStart(5)} ${describeTask(e, mine, end, inWindow ? 300 : 3000)}`);
  }
}

/** CPU (ms) of every traced thread: the sum of its top-level events' thread time, by process and thread name. */
function threadCpu(events: TraceEvent[]): string[] {
  const names = new Map<string, string>();
  for (const e of events) {
    if (e.name === "thread_name") names.set(`${e.pid}:${e.tid}`, e.args?.name ?? "?");
    if (e.name === "process_name") names.set(`${e.pid}`, e.args?.name ?? "?");
  }
  const ends = new Map<string, number>();
  const cpu = new Map<string, number>();
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    if (e.ph !== "X" || e.tdur === undefined) continue;
    const thread = `${e.pid}:${e.tid}`;
    if (e.ts < (ends.get(thread) ?? 0)) continue;
    ends.set(thread, e.ts + (e.dur ?? 0));
    const key = `${names.get(`${e.pid}`) ?? e.pid} / ${(names.get(thread) ?? "?").replace(/\d+$/, "")}`;
    cpu.set(key, (cpu.get(key) ?? 0) + e.tdur / 1000);
  }
  return [...cpu]
    .filter(([, ms]) => ms >= 3)
    .sort((a, b) => b[1] - a[1])
    .map(([key, ms]) => `${ms.toFixed(0).padStart(6)} ms  ${key}`);
}

async function metrics(cdp: CDPSession) {
  const { metrics } = await cdp.send("Performance.getMetrics");
  const get = (name: string) => Math.round((metrics.find((m) => m.name === name)?.value ?? 0) * 1000);
  return ["TaskDuration", "ScriptDuration", "RecalcStyleDuration", "LayoutDuration"]
    .map((n) => `${n.replace("Duration", "")} ${get(n)} ms`)
    .join(", ");
}

async function profileOnce(target: Target, intake: boolean): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  if (!intake) await context.addCookies(target.reception.cookies.map((c) => ({ ...c, url: target.base })));
  const page: Page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable");
  const rows = Math.min(50, Number(process.env.BENCH_WEB_TICKETS ?? 60));
  const { ms, events } = await trace(cdp, () =>
    intake
      ? timeToIntakeAfterLogin(page, `${target.base}/intake`, target.staff.reception.email, PASSWORD)
      : timeToQueue(page, `${target.base}/queue?view=open`, rows),
  );
  const main = mainThreadSelf(events, target.base);
  const cpu = main.self.reduce((sum, [, self]) => sum + self, 0);
  console.log(`\n${ms} ms; main thread CPU ${cpu.toFixed(0)} ms; ${await metrics(cdp)}`);
  for (const [key, self] of main.self.slice(0, 20)) {
    if (self >= 2) console.log(`  ${self.toFixed(0).padStart(6)} ms  ${key}`);
  }
  const dist = process.env.BENCH_WEB_DIST ?? "dist/web";
  const samples = cpuSummary(events as unknown as ProfileEvent[], main.pid, dist);
  console.log(["samples by file:", ...samples.selfFile, "by function:", ...samples.selfFn].join("\n  "));
  if (process.env.BENCH_WEB_THREADS) console.log(["CPU by thread:", ...threadCpu(events)].join("\n  "));
  if (process.env.BENCH_WEB_INCLUSIVE) console.log(["inclusive:", ...samples.inclusive].join("\n  "));
  console.log((await resourceTimeline(page)).map((l) => `  ${l}`).join("\n"));
  await context.close();
}

const target = await serve(process.env.BENCH_WEB_DIST);
const browser = await launchBrowser();
try {
  for (let i = 0; i < Number(process.argv[2] ?? 2); i++) {
    await profileOnce(target, process.env.BENCH_WEB_PROFILE === "intake");
  }
} finally {
  await browser.close();
  await target.stop();
}
