/**
 * Reports bench: every report over one month and over one year, and the dashboard, at a million
 * tickets on SQLite (and on PostgreSQL when BENCH_PG_URL names a server: see reports-pg.ts).
 *
 *   npx tsx bench/reports.ts            # BENCH_TICKETS=1000000 BENCH_RUNS=5
 *
 * Timed through HTTP (app.inject, bearer token of the admin): what a browser waits for, minus the
 * network. Median of BENCH_RUNS after one warm-up. Results: Markdown on stdout, bench/results/reports.json.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { REPORT_NAMES } from "../src/contract/reports.js";
import { buildApp, type MesaApp } from "../src/server/app.js";
import { seedReportsData } from "./reports-seed.js";

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const TICKETS = env("BENCH_TICKETS", 1_000_000);
const RUNS = env("BENCH_RUNS", 5);
const NOW = new Date("2026-12-01T16:00:00Z");
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

async function median(app: MesaApp, auth: string, url: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    const res = await app.inject({ method: "GET", url, headers: { authorization: `Bearer ${auth}` } });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
    if (i > 0) times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return Math.round(times[Math.floor(times.length / 2)]! * 10) / 10;
}

/** Times every report (month, year) and the dashboard on a running app; keys `<db>.<report>.<range>`. */
export async function timeReports(app: MesaApp, db: string): Promise<Record<string, number>> {
  const auth = await token(app);
  const out: Record<string, number> = {};
  out[`${db}.dashboard`] = await median(app, auth, "/api/reports/dashboard");
  for (const name of REPORT_NAMES) {
    for (const [range, q] of Object.entries(RANGES)) {
      out[`${db}.${name}.${range}`] = await median(app, auth, `/api/reports/${name}?${q}`);
      console.log(`${db} ${name} ${range}: ${out[`${db}.${name}.${range}`]} ms`);
    }
  }
  return out;
}

async function sqliteBench(): Promise<Record<string, number | string>> {
  // BENCH_DATA_DIR keeps the seeded database between runs (for EXPLAIN and profiling).
  const kept = process.env.BENCH_DATA_DIR;
  const dir = kept ?? fs.mkdtempSync(path.join(os.tmpdir(), "mesa-bench-reports-"));
  let seedSeconds = 0;
  try {
    if (!fs.existsSync(path.join(dir, "mesa.sqlite"))) {
      fs.mkdirSync(dir, { recursive: true });
      await (await buildApp({ env: appEnv({ MESA_DATA_DIR: dir }), logger: false })).close();
      const raw = new SQLite(path.join(dir, "mesa.sqlite"));
      const t0 = performance.now();
      seedReportsData(raw, TICKETS);
      seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
      raw.close();
      console.log(`sqlite: seeded ${TICKETS} tickets in ${seedSeconds} s`);
    }
    const app = await buildApp({ env: appEnv({ MESA_DATA_DIR: dir }), logger: false, clock: () => NOW });
    try {
      return { tickets: TICKETS, "sqlite.seedSeconds": seedSeconds, ...(await timeReports(app, "sqlite")) };
    } finally {
      await app.close();
    }
  } finally {
    if (!kept) fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runReportsBench(): Promise<Record<string, number | string>> {
  const out = await sqliteBench();
  if (process.env.BENCH_PG_URL) {
    const { postgresBench } = await import("./reports-pg.js");
    Object.assign(out, await postgresBench(process.env.BENCH_PG_URL, TICKETS, NOW));
  }
  return out;
}

export function formatReportsBench(r: Record<string, number | string>): string {
  const dbs = ["sqlite", "postgres"].filter((d) => r[`${d}.dashboard`] !== undefined);
  const cell = (k: string) => (r[k] === undefined ? "–" : `${r[k]} ms`);
  const head = `| Report (${Number(r.tickets).toLocaleString("en-US")} tickets) | ${dbs.map((d) => `${d} month | ${d} year`).join(" | ")} |`;
  const rows = [
    head,
    `|---|${dbs.map(() => "---:|---:").join("|")}|`,
    `| dashboard (now) | ${dbs.map((d) => `${cell(`${d}.dashboard`)} | `).join("| ")}|`,
    ...REPORT_NAMES.map((n) => `| ${n} | ${dbs.map((d) => `${cell(`${d}.${n}.month`)} | ${cell(`${d}.${n}.year`)}`).join(" | ")} |`),
  ];
  return rows.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await runReportsBench();
  fs.mkdirSync(path.join(import.meta.dirname, "results"), { recursive: true });
  fs.writeFileSync(path.join(import.meta.dirname, "results", "reports.json"), `${JSON.stringify(results, null, 2)}\n`);
  console.log(formatReportsBench(results));
}
