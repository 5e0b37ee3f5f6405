/** Shared by the SQLite and PostgreSQL halves of the reports bench: app settings and the timing loop. */
import { REPORT_NAMES } from "../src/contract/reports.js";
import type { MesaApp } from "../src/server/app.js";
import { summaryReady } from "../src/server/modules/reports/summary-rebuild.js";
import { runDueTasks } from "../src/server/platform/tasks/worker.js";

const RUNS = Number(process.env.BENCH_RUNS) > 0 ? Number(process.env.BENCH_RUNS) : 5;
const ADMIN = { email: "admin@bench.mx", password: "bench-password-123" };
export const RANGES = { month: "from=2026-11-01&to=2026-11-30", year: "from=2025-12-01&to=2026-11-30" };

export const appEnv = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
  MESA_ADMIN_EMAIL: ADMIN.email,
  MESA_ADMIN_PASSWORD: ADMIN.password,
  MESA_WEB_DIST: "/nonexistent",
  MESA_JOBS: "false",
  LOG_LEVEL: "silent",
  MESA_RATE_LIMIT_PER_MINUTE: "100000000",
  MESA_DB_STATEMENT_TIMEOUT_MS: "600000",
  ...extra,
});

/**
 * After seeding, a start queues the summary rebuild (a background task) and serves at once: times the
 * start, then runs the queued task (and its continuations) here until the summary is complete.
 */
export async function startAndRebuild(build: () => Promise<MesaApp>, db: string) {
  const t0 = performance.now();
  const app = await build();
  const startSeconds = Math.round((performance.now() - t0) / 100) / 10;
  const t1 = performance.now();
  while (!(await summaryReady(app.ctx))) {
    if ((await runDueTasks(app.ctx, { batchSize: 1 })).claimed === 0)
      throw new Error("no rebuild task queued");
  }
  const backfillSeconds = Math.round((performance.now() - t1) / 100) / 10;
  console.log(`${db}: started in ${startSeconds} s, report summary rebuilt in ${backfillSeconds} s`);
  return { app, startSeconds, backfillSeconds };
}

async function token(app: MesaApp): Promise<string> {
  const login = await app.inject({ method: "POST", url: "/api/auth/login", payload: ADMIN });
  const { csrfToken } = login.json();
  const cookie = login.cookies.find((c) => c.name === "mesa_session")!;
  const tok = await app.inject({
    method: "POST",
    url: "/api/auth/tokens",
    headers: { cookie: `mesa_session=${cookie.value}`, "x-csrf-token": csrfToken },
    payload: { name: "bench" },
  });
  return tok.json().token;
}

const round1 = (ms: number) => Math.round(ms * 10) / 10;
const mid = (xs: number[]) => round1([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);

/**
 * Median wall time of BENCH_RUNS requests after one warm-up, and the median CPU time this process
 * spent on each (user + system: all of a SQLite request; Node's side only of a PostgreSQL one). On a
 * shared, loaded machine the CPU time is the steadier figure.
 */
async function median(app: MesaApp, auth: string, url: string): Promise<{ wall: number; cpu: number }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const res = await app.inject({ method: "GET", url, headers: { authorization: `Bearer ${auth}` } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    const c = process.cpuUsage(c0);
    if (i > 0) {
      wall.push(performance.now() - t0);
      cpu.push((c.user + c.system) / 1000);
    }
  }
  return { wall: mid(wall), cpu: mid(cpu) };
}

/** Times every report (month, year) and the dashboard on a running app; keys `<db>.<report>.<range>`. */
export async function timeReports(app: MesaApp, db: string): Promise<Record<string, number>> {
  const auth = await token(app);
  const out: Record<string, number> = {};
  const time = async (key: string, url: string) => {
    const { wall, cpu } = await median(app, auth, url);
    out[key] = wall;
    out[`${key}.cpu`] = cpu;
    console.log(`${key}: ${wall} ms (cpu ${cpu} ms)`);
  };
  await time(`${db}.dashboard`, "/api/reports/dashboard");
  // BENCH_REPORTS=sla,workload times only those (quick re-measures after a change).
  const only = process.env.BENCH_REPORTS?.split(",");
  for (const name of REPORT_NAMES.filter((r) => !only || only.includes(r))) {
    for (const [range, q] of Object.entries(RANGES))
      await time(`${db}.${name}.${range}`, `/api/reports/${name}?${q}`);
  }
  return out;
}
