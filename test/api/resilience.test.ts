import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobDefinition } from "../../src/server/platform/jobs/runner.js";
import { startScheduler } from "../../src/server/platform/jobs/runner.js";
import { ADMIN, type Caller, type Res, signIn } from "../client.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";

// A PostgreSQL restart, failover or pg_terminate_backend used to kill the process ("Unhandled 'error'
// event", 57P01). Only this test's own database is touched: the cluster is shared.
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A 2xx, or the outage answer: 503 database_unavailable with Retry-After. Anything else is a bug. */
function outageSafe(r: Res): boolean {
  if (r.status >= 200 && r.status < 300) return true;
  return (
    r.status === 503 && r.body?.error?.code === "database_unavailable" && r.headers["retry-after"] === "5"
  );
}

async function until(what: string, ok: () => Promise<boolean>, ms = 5_000): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    if (await ok()) return Date.now() - start;
    await sleep(50);
  }
  throw new Error(`${what}: not within ${ms} ms`);
}

// skipIf, not each over an empty list: without PostgreSQL the file must still hold a (skipped) suite.
describe.skipIf(!DATABASES.includes("postgres"))("a dropped database connection on postgres", () => {
  const kind = "postgres" as const;
  let t: TestApp;
  let admin: Caller;
  let killer: pg.Client;
  let dbName: string;
  let body: object;
  const sql = (text: string) => killer.query(text.replaceAll("$db", dbName));
  const terminate = () =>
    killer.query(
      "select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()",
      [dbName],
    );
  const ready = async () => (await t.app.inject({ url: "/api/ready" })).statusCode === 200;

  beforeAll(async () => {
    t = await startApp(kind);
    dbName = new URL(t.db.env.DATABASE_URL!).pathname.slice(1);
    killer = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await killer.connect();
    admin = await signIn(t.app, ADMIN.email, ADMIN.password);
    const client = await admin.post("/api/clients", { name: "Constructora Ñandú", rfc: "CÑA010203AB5" });
    body = { clientId: client.body.id, title: "Sin red", description: "", urgent: false, channel: "phone" };
  });
  afterAll(async () => {
    await sql("alter database $db allow_connections true").catch(() => {});
    await killer?.end();
    await t?.close();
  });

  it("keeps serving under load while its connections are terminated, and loses no acknowledged ticket", async () => {
    const answers: Res[] = [];
    let stop = false;
    const worker = async (i: number) => {
      for (let n = 0; !stop; n++) {
        answers.push(
          await ((i + n) % 2 ? admin.get("/api/tickets?limit=5") : admin.post("/api/tickets", body)),
        );
      }
    };
    const workers = [0, 1, 2, 3].map(worker);
    for (let i = 0; i < 3; i++) {
      await sleep(200);
      await terminate();
    }
    const recoveredIn = await until(
      "serving again",
      async () => (await admin.get("/api/tickets")).status === 200,
    );
    stop = true;
    await Promise.all(workers);

    expect(answers.filter((r) => !outageSafe(r)).map((r) => `${r.status} ${JSON.stringify(r.body)}`)).toEqual(
      [],
    );
    expect(recoveredIn).toBeLessThan(5_000);
    expect(await ready()).toBe(true);
    const acked = answers.filter((r) => r.status === 201).map((r) => r.body.id as string);
    const stored = (await admin.get("/api/tickets?limit=200")).body.items as { id: string; folio: string }[];
    expect(acked.filter((id) => !stored.some((s) => s.id === id))).toEqual([]);
    const numbers = stored.map((s) => Number(s.folio.slice(-6))).sort((a, b) => a - b);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
  });

  it("answers 503 with Retry-After while the database refuses connections, says so on /api/ready, and heals by itself", async () => {
    const runs: string[] = [];
    const logged: string[] = [];
    const job: JobDefinition = {
      name: "resilience_probe",
      everyMs: 0,
      leaseMs: 200,
      run: async () => runs.push("ran"),
    };
    const stopJobs = startScheduler(t.app.ctx, [job], { error: (_o, msg) => logged.push(msg) }, 50);
    try {
      await sql("alter database $db allow_connections false");
      await terminate();
      await sleep(100);
      const before = runs.length;

      const list = await admin.get("/api/tickets");
      expect(list.status).toBe(503);
      expect(list.headers["retry-after"]).toBe("5");
      expect(list.body.error.code).toBe("database_unavailable");
      expect((await admin.post("/api/tickets", body)).body.error.code).toBe("database_unavailable");
      expect((await t.app.inject({ url: "/api/health" })).statusCode).toBe(200);
      const notReady = await t.app.inject({ url: "/api/ready" });
      expect(notReady.statusCode).toBe(503);
      expect(notReady.json()).toMatchObject({
        ready: false,
        failing: ["database", "migrations"],
        checks: { database: { ok: false }, migrations: { ok: false }, storage: { ok: true } },
      });
      await sleep(300);
      expect(runs.length).toBe(before); // the scheduler could not run the job…
      expect(logged.some((m) => m.startsWith("tareas programadas en pausa"))).toBe(true); // …said why, and lives on

      await sql("alter database $db allow_connections true");
      expect(await until("ready again", ready)).toBeLessThan(5_000);
      expect((await admin.post("/api/tickets", body)).status).toBe(201);
      await until("the scheduler runs again", async () => runs.length > before);
    } finally {
      stopJobs();
    }
  });
});
