/**
 * Billing run benchmark: one contract run (`runPeriod`) over BENCH_CONTRACTS contracts (default 10,000)
 * with BENCH_TICKETS reviewed tickets (default 300,000) worked in the month before, on SQLite and, when
 * BENCH_DATABASE_URL (a PostgreSQL server URL) is set, on PostgreSQL. Seeded with bulk inserts through
 * the app's Kysely (not measured). Memory: the heap is sampled every 50 ms during the run; a streamed
 * run keeps its peak near the starting heap whatever the number of contracts.
 *
 *   npx tsx bench/billing.ts
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { buildApp, type MesaApp } from "../src/server/app.js";
import { runPeriod } from "../src/server/modules/billing/run.js";

type Results = Record<string, number | string>;
const CONTRACTS = Number(process.env.BENCH_CONTRACTS ?? 10_000);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 300_000);
const NOW = new Date("2026-02-03T16:00:00Z");
const CHUNK = 500;

async function chunked<T>(rows: T[], insert: (part: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export const seedForProbe = (app: MesaApp) => seed(app);

async function seed(app: MesaApp): Promise<void> {
  const db = app.ctx.db;
  const at = "2026-01-05T16:00:00.000Z";
  const ids = Array.from({ length: CONTRACTS }, (_, i) => String(i).padStart(6, "0"));
  await chunked(ids, (part) =>
    db
      .insertInto("clients")
      .values(
        part.map((i) => ({
          id: `cl-${i}`,
          name: `Cliente ${i}`,
          rfc: `XYZ${i}AB1`,
          phone: null,
          email: null,
          billing_address: null,
          payment_terms: "cash" as const,
          credit_days: null,
          credit_limit_cents: null,
          credit_approved_by: null,
          credit_approved_at: null,
          account_technician_id: null,
          notes: null,
          search_text: `cliente ${i}`,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute(),
  );
  await chunked(ids, (part) =>
    db
      .insertInto("contracts")
      .values(
        part.map((i) => ({
          id: `ct-${i}`,
          client_id: `cl-${i}`,
          type: "SS",
          starts_on: "2025-01-01",
          ends_on: null,
          monthly_fee_cents: 350_000,
          included_minutes_per_month: 600,
          overage_rate_cents: 45_000,
          sla_normal_minutes: null,
          sla_urgent_minutes: null,
          notes: null,
          cancelled_at: null,
          created_at: at,
          updated_at: at,
        })),
      )
      .execute(),
  );
  const users = await db.selectFrom("users").select("id").executeTakeFirstOrThrow();
  const perContract = Math.ceil(TICKETS / CONTRACTS);
  for (let start = 0; start < TICKETS; start += 20_000) {
    const n = Math.min(20_000, TICKETS - start);
    const tickets = Array.from({ length: n }, (_, k) => {
      const i = start + k;
      const c = ids[Math.floor(i / perContract) % CONTRACTS]!;
      return {
        id: `tk-${i}`,
        folio: `OS-2026-${String(i + 1).padStart(7, "0")}`,
        client_id: `cl-${c}`,
        contact_id: null,
        title: "Servicio",
        description: "",
        urgent: 0,
        channel: "phone" as const,
        category: null,
        service_kind: "contract" as const,
        contract_id: `ct-${c}`,
        status: "reviewed" as const,
        assignee_id: null,
        received_at: at,
        response_due_at: at,
        responded_at: at,
        estimated_solution_minutes: null,
        estimated_solution_at: null,
        raw_minutes: 28,
        billable_minutes: 30,
        billing_status: "pending" as const,
        accepted_at: at,
        accepted_by_name: "x",
        accepted_via: "onsite" as const,
        acceptance_override_reason: null,
        unknown_sender: 0,
        search_text: "servicio",
        created_by: null,
        created_at: at,
        updated_at: at,
        closed_at: null,
        version: 1,
      };
    });
    await chunked(tickets, (part) => db.insertInto("tickets").values(part).execute());
    await chunked(tickets, (part) =>
      db
        .insertInto("time_entries")
        .values(
          part.map((t) => ({
            id: `te-${t.id}`,
            ticket_id: t.id,
            user_id: users.id,
            started_at: null,
            ended_at: null,
            minutes: 28,
            mode: "remote" as const,
            activity: "x",
            created_by: users.id,
            created_at: "2026-01-20T17:00:00.000Z",
          })),
        )
        .execute(),
    );
  }
}

async function freshPostgres(admin: string) {
  const name = `mesa_bench_${process.pid}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`drop database if exists ${name} with (force)`);
  await c.query(`create database ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const drop = async () => {
    const d = new pg.Client({ connectionString: admin });
    await d.connect();
    await d.query(`drop database if exists ${name} with (force)`);
    await d.end();
  };
  return { env: { DATABASE_URL: url.toString() }, drop };
}

async function measure(kind: "sqlite" | "postgres"): Promise<Results> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-bench-billing-"));
  const pgdb = kind === "postgres" ? await freshPostgres(process.env.BENCH_DATABASE_URL!) : null;
  const app = await buildApp({
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
      ...(pgdb?.env ?? { DATABASE_URL: undefined }),
    },
  });
  try {
    const s0 = performance.now();
    await seed(app);
    const seedS = (performance.now() - s0) / 1000;
    // The seed's WAL is folded into the database now, so its checkpoint is not counted as the run's.
    if (kind === "sqlite") await sql`pragma wal_checkpoint(TRUNCATE)`.execute(app.ctx.db);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const sampler = setInterval(() => {
      heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
    }, 50);
    const t0 = performance.now();
    const out = await runPeriod(app.ctx, "2026-02");
    const runS = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const mb = (b: number) => Math.round((b / 2 ** 20) * 10) / 10;
    return {
      [`${kind}.contracts`]: CONTRACTS,
      [`${kind}.tickets`]: TICKETS,
      [`${kind}.seedSeconds`]: Math.round(seedS * 10) / 10,
      [`${kind}.runSeconds`]: Math.round(runS * 10) / 10,
      [`${kind}.invoices`]: out.created,
      [`${kind}.failed`]: out.failed.length,
      [`${kind}.heapBeforeMb`]: mb(heapBefore),
      [`${kind}.heapPeakMb`]: mb(heapPeak),
    };
  } finally {
    await app.close();
    await pgdb?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runBillingBench(): Promise<Results> {
  const out = await measure("sqlite");
  if (process.env.BENCH_DATABASE_URL) Object.assign(out, await measure("postgres"));
  return out;
}

export function formatBillingBench(r: Results): string {
  const rows = ["sqlite", "postgres"]
    .filter((k) => r[`${k}.runSeconds`] !== undefined)
    .map(
      (k) =>
        `| ${k === "sqlite" ? "SQLite" : "PostgreSQL"} | ${r[`${k}.contracts`]} | ${r[`${k}.tickets`]} | ${r[`${k}.runSeconds`]} s | ${r[`${k}.invoices`]} | ${r[`${k}.heapBeforeMb`]} → ${r[`${k}.heapPeakMb`]} MB |`,
    );
  return [
    "| Database | Contracts | Reviewed tickets | Run | Invoices | Heap before → peak |",
    "|---|---:|---:|---:|---:|---|",
    ...rows,
  ].join("\n");
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const r = await runBillingBench();
  console.log(JSON.stringify(r, null, 2));
  console.log(formatBillingBench(r));
}
