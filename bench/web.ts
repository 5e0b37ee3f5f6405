/**
 * Web app figures for the README, measured as served in production: `npm run build` (hashed assets
 * with their .br/.gz copies), then the compiled server (`node dist/server/main.js`) in its own
 * process, reached over TCP by headless Chromium (brotli, immutable cache headers, no-cache HTML).
 * - initial JavaScript (gzip) and all JavaScript of the login screen and of the queue;
 * - navigation → usable queue of 50 rows, cold (new browser context: empty cache and storage,
 *   signed in by cookie) and warm (same context, reloaded);
 * - pressing "Entrar" → the intake's first field editable, from a cold login screen at /intake;
 * - for each cold run, the CPU time all of Chromium's processes and the server used meanwhile (on a
 *   shared machine a steadier figure than wall time).
 * Run alone with `npx tsx bench/web.ts` (BENCH_WEB_RUNS=n cold runs, default 7; BENCH_WEB_TRACE=1
 * prints each request's start and end of one cold queue load; BENCH_WEB_TICKETS=n seeds n tickets
 * instead of 60), or through `npm run bench -- web`. bench/web-profile.ts shows where the time goes;
 * bench/web-floor.ts what the same harness measures for an empty page and for React alone (the floor).
 * BENCH_WEB_BASELINE=<a built web folder, assets precompressed> also serves that build from a second
 * server (same compiled server, same data) and alternates its cold runs with this build's, so both
 * face the same machine load: a before/after comparison on a busy machine (BENCH_WEB_BASELINE_NAME
 * names it in the table).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import {
  ADMIN,
  ApiSession,
  launchBrowser,
  PASSWORD,
  type Staff,
  seedClient,
  seedStaff,
} from "../e2e/helpers.js";
import {
  browserCpuMeter,
  initialJsGzip,
  median,
  resourceTimeline,
  routeJsGzip,
  seedTickets,
  timeToIntakeAfterLogin,
  timeToQueue,
} from "../e2e/perf.js";
import { buildRepo, ROOT, startProcess } from "../test/support/built-tree.js";
import { runWebFloor } from "./web-floor.js";

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 7);
const VIEWPORT = { viewport: { width: 1366, height: 900 } };
const WEB = path.join(ROOT, "dist", "web");

/** The compiled server on a new database, with an administrator and login limits out of the way. */
async function startBuiltServer(dataDir: string, webDist?: string) {
  return startProcess(ROOT, ["dist/server/main.js"], {
    ...(webDist ? { MESA_WEB_DIST: webDist } : {}),
    MESA_DATA_DIR: dataDir,
    MESA_ADMIN_EMAIL: ADMIN.email,
    MESA_ADMIN_PASSWORD: ADMIN.password,
    MESA_LOGIN_ATTEMPTS: "10000",
    MESA_LOGIN_IP_ATTEMPTS: "10000",
    MESA_LOGIN_CONCURRENCY_PER_IP: "100",
    MESA_RATE_LIMIT_PER_MINUTE: "1000000",
    MESA_JOBS: "false",
    LOG_LEVEL: "info",
  });
}

export interface Target {
  base: string;
  staff: Staff;
  reception: ApiSession;
  /** The server process's CPU time so far (ms, 10 ms resolution). */
  serverCpu: () => number;
  stop: () => Promise<void>;
}

/** CPU time (user + system) of a Linux process so far, in ms; 0 where /proc is missing. */
function processCpuMs(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime, stime: clock ticks of 10 ms
  } catch {
    return 0;
  }
}

/** A served build with its own database: staff, a client and 60 open tickets. */
export async function serve(webDist?: string): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-bench-web-"));
  const server = await startBuiltServer(dataDir, webDist);
  const base = server.url;
  const admin = await ApiSession.login(base, ADMIN.email, ADMIN.password);
  const staff = await seedStaff(admin);
  const { clientId } = await seedClient(admin);
  const reception = await ApiSession.login(base, staff.reception.email, PASSWORD);
  await seedTickets(reception, clientId, Number(process.env.BENCH_WEB_TICKETS ?? 60));
  const stop = async () => {
    server.child.kill("SIGTERM");
    await server.exit;
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  return { base, staff, reception, serverCpu: () => processCpuMs(server.child.pid), stop };
}

/** A run's wall time (ms, in the page) and the CPU time of the browser and of the server meanwhile. */
interface Run {
  ms: number;
  browserCpu: number;
  serverCpu: number;
}

/** One cold queue load in a new context (empty cache and storage) signed in by cookie. */
async function coldQueue(browser: Browser, target: Target, trace = false): Promise<Run> {
  const { reception, base } = target;
  const context = await browser.newContext(VIEWPORT);
  await context.addCookies(reception.cookies.map((c) => ({ ...c, url: base })));
  const page = await context.newPage();
  const browserCpu = await browserCpuMeter(browser);
  const serverStart = target.serverCpu();
  const ms = await timeToQueue(page, `${base}/queue?view=open`);
  const run = { ms, browserCpu: await browserCpu(), serverCpu: target.serverCpu() - serverStart };
  if (trace) console.log((await resourceTimeline(page)).join("\n"));
  await context.close();
  return run;
}

async function warmQueue(browser: Browser, session: ApiSession, base: string) {
  const context = await browser.newContext(VIEWPORT);
  await context.addCookies(session.cookies.map((c) => ({ ...c, url: base })));
  const page = await context.newPage();
  await timeToQueue(page, `${base}/queue?view=open`);
  const times: number[] = [];
  for (let i = 0; i < 5; i++) times.push(await timeToQueue(page, `${base}/queue?view=open`));
  await context.close();
  return times;
}

/** One cold sign-in at /intake, timed (and its CPU metered) from pressing "Entrar" to the caller search. */
async function intakeAfterLogin(browser: Browser, target: Target): Promise<Run> {
  const { staff, base } = target;
  const context = await browser.newContext(VIEWPORT);
  const page = await context.newPage();
  let browserCpu: () => Promise<number> = async () => 0;
  let serverStart = 0;
  const ms = await timeToIntakeAfterLogin(
    page,
    `${base}/intake`,
    staff.reception.email,
    PASSWORD,
    async () => {
      browserCpu = await browserCpuMeter(browser);
      serverStart = target.serverCpu();
    },
  );
  const run = { ms, browserCpu: await browserCpu(), serverCpu: target.serverCpu() - serverStart };
  await context.close();
  return run;
}

/** `RUNS` rounds of cold loads, this build's and the baseline's alternating within each round. */
async function coldRounds(browser: Browser, mesa: Target, baseline: Target | null) {
  const runs = { cold: [] as Run[], intake: [] as Run[], baseCold: [] as Run[], baseIntake: [] as Run[] };
  for (let i = 0; i < RUNS; i++) {
    runs.cold.push(await coldQueue(browser, mesa, i === 0 && !!process.env.BENCH_WEB_TRACE));
    if (baseline) runs.baseCold.push(await coldQueue(browser, baseline));
    runs.intake.push(await intakeAfterLogin(browser, mesa));
    if (baseline) runs.baseIntake.push(await intakeAfterLogin(browser, baseline));
  }
  return runs;
}

const runsText = (times: number[]) => times.map((n) => Math.round(n)).join(", ");

/** Median wall time and median CPU of a set of runs, under `name`. */
function figures(name: string, runs: Run[]): Record<string, number | string> {
  return {
    [`${name}MedianMs`]: Math.round(median(runs.map((r) => r.ms))),
    [`${name}RunsMs`]: runsText(runs.map((r) => r.ms)),
    [`${name}BrowserCpuMedianMs`]: Math.round(median(runs.map((r) => r.browserCpu))),
    [`${name}ServerCpuMedianMs`]: Math.round(median(runs.map((r) => r.serverCpu))),
  };
}

function baselineFigures(runs: Awaited<ReturnType<typeof coldRounds>>): Record<string, number | string> {
  if (!runs.baseCold.length) return {};
  return {
    baselineName: process.env.BENCH_WEB_BASELINE_NAME ?? "baseline build",
    ...figures("baselineQueue50Cold", runs.baseCold),
    ...figures("baselineIntakeAfterLogin", runs.baseIntake),
  };
}

export async function runWebBench(): Promise<Record<string, number | string>> {
  buildRepo();
  const mesa = await serve();
  const baseline = process.env.BENCH_WEB_BASELINE ? await serve(process.env.BENCH_WEB_BASELINE) : null;
  const browser = await launchBrowser();
  try {
    const { base, reception } = mesa;
    const js = initialJsGzip(WEB);
    const loginJs = await routeJsGzip(browser, WEB, `${base}/queue`);
    const queueJs = await routeJsGzip(browser, WEB, `${base}/queue?view=open`, reception.cookies);
    const load = [os.loadavg()[0]!];
    const runs = await coldRounds(browser, mesa, baseline);
    const warm = await warmQueue(browser, reception, base);
    const floor = await runWebFloor(browser, RUNS);
    load.push(os.loadavg()[0]!);
    return {
      initialJsGzipKB: kb(js.gzip),
      initialJsFiles: js.files.map((f) => `${f.file} (${Math.round(f.gzip / 1024)} KB)`).join(", "),
      loginRouteJsGzipKB: kb(loginJs.gzip),
      queueRouteJsGzipKB: kb(queueJs.gzip),
      queueRouteJsFiles: queueJs.files.length,
      ...figures("queue50Cold", runs.cold),
      queue50WarmMedianMs: Math.round(median(warm)),
      queue50WarmRunsMs: runsText(warm),
      ...figures("intakeAfterLogin", runs.intake),
      ...baselineFigures(runs),
      ...floor,
      loadAverage1m: load.map((l) => l.toFixed(2)).join(" → "),
    };
  } finally {
    await browser.close();
    await mesa.stop();
    await baseline?.stop();
  }
}

export function formatWebBench(r: Record<string, number | string>): string {
  const runs = String(r.queue50ColdRunsMs ?? "").split(",").length;
  return [
    "| Measure | Value |",
    "|---|---:|",
    `| initial JavaScript, gzip (target ≤ 250 KB) | ${r.initialJsGzipKB} KB |`,
    `| all JavaScript of the login screen, gzip | ${r.loginRouteJsGzipKB} KB |`,
    `| all JavaScript of the queue of 50 rows, gzip (${r.queueRouteJsFiles} files) | ${r.queueRouteJsGzipKB} KB |`,
    `| navigation → usable queue of 50 rows, cold, median of ${runs} (target ≤ 1 s) | ${r.queue50ColdMedianMs} ms |`,
    `| CPU of that cold load, median: browser (all processes) / server | ${r.queue50ColdBrowserCpuMedianMs} / ${r.queue50ColdServerCpuMedianMs} ms |`,
    `| navigation → usable queue of 50 rows, warm, median of 5 | ${r.queue50WarmMedianMs} ms |`,
    ...(r.floorEmptyColdMedianMs === undefined
      ? []
      : [
          `| the floor: Chromium's own cold navigation to an empty page; its CPU, browser | ${r.floorEmptyColdMedianMs} ms; ${r.floorEmptyBrowserCpuMedianMs} ms |`,
          `| the floor: React alone rendering 50 plain rows, cold (bench/web-floor.ts); its CPU, browser | ${r.floorReactColdMedianMs} ms; ${r.floorReactBrowserCpuMedianMs} ms |`,
        ]),
    ...(r.intakeAfterLoginMedianMs === undefined
      ? []
      : [
          `| pressing "Entrar" → intake's first field editable, cold, median of ${runs} (target ≤ 1 s) | ${r.intakeAfterLoginMedianMs} ms |`,
          `| CPU from pressing "Entrar" to the intake, median: browser / server | ${r.intakeAfterLoginBrowserCpuMedianMs} / ${r.intakeAfterLoginServerCpuMedianMs} ms |`,
        ]),
    ...(r.baselineQueue50ColdMedianMs === undefined
      ? []
      : [
          `| before (${r.baselineName}), same runs alternated: cold queue; its CPU, browser / server | ${r.baselineQueue50ColdMedianMs} ms; ${r.baselineQueue50ColdBrowserCpuMedianMs} / ${r.baselineQueue50ColdServerCpuMedianMs} ms |`,
          `| before, same runs alternated: "Entrar" → intake; its CPU, browser / server | ${r.baselineIntakeAfterLoginMedianMs} ms; ${r.baselineIntakeAfterLoginBrowserCpuMedianMs} / ${r.baselineIntakeAfterLoginServerCpuMedianMs} ms |`,
        ]),
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const r = await runWebBench();
  console.log(formatWebBench(r));
  console.log(JSON.stringify(r, null, 2));
}
