/**
 * Billing run benchmark (issue #14, Measured): one contract run (`runPeriod` of 2026-02, what
 * `POST /api/billing/runs` calls) over BENCH_CONTRACTS contracts (default 10,000) with BENCH_TICKETS
 * reviewed tickets (default 300,000) worked in the month before, on SQLite and, when BENCH_PG_URL names
 * a PostgreSQL server, on a fresh database of that server (created and dropped per run). Then the
 * same period again: the idempotent re-run must make nothing new.
 *
 *   npx tsx bench/billing.ts                                        # SQLite, 10,000 / 300,000
 *   BENCH_CONTRACTS=1000 BENCH_TICKETS=30000 npx tsx bench/billing.ts   # smaller first
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/billing.ts   # PostgreSQL too
 *   BENCH_SKIP_SQLITE=1 (PostgreSQL alone), BENCH_PROFILE_DIR=/tmp/prof (a .cpuprofile of each run only)
 *
 * Saved to bench/results/billing.json at the default size (billing-<contracts>x<tickets>.json otherwise);
 * `npm run bench -- billing` does the same and rewrites the README table.
 */
import fs from "node:fs";
import { Session } from "node:inspector/promises";
import os from "node:os";
import path from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { sql } from "kysely";
import { buildApp, type MesaApp } from "../src/server/app.js";
import { runPeriod } from "../src/server/modules/billing/run.js";
import { freshPostgres, seedBilling } from "./billing-seed.js";
import { MemorySampler } from "./memory-sampler.js";

type Results = Record<string, number | string>;
const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 10_000);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 300_000);
const NOW = new Date("2026-02-03T16:00:00Z");
const PERIOD = "2026-02";

/** The README shows the default size; other sizes keep their own file. */
export const billingResultsName = () =>
  CONTRACTS === 10_000 && TICKETS === 300_000 ? "billing" : `billing-${CONTRACTS}x${TICKETS}`;

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const load1 = () => os.loadavg()[0]!.toFixed(2);
const round1 = (n: number) => Math.round(n * 10) / 10;
const mb = (b: number) => round1(b / 2 ** 20);

/** The run alone as a .cpuprofile in BENCH_PROFILE_DIR (the seed is not in it). */
async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE_DIR;
  if (!dir) return work();
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.start");
  try {
    return await work();
  } finally {
    const { profile } = await session.post("Profiler.stop");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  }
}

/**
 * CPU seconds the PostgreSQL backends of the bench's database used so far, per backend pid (read from
 * /proc: the server runs on this machine); empty when it does not (another host, no /proc). Backends
 * that end before the second reading (parallel query workers) are not counted.
 */
async function backendCpu(db: MesaApp["ctx"]["db"]): Promise<Map<number, number>> {
  const { rows } = await sql<{ pid: number }>`
    select pid from pg_stat_activity where datname = current_database()
  `.execute(db);
  const out = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      // Fields 14 and 15 of /proc/<pid>/stat (after the ")" closing the name): user and system ticks.
      const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      out.set(pid, (Number(f[11]) + Number(f[12])) / 100);
    } catch {
      // Not on this machine, or the backend just ended.
    }
  }
  return out;
}

const cpuSince = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((sum, [pid, s]) => sum + s - (before.get(pid) ?? 0), 0);

async function openApp(kind: "sqlite" | "postgres", dir: string, databaseUrl?: string) {
  return buildApp({
    logger: false,
    clock: () => NOW,
    env: {
      ...process.env,
      MESA_DATA_DIR: dir,
      MESA_JOBS: "false",
      LOG_LEVEL: "silent",
      MESA_WEB_DIST: "/nonexistent",
      MESA_ADMIN_EMAIL: "admin@encor.mx",
      MESA_ADMIN_PASSWORD: "admin-password-123",
      DATABASE_URL: kind === "postgres" ? databaseUrl : undefined,
    },
  });
}

async function measure(kind: "sqlite" | "postgres"): Promise<Results> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-bench-billing-"));
  const pgdb = kind === "postgres" ? await freshPostgres(process.env.BENCH_PG_URL!) : null;
  const app = await openApp(kind, dir, pgdb?.env.DATABASE_URL);
  try {
    const s0 = performance.now();
    await seedBilling(app, CONTRACTS, TICKETS);
    const seedS = (performance.now() - s0) / 1000;
    // The seed's WAL is folded into the database now (and PostgreSQL has its statistics), so neither is the run's.
    if (kind === "sqlite") await sql`pragma wal_checkpoint(TRUNCATE)`.execute(app.ctx.db);
    else await sql`analyze`.execute(app.ctx.db);
    console.log(`${kind}: seeded ${CONTRACTS} contracts, ${TICKETS} tickets in ${round1(seedS)} s`);
    gc();
    const memory = new MemorySampler();
    // On SQLite the run never yields to timers (better-sqlite3 is synchronous), so memory is sampled per query.
    const ctx = { ...app.ctx, db: app.ctx.db.withPlugin(memory.plugin) };
    const loads = [load1()];
    const server0 = kind === "postgres" ? await backendCpu(app.ctx.db) : null;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const out = await profiled(`billing-${kind}`, () => runPeriod(ctx, PERIOD));
    const runS = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const serverS = server0 ? cpuSince(server0, await backendCpu(app.ctx.db)) : null;
    loads.push(load1());
    memory.stop();
    gc();
    const heapAfter = process.memoryUsage().heapUsed;
    const r0 = performance.now();
    const again = await runPeriod(app.ctx, PERIOD);
    const rerunS = (performance.now() - r0) / 1000;
    const k = (name: string) => `${kind}.${name}`;
    return {
      [k("contracts")]: CONTRACTS,
      [k("tickets")]: TICKETS,
      [k("seedSeconds")]: round1(seedS),
      [k("runSeconds")]: round1(runS),
      [k("cpuSeconds")]: round1((cpu.user + cpu.system) / 1e6),
      ...(serverS === null ? {} : { [k("serverCpuSeconds")]: round1(serverS) }),
      [k("invoices")]: out.created,
      [k("failed")]: out.failed.length,
      [k("rerunSeconds")]: round1(rerunS),
      [k("rerunInvoices")]: again.created,
      [k("heapBeforeMb")]: mb(memory.heapBefore),
      [k("heapPeakMb")]: mb(memory.heapPeak),
      [k("heapAfterMb")]: mb(heapAfter),
      [k("rssBeforeMb")]: mb(memory.rssBefore),
      [k("rssPeakMb")]: mb(memory.rssPeak),
      [k("loadAverage1m")]: loads.join(" → "),
    };
  } finally {
    await app.close();
    await pgdb?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runBillingBench(): Promise<Results> {
  const out: Results = process.env.BENCH_SKIP_SQLITE ? {} : await measure("sqlite");
  if (process.env.BENCH_PG_URL) Object.assign(out, await measure("postgres"));
  const loads = ["sqlite", "postgres"]
    .filter((d) => out[`${d}.loadAverage1m`] !== undefined)
    .map((d) => `${d === "sqlite" ? "SQLite" : "PostgreSQL"} ${out[`${d}.loadAverage1m`]}`);
  return { ...out, loadAverage1m: loads.join("; ") };
}

export function formatBillingBench(r: Results): string {
  const n = (v: number | string | undefined) =>
    typeof v === "number" ? v.toLocaleString("en-US") : (v ?? "–");
  const rows = ["sqlite", "postgres"]
    .filter((d) => r[`${d}.runSeconds`] !== undefined)
    .map((d) => {
      const v = (name: string) => n(r[`${d}.${name}`]);
      return `| ${d === "sqlite" ? "SQLite" : "PostgreSQL"} | ${v("contracts")} / ${v("tickets")} | ${v("runSeconds")} s | ${v("cpuSeconds")} s | ${r[`${d}.serverCpuSeconds`] === undefined ? "in Node's" : `${v("serverCpuSeconds")} s`} | ${v("invoices")} (${v("failed")} failed) | ${v("rerunSeconds")} s, ${v("rerunInvoices")} new | ${v("heapBeforeMb")} → ${v("heapPeakMb")} → ${v("heapAfterMb")} MB | ${v("rssBeforeMb")} → ${v("rssPeakMb")} MB | ${v("loadAverage1m")} |`;
    });
  return [
    "| Database | Contracts / reviewed tickets | Run (target < 30 s) | Node CPU | Database server CPU | Invoices | Re-run | Heap before → peak → after | RSS before → peak | Load start → end |",
    "|---|---|---:|---:|---:|---:|---|---|---|---|",
    ...rows,
  ].join("\n");
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const loadBefore = load1();
  const r = await runBillingBench();
  const cpu = os.cpus();
  const stamped: Results = {
    ...r,
    date: new Date().toISOString(),
    machine: `${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    loadAverage1m: r.loadAverage1m || `${loadBefore} → ${load1()}`,
  };
  const file = path.join(import.meta.dirname, "results", `${billingResultsName()}.json`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(stamped, null, 2)}\n`);
  console.log(JSON.stringify(stamped, null, 2));
  console.log(formatBillingBench(stamped));
  console.log(`saved ${path.relative(process.cwd(), file)}`);
}
