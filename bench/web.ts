/**
 * Web app figures for the README, measured as served in production: `npm run build` (hashed assets
 * with their .br/.gz copies), then the compiled server (`node dist/server/main.js`) in its own
 * process, reached over TCP by headless Chromium (brotli, immutable cache headers, no-cache HTML).
 * - initial JavaScript (gzip) and all JavaScript of the login screen and of the queue;
 * - navigation → usable queue of 50 rows, cold (new browser context: empty cache and storage,
 *   signed in by cookie) and warm (same context, reloaded);
 * - pressing "Entrar" → the intake's first field editable, from a cold login screen at /intake.
 * Run alone with `npx tsx bench/web.ts` (BENCH_WEB_RUNS=n cold runs, default 7; BENCH_WEB_TRACE=1
 * prints each request's start and end of one cold queue load), or through `npm run bench -- web`.
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
  initialJsGzip,
  median,
  resourceTimeline,
  routeJsGzip,
  seedTickets,
  timeToIntakeAfterLogin,
  timeToQueue,
} from "../e2e/perf.js";
import { buildRepo, ROOT, startProcess } from "../test/support/built-tree.js";

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 7);
const VIEWPORT = { viewport: { width: 1366, height: 900 } };
const WEB = path.join(ROOT, "dist", "web");

/** The compiled server on a new database, with an administrator and login limits out of the way. */
async function startBuiltServer(dataDir: string) {
  return startProcess(ROOT, ["dist/server/main.js"], {
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

/** `runs` cold queue loads, each in a new context (empty cache and storage) signed in by cookie. */
async function coldQueue(browser: Browser, session: ApiSession, base: string, runs: number) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext(VIEWPORT);
    await context.addCookies(session.cookies.map((c) => ({ ...c, url: base })));
    const page = await context.newPage();
    times.push(await timeToQueue(page, `${base}/queue?view=open`));
    if (i === 0 && process.env.BENCH_WEB_TRACE) console.log((await resourceTimeline(page)).join("\n"));
    await context.close();
  }
  return times;
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

/** `runs` cold sign-ins at /intake, each timed from pressing "Entrar" to the caller search. */
async function intakeAfterLogin(browser: Browser, staff: Staff, base: string, runs: number) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext(VIEWPORT);
    const page = await context.newPage();
    times.push(await timeToIntakeAfterLogin(page, `${base}/intake`, staff.reception.email, PASSWORD));
    await context.close();
  }
  return times;
}

const runsText = (times: number[]) => times.map((n) => Math.round(n)).join(", ");

export async function runWebBench(): Promise<Record<string, number | string>> {
  buildRepo();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-bench-web-"));
  const server = await startBuiltServer(dataDir);
  const browser = await launchBrowser();
  try {
    const base = server.url;
    const admin = await ApiSession.login(base, ADMIN.email, ADMIN.password);
    const staff = await seedStaff(admin);
    const { clientId } = await seedClient(admin);
    const reception = await ApiSession.login(base, staff.reception.email, PASSWORD);
    await seedTickets(reception, clientId, 60);
    const js = initialJsGzip(WEB);
    const loginJs = await routeJsGzip(browser, WEB, `${base}/queue`);
    const queueJs = await routeJsGzip(browser, WEB, `${base}/queue?view=open`, reception.cookies);
    const load = [os.loadavg()[0]!];
    const cold = await coldQueue(browser, reception, base, RUNS);
    const warm = await warmQueue(browser, reception, base);
    const intake = await intakeAfterLogin(browser, staff, base, RUNS);
    load.push(os.loadavg()[0]!);
    return {
      initialJsGzipKB: kb(js.gzip),
      initialJsFiles: js.files.map((f) => `${f.file} (${Math.round(f.gzip / 1024)} KB)`).join(", "),
      loginRouteJsGzipKB: kb(loginJs.gzip),
      queueRouteJsGzipKB: kb(queueJs.gzip),
      queueRouteJsFiles: queueJs.files.length,
      queue50ColdMedianMs: Math.round(median(cold)),
      queue50ColdRunsMs: runsText(cold),
      queue50WarmMedianMs: Math.round(median(warm)),
      queue50WarmRunsMs: runsText(warm),
      intakeAfterLoginMedianMs: Math.round(median(intake)),
      intakeAfterLoginRunsMs: runsText(intake),
      loadAverage1m: load.map((l) => l.toFixed(2)).join(" → "),
    };
  } finally {
    await browser.close();
    server.child.kill("SIGTERM");
    await server.exit;
    fs.rmSync(dataDir, { recursive: true, force: true });
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
    `| navigation → usable queue of 50 rows, warm, median of 5 | ${r.queue50WarmMedianMs} ms |`,
    ...(r.intakeAfterLoginMedianMs === undefined
      ? []
      : [
          `| pressing "Entrar" → intake's first field editable, cold, median of ${runs} (target ≤ 1 s) | ${r.intakeAfterLoginMedianMs} ms |`,
        ]),
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const r = await runWebBench();
  console.log(formatWebBench(r));
  console.log(
    `cold runs: ${r.queue50ColdRunsMs}; intake runs: ${r.intakeAfterLoginRunsMs}; load ${r.loadAverage1m}`,
  );
}
