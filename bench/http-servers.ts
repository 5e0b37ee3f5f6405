/**
 * The HTTP bench's child processes (bench/http.ts starts them with `--role=seed|mesa|bare`), so the
 * load generator never shares an event loop with a server:
 *   - a seeding process (buildApp's migrations, then BENCH_TICKETS tickets through bench/http-seed.ts),
 *     which exits once the data is on disk;
 *   - Mesa (buildApp) serving that data in a fresh process, as after a restart (measured);
 *   - the bare route: Fastify + one prepared INSERT into Mesa's own tickets table (the ceiling,
 *     bench/http-bare.ts).
 * On SQLite each gets a temp data dir; with BENCH_PG_URL each gets a fresh database on that server.
 * They answer the parent over IPC: seeded, ready, cpu (their own CPU time), profile, stats, exit.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import { answerCpu, freshPgDatabase, profileControl } from "./http-child.js";
import { COMMON_WORD, people, RARE_WORD, rng } from "./http-data.js";
import { seedPostgresTickets, seedSqliteTickets, type TicketSource } from "./http-seed.js";

type AnyDb = Kysely<any>;

export interface MesaReady {
  type: "ready";
  port: number;
  token: string;
  clients: { id: string; contactId: string }[];
  techId: string;
  deepCursor: string;
  /** The folio of a ticket halfway through the table: a search with one match. */
  probeFolio: string;
  tickets: number;
  rareMatches: number;
  seedSeconds: number;
  seedPhases: string;
  /** The serving process's RSS once it listens, before any request. */
  rssAtStartMb: number;
}

const TICKETS = Number(process.env.BENCH_TICKETS) > 0 ? Number(process.env.BENCH_TICKETS) : 100_000;
const PG_URL = process.env.BENCH_PG_URL;
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/**
 * What-if switches for profiling, never for the README figures: they patch modules in this process
 * to estimate a fix outside bench/ before anyone makes it.
 *   no-touch: skip the api_tokens.last_used_at update done on bearer requests
 */
async function applyExperiments(): Promise<void> {
  const wanted = new Set(process.env.BENCH_EXPERIMENTS?.split(",").filter(Boolean));
  if (wanted.has("no-touch")) {
    const { tokensRepo } = await import("../src/server/modules/users/repository.js");
    tokensRepo.touch = async () => [];
  }
}

/** The list's cursor (see tickets.ts) of the ticket 90% of the way down the queue order. */
async function deepCursor(db: AnyDb, tickets: number): Promise<string> {
  const r = await sql<{ urgent: number; due: string; id: string }>`select urgent, response_due_at as due, id
    from tickets order by urgent desc, response_due_at, id limit 1 offset ${Math.floor(tickets * 0.9)}`.execute(
    db,
  );
  const row = r.rows[0]!;
  return Buffer.from(JSON.stringify([Number(row.urgent), row.due, row.id])).toString("base64url");
}

async function probeFolio(db: AnyDb, tickets: number): Promise<string> {
  const r = await sql<{
    folio: string;
  }>`select folio from tickets order by id limit 1 offset ${Math.floor(tickets / 2)}`.execute(db);
  return r.rows[0]!.folio;
}

/** Staff, clients, contacts and contracts through the app's Kysely; tickets in bulk (http-seed.ts). */
async function seed(db: AnyDb, src: Omit<TicketSource, "people">, where: { dataDir?: string; url?: string }) {
  const who = people(src.rand, new Date(src.now).toISOString());
  await db.insertInto("users").values(who.techs).execute();
  await db.insertInto("clients").values(who.clients).execute();
  await db.insertInto("contacts").values(who.contacts).execute();
  await db.insertInto("contracts").values(who.contracts).execute();
  let seeded: Awaited<ReturnType<typeof seedPostgresTickets>>;
  if (where.url) {
    const client = new pg.Client({ connectionString: where.url });
    await client.connect();
    seeded = await seedPostgresTickets(client, { ...src, people: who });
    await client.end();
  } else {
    const { default: SQLite } = await import("better-sqlite3");
    const raw = new SQLite(path.join(where.dataDir!, "mesa.sqlite"));
    seeded = seedSqliteTickets(raw, { ...src, people: who });
    raw.close();
  }
  for (const [year, last] of seeded.folios)
    await db
      .insertInto("folio_counters")
      .values({ year, last_value: last })
      .onConflict((oc) => oc.column("year").doUpdateSet({ last_value: last }))
      .execute();
  return { who, rare: seeded.rare, phases: seeded.phases };
}

/** What the seeding process hands the serving one (through the parent): where the data is and its facts. */
export interface Seeded {
  type: "seeded";
  dataDir: string;
  pgUrl: string | null;
  tickets: number;
  clients: { id: string; contactId: string }[];
  techId: string;
  rareMatches: number;
  seedSeconds: number;
  seedPhases: string;
}

/** The env both Mesa processes build the app with: the same data, no jobs, no rate limit, no logs. */
async function mesaEnv(dataDir: string, pgUrl: string | null): Promise<Record<string, string>> {
  const { ADMIN } = await import("../test/client.js");
  return {
    MESA_DATA_DIR: dataDir,
    ...(pgUrl ? { DATABASE_URL: pgUrl } : {}),
    MESA_ADMIN_EMAIL: ADMIN.email,
    MESA_ADMIN_PASSWORD: ADMIN.password,
    MESA_WEB_DIST: "/nonexistent",
    MESA_RATE_LIMIT_PER_MINUTE: "100000000",
    MESA_JOBS: "false",
    LOG_LEVEL: "silent",
  };
}

/**
 * Seeds a fresh database (migrations by buildApp, then BENCH_TICKETS tickets), leaves it on disk and
 * exits: the server measured is another process, started on the data as after a restart, whose heap
 * never held the generated rows. (Tried on 6 December because a million-ticket PostgreSQL run showed
 * 13 % of a page's CPU in garbage collection against 3 % at 100,000: the pages cost the same either
 * way, and the bare INSERT of the same run showed the machine itself had slowed.)
 */
async function seedChild(): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-bench-http-"));
  const pgDb = PG_URL ? await freshPgDatabase("http") : null;
  try {
    const seeded = await seedInto(dataDir, pgDb?.url ?? null);
    process.send!(seeded, () => process.exit(0));
  } catch (err) {
    // Nobody else knows where a seeding that failed put its data.
    fs.rmSync(dataDir, { recursive: true, force: true });
    await pgDb?.drop();
    throw err;
  }
}

async function seedInto(dataDir: string, pgUrl: string | null): Promise<Seeded> {
  const { buildApp } = await import("../src/server/app.js");
  const { businessCalendar } = await import("../src/server/modules/settings/settings.js");
  const app = await buildApp({ env: await mesaEnv(dataDir, pgUrl), logger: false });
  const db = app.ctx.db as AnyDb;
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const src = { count: TICKETS, now: Date.now(), cal: await businessCalendar(app.ctx), rand: rng(42) };
  const { who, rare, phases } = await seed(db, src, pgUrl ? { url: pgUrl } : { dataDir });
  const seedSeconds = (performance.now() - started) / 1000;
  const seedCpu = process.cpuUsage(cpu0);
  // Its gigabyte of dirty pages must not still be being written to disk by the kernel while the first
  // scenarios run (at a million tickets they cost the first two ~50 % more CPU than the rest).
  // On PostgreSQL the same: its checkpoint spreads the seeding's writes over the next minutes (and a
  // million tickets' are over a gigabyte), so it is asked for now, then the kernel's part flushed.
  if (pgUrl) await sql`checkpoint`.execute(db);
  else await sql`pragma wal_checkpoint(truncate)`.execute(db);
  await app.close();
  execFileSync("sync");
  return {
    type: "seeded",
    dataDir,
    pgUrl,
    tickets: TICKETS,
    clients: who.clients.map((c, i) => ({ id: c.id, contactId: who.contacts[i]!.id })),
    techId: who.techs[0]!.id,
    rareMatches: rare,
    seedSeconds: Math.round(seedSeconds * 10) / 10,
    // On a shared machine the wall clock says more about the neighbours than about the seeding.
    seedPhases: `${phases}; ${Math.round((seedCpu.user + seedCpu.system) / 1e5) / 10} s of the seeding process's CPU`,
  };
}

/** Mesa serving the seeded data, as a server started on an existing database does. */
async function mesaChild(): Promise<void> {
  const seeded = JSON.parse(process.env.BENCH_SEEDED ?? "null") as Seeded | null;
  if (!seeded) throw new Error("--role=mesa needs BENCH_SEEDED (bench/http.ts sets it)");
  const { buildApp } = await import("../src/server/app.js");
  const { ADMIN, signIn } = await import("../test/client.js");
  await applyExperiments();
  const app = await buildApp({ env: await mesaEnv(seeded.dataDir, seeded.pgUrl), logger: false });
  const db = app.ctx.db as AnyDb;
  const caller = await signIn(app, ADMIN.email, ADMIN.password);
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  const ready: MesaReady = {
    type: "ready",
    port: typeof address === "object" && address ? address.port : 0,
    token: caller.token!,
    clients: seeded.clients,
    techId: seeded.techId,
    deepCursor: await deepCursor(db, seeded.tickets),
    probeFolio: await probeFolio(db, seeded.tickets),
    tickets: seeded.tickets,
    rareMatches: seeded.rareMatches,
    seedSeconds: seeded.seedSeconds,
    seedPhases: seeded.seedPhases,
    rssAtStartMb: mb(process.memoryUsage().rss),
  };
  process.send!(ready);
  process.on("message", async (msg: { type: string; action: "start" | "stop"; file?: string }) => {
    if (msg.type === "cpu") answerCpu();
    else if (msg.type === "profile") await profileControl(msg);
    else if (msg.type === "stats") {
      const count = await sql<{ n: number }>`select count(*) as n from tickets`.execute(db);
      process.send!({
        type: "stats",
        rssMb: mb(process.memoryUsage().rss),
        tickets: Number(count.rows[0]!.n),
      });
    } else if (msg.type === "exit") {
      // The parent removes the data once this process has gone (bench/http.ts, removeSeeded).
      await app.close();
      process.exit(0);
    }
  });
}

// The words the parent's scenarios search for, re-exported so they come from one place.
export { COMMON_WORD, RARE_WORD };

const role = process.argv.find((a) => a.startsWith("--role="))?.slice(7);
if (role === "seed") await seedChild();
else if (role === "mesa") await mesaChild();
else if (role === "bare") await (await import("./http-bare.js")).bareChild();
