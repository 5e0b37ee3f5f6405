/**
 * Reports bench: every report over one month and over one year, and the dashboard, at a million
 * tickets on SQLite (and on PostgreSQL when BENCH_PG_URL names a server: see reports-pg.ts).
 *
 *   npx tsx bench/reports.ts            # BENCH_TICKETS=1000000 BENCH_RUNS=5
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/reports.ts   # PostgreSQL too
 *   (BENCH_SKIP_SQLITE=1 for PostgreSQL alone; BENCH_DATA_DIR=/tmp/x keeps the SQLite database,
 *   BENCH_PG_DB=name the PostgreSQL one; BENCH_REPORTS=sla,response times only those)
 *
 * Timed through HTTP (app.inject, bearer token of the admin): what a browser waits for, minus the
 * network. Median of BENCH_RUNS after one warm-up. Results: Markdown on stdout, bench/results/reports.json.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { REPORT_NAMES } from "../src/contract/reports.js";
import { buildApp } from "../src/server/app.js";
import { seedReportsData } from "./reports-seed.js";
import { appEnv, startAndRebuild, timeReports } from "./reports-timing.js";

const env = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const TICKETS = env("BENCH_TICKETS", 1_000_000);
const NOW = new Date("2026-12-01T16:00:00Z");

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
    // The first start after seeding queues the report facts and summary rebuild (a background task).
    const build = () => buildApp({ env: appEnv({ MESA_DATA_DIR: dir }), logger: false, clock: () => NOW });
    const { app, startSeconds, backfillSeconds } = await startAndRebuild(build, "sqlite");
    try {
      return {
        tickets: TICKETS,
        // A kept database (BENCH_DATA_DIR) was seeded, and maybe rebuilt, by an earlier run.
        ...(seedSeconds ? { "sqlite.seedSeconds": seedSeconds } : {}),
        "sqlite.startSeconds": startSeconds,
        ...(backfillSeconds ? { "sqlite.backfillSeconds": backfillSeconds } : {}),
        ...(await timeReports(app, "sqlite")),
      };
    } finally {
      await app.close();
    }
  } finally {
    if (!kept) fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runReportsBench(): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = process.env.BENCH_SKIP_SQLITE
    ? { tickets: TICKETS }
    : await sqliteBench();
  if (process.env.BENCH_PG_URL) {
    const { postgresBench } = await import("./reports-pg.js");
    Object.assign(out, await postgresBench(process.env.BENCH_PG_URL, TICKETS, NOW));
  }
  return out;
}

export function formatReportsBench(r: Record<string, number | string>): string {
  const dbs = ["sqlite", "postgres"].filter((d) => r[`${d}.dashboard`] !== undefined);
  // Wall time, and this process's CPU time in brackets (PostgreSQL's own CPU is not in it).
  const cell = (k: string) =>
    r[k] === undefined ? "–" : r[`${k}.cpu`] === undefined ? `${r[k]} ms` : `${r[k]} ms (${r[`${k}.cpu`]})`;
  const head = `| Report (${Number(r.tickets).toLocaleString("en-US")} tickets) | ${dbs.map((d) => `${d} month | ${d} year`).join(" | ")} |`;
  const rows = [
    head,
    `|---|${dbs.map(() => "---:|---:").join("|")}|`,
    `| dashboard (now) | ${dbs.map((d) => `${cell(`${d}.dashboard`)} | `).join("| ")}|`,
    ...REPORT_NAMES.map(
      (n) =>
        `| ${n} | ${dbs.map((d) => `${cell(`${d}.${n}.month`)} | ${cell(`${d}.${n}.year`)}`).join(" | ")} |`,
    ),
  ];
  return rows.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const results = await runReportsBench();
  fs.mkdirSync(path.join(import.meta.dirname, "results"), { recursive: true });
  fs.writeFileSync(
    path.join(import.meta.dirname, "results", "reports.json"),
    `${JSON.stringify(results, null, 2)}\n`,
  );
  console.log(formatReportsBench(results));
}
