/**
 * Query plans and timings of the reports' SQL on a kept bench database:
 *   BENCH_DATA_DIR=/tmp/rb BENCH_TICKETS=1000000 npx tsx bench/reports.ts   # seeds and keeps it
 *   npx tsx bench/reports-plans.ts /tmp/rb [filter]
 */
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { ReportFilters } from "../src/contract/reports.js";
import { buckets, localRange } from "../src/domain/reports/range.js";
import { reportsRepo } from "../src/server/modules/reports/repository.js";
import { billingRepo } from "../src/server/modules/reports/repository-billing.js";
import { dashboardRepo } from "../src/server/modules/reports/repository-dashboard.js";
import type { DB } from "../src/server/platform/database/schema.js";

const dir = process.argv[2];
if (!dir) throw new Error("usage: npx tsx bench/reports-plans.ts <data dir> [filter]");
const only = process.argv[3] ?? "";
const raw = new SQLite(path.join(dir, "mesa.sqlite"), { readonly: true });
const captured: { sql: string; parameters: readonly unknown[] }[] = [];
const db = new Kysely<DB>({
  dialect: new SqliteDialect({ database: raw }),
  log: (e) => {
    if (e.level === "query") captured.push({ sql: e.query.sql, parameters: e.query.parameters });
  },
});
const Z = "America/Mexico_City";
const f: ReportFilters = { from: "2025-12-01", to: "2026-11-30" };
const span = localRange(f.from, f.to, Z);
const months = buckets(f.from, f.to, Z, "month");
const now = "2026-12-01T16:00:00.000Z";
const cases: [string, () => Promise<unknown>][] = [
  ["slaCounts", () => reportsRepo.slaCounts(db, span, buckets(f.from, f.to, Z, "week"), f, now)],
  ["slaBreaches", () => reportsRepo.slaBreaches(db, span, f, now, 500)],
  ["responseTimes", () => reportsRepo.responseTimes(db, span, f)],
  ["resolutionTimes", () => reportsRepo.resolutionTimes(db, span, f)],
  ["workload", () => reportsRepo.workload(db, span, f, "technician")],
  ["workloadByMode", () => reportsRepo.workloadByMode(db, span, f)],
  ["hourBank", () => billingRepo.hourBank(db, span, months, f)],
  ["satisfactionTotals", () => billingRepo.satisfactionTotals(db, span, f)],
  ["satisfactionBy", () => billingRepo.satisfactionBy(db, span, f, "technician")],
  ["satisfactionByClient", () => billingRepo.satisfactionBy(db, span, f, "client")],
  ["workloadByClient", () => reportsRepo.workload(db, span, f, "client")],
  ["satisfactionTrend", () => billingRepo.satisfactionTrend(db, span, months, f)],
  ["unbilledTickets", () => billingRepo.unbilledTickets(db, span, f, 2000)],
  ["unbilledTicketTotals", () => billingRepo.unbilledTicketTotals(db, span, f)],
  ["unbilledCharges", () => billingRepo.unbilledCharges(db, span, f, 2000)],
  ["dash.byStatus", () => dashboardRepo.byStatus(db)],
  ["dash.unassigned", () => dashboardRepo.unassigned(db)],
  ["dash.breached", () => dashboardRepo.breached(db, now, 20)],
  ["dash.breachedCount", () => dashboardRepo.breachedCount(db, now)],
  ["dash.intake", () => dashboardRepo.intakeByChannel(db, "2026-12-01T06:00:00.000Z")],
  ["dash.technicians", () => dashboardRepo.technicians(db)],
  ["dash.minutes", () => dashboardRepo.minutesSince(db, "2026-11-30T06:00:00.000Z")],
];
for (const [label, run] of cases) {
  if (!label.includes(only)) continue;
  captured.length = 0;
  const t0 = performance.now();
  await run();
  const ms = performance.now() - t0;
  const { sql, parameters } = captured[0]!;
  console.log(`\n## ${label}: ${ms.toFixed(1)} ms`);
  for (const r of raw.prepare(`explain query plan ${sql}`).all(...(parameters as unknown[])) as {
    detail: string;
  }[]) {
    console.log(`  ${r.detail}`);
  }
}
await db.destroy();
