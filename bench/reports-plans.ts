/**
 * Query plans and timings of the reports' SQL on a kept bench database (year range):
 *   BENCH_DATA_DIR=/tmp/rb BENCH_TICKETS=1000000 npx tsx bench/reports.ts   # seeds and keeps it
 *   npx tsx bench/reports-plans.ts /tmp/rb [filter]
 *   npx tsx bench/reports-plans.ts postgres://postgres@127.0.0.1:5432/<BENCH_PG_DB> [filter]
 * SQLite: EXPLAIN QUERY PLAN; PostgreSQL: EXPLAIN (ANALYZE, BUFFERS) of the same statement.
 */
import path from "node:path";
import SQLite from "better-sqlite3";
import { type CompiledQuery, Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { ReportFilters } from "../src/contract/reports.js";
import { buckets, localRange, monthsAndDays } from "../src/domain/reports/range.js";
import { reportsRepo } from "../src/server/modules/reports/repository.js";
import { billingRepo } from "../src/server/modules/reports/repository-billing.js";
import { dailyRepo } from "../src/server/modules/reports/repository-daily.js";
import { dashboardRepo } from "../src/server/modules/reports/repository-dashboard.js";
import { minutesRepo } from "../src/server/modules/reports/repository-minutes.js";
import type { DB } from "../src/server/platform/database/schema.js";

const target = process.argv[2];
if (!target) throw new Error("usage: npx tsx bench/reports-plans.ts <data dir | postgres url> [filter]");
const only = process.argv[3] ?? "";
const isPg = target.startsWith("postgres");
const captured: { sql: string; parameters: readonly unknown[] }[] = [];
const log = (e: { level: string; query: CompiledQuery }) => {
  if (e.level === "query") captured.push({ sql: e.query.sql, parameters: e.query.parameters });
};
const raw = isPg ? null : new SQLite(path.join(target, "mesa.sqlite"), { readonly: true });
const pool = isPg ? new pg.Pool({ connectionString: target, max: 1 }) : null;
const db = new Kysely<DB>({
  dialect: pool ? new PostgresDialect({ pool }) : new SqliteDialect({ database: raw! }),
  log,
});

async function plan(sql: string, parameters: readonly unknown[]): Promise<string[]> {
  if (raw) {
    const rows = raw.prepare(`explain query plan ${sql}`).all(...(parameters as unknown[]));
    return (rows as { detail: string }[]).map((r) => r.detail);
  }
  const r = await pool!.query(`explain (analyze, buffers) ${sql}`, parameters as unknown[]);
  return r.rows.map((x: Record<string, string>) => x["QUERY PLAN"]!);
}

const Z = "America/Mexico_City";
const f: ReportFilters = { from: "2025-12-01", to: "2026-11-30" };
const span = localRange(f.from, f.to, Z);
const months = buckets(f.from, f.to, Z, "month");
const weeks = buckets(f.from, f.to, Z, "week");
const monthEnds = months.map((_m, i) => months[i + 1]?.label ?? "2026-12").map((l) => `${l}-01`);
const weekEnds = ["2025-12-08"]; // any end inside a month: the days are read
const now = "2026-12-01T16:00:00.000Z";
const all = { dim: "all" as const, key: "" };
const cases: [string, () => Promise<unknown>][] = [
  ["slaCounts", () => reportsRepo.slaCounts(db, span, weeks, f, now)],
  ["slaBreaches", () => reportsRepo.slaBreaches(db, span, f, now, 500)],
  ["sum.sla", () => dailyRepo.sla(db, all, monthsAndDays(f.from, f.to, weekEnds), weekEnds, f)],
  ["sum.slaPending", () => dailyRepo.slaPending(db, span, weeks, f, now)],
  ["sum.response", () => minutesRepo.response(db, all, monthsAndDays(f.from, f.to), f)],
  [
    "sum.resolution",
    () =>
      minutesRepo.resolution(db, { dim: "category", key: null }, monthsAndDays(f.from, f.to), f, "closed"),
  ],
  ["sum.hourBank", () => dailyRepo.hourBank(db, monthsAndDays(f.from, f.to, monthEnds), monthEnds, f)],
  [
    "sum.satisfactionByClient",
    () => dailyRepo.satisfactionBy(db, { dim: "client", key: null }, monthsAndDays(f.from, f.to), f),
  ],
  ["responseTimes", () => reportsRepo.responseTimes(db, span, f)],
  ["workload", () => reportsRepo.workload(db, span, f, "technician")],
  ["workloadByMode", () => reportsRepo.workloadByMode(db, span, f)],
  ["hourBank", () => billingRepo.hourBank(db, span, months, f)],
  ["satisfactionTotals", () => billingRepo.satisfactionTotals(db, span, f)],
  ["unbilledTickets", () => billingRepo.unbilledTickets(db, span, f, 2000)],
  ["unbilledTicketTotals", () => billingRepo.unbilledTicketTotals(db, span, f)],
  ["unbilledCharges", () => billingRepo.unbilledCharges(db, span, f, 2000)],
  ["unbilledChargeTotals", () => billingRepo.unbilledChargeTotals(db, span, f)],
  [
    "dash.counts",
    () =>
      dashboardRepo.counts(db, {
        now,
        cutoff: "2026-12-01T17:00:00.000Z",
        today: "2026-12-01T06:00:00.000Z",
      }),
  ],
  ["dash.minutes", () => dashboardRepo.minutesSince(db, "2026-11-30T06:00:00.000Z")],
  ["dash.breached", () => dashboardRepo.breached(db, now, 20)],
  ["dash.near", () => dashboardRepo.near(db, now, "2026-12-01T17:00:00.000Z", 20)],
  ["dash.technicians", () => dashboardRepo.technicians(db)],
];
for (const [label, run] of cases) {
  if (!label.includes(only)) continue;
  captured.length = 0;
  const t0 = performance.now();
  await run();
  const ms = performance.now() - t0;
  const { sql, parameters } = captured[0]!;
  console.log(`\n## ${label}: ${ms.toFixed(1)} ms`);
  for (const line of await plan(sql, parameters)) console.log(`  ${line}`);
}
await db.destroy();
