import { execFileSync } from "node:child_process";
/**
 * The HTTP bench's two servers, each a child process of bench/http.ts (`--role=mesa|bare`), so the
 * load generator never shares an event loop with a server:
 *   - a seeding process (buildApp's migrations, then BENCH_TICKETS tickets through bench/http-seed.ts),
 *     which exits once the data is on disk;
 *   - Mesa (buildApp) serving that data in a fresh process, as after a restart (measured);
 *   - the bare route: Fastify + one prepared INSERT into Mesa's own tickets table (the ceiling).
 * On SQLite each gets a temp data dir; with BENCH_PG_URL each gets a fresh database on that server.
 * They answer the parent over IPC: seeded, ready, cpu (their own CPU time), profile, stats, exit.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import pg from "pg";
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
 * CPU time this server process has used so far (user + system, ms): cost per request, robust to a busy
 * machine. The system part is said apart: on loopback, sending to PostgreSQL or to the client runs the
 * receiver's TCP stack and its wake-up in the sender's time, which JavaScript does not choose.
 */
function answerCpu(): void {
  const u = process.cpuUsage();
  process.send!({ type: "cpu", ms: (u.user + u.system) / 1000, systemMs: u.system / 1000 });
}

/** A fresh database on BENCH_PG_URL's server; `drop` removes it. */
async function freshPgDatabase(role: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `mesa_bench_${role}_${process.pid}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  const url = new URL(PG_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** Drops a database freshPgDatabase made (by its URL: the process that made it has exited). */
async function dropPgDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
}

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
async function deepCursor(db: AnyDb): Promise<string> {
  const r = await sql<{ urgent: number; due: string; id: string }>`select urgent, response_due_at as due, id
    from tickets order by urgent desc, response_due_at, id limit 1 offset ${Math.floor(TICKETS * 0.9)}`.execute(
    db,
  );
  const row = r.rows[0]!;
  return Buffer.from(JSON.stringify([Number(row.urgent), row.due, row.id])).toString("base64url");
}

async function probeFolio(db: AnyDb): Promise<string> {
  const r = await sql<{
    folio: string;
  }>`select folio from tickets order by id limit 1 offset ${Math.floor(TICKETS / 2)}`.execute(db);
  return r.rows[0]!.folio;
}

let profiler: import("node:inspector/promises").Session | null = null;

/** CPU profile of the measured load only (seeding excluded), written as a .cpuprofile for DevTools/speedscope. */
async function profileControl(msg: { action: "start" | "stop"; file?: string }): Promise<void> {
  if (msg.action === "start") {
    const { Session } = await import("node:inspector/promises");
    profiler = new Session();
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.setSamplingInterval", { interval: 200 });
    await profiler.post("Profiler.start");
  } else if (profiler) {
    const { profile } = await profiler.post("Profiler.stop");
    fs.mkdirSync(path.dirname(msg.file!), { recursive: true });
    fs.writeFileSync(msg.file!, JSON.stringify(profile));
    profiler.disconnect();
    profiler = null;
  }
  process.send!({ type: "profiled" });
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
  const { buildApp } = await import("../src/server/app.js");
  const { businessCalendar } = await import("../src/server/modules/settings/settings.js");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-bench-http-"));
  const pgDb = PG_URL ? await freshPgDatabase("http") : null;
  const app = await buildApp({ env: await mesaEnv(dataDir, pgDb?.url ?? null), logger: false });
  const db = app.ctx.db as AnyDb;
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const src = { count: TICKETS, now: Date.now(), cal: await businessCalendar(app.ctx), rand: rng(42) };
  const { who, rare, phases } = await seed(db, src, pgDb ? { url: pgDb.url } : { dataDir });
  const seedSeconds = (performance.now() - started) / 1000;
  const seedCpu = process.cpuUsage(cpu0);
  // Its gigabyte of dirty pages must not still be being written to disk by the kernel while the first
  // scenarios run (at a million tickets they cost the first two ~50 % more CPU than the rest).
  // On PostgreSQL the same: its checkpoint spreads the seeding's writes over the next minutes (and a
  // million tickets' are over a gigabyte), so it is asked for now, then the kernel's part flushed.
  if (pgDb) await sql`checkpoint`.execute(db);
  else await sql`pragma wal_checkpoint(truncate)`.execute(db);
  await app.close();
  execFileSync("sync");
  const seeded: Seeded = {
    type: "seeded",
    dataDir,
    pgUrl: pgDb?.url ?? null,
    clients: who.clients.map((c, i) => ({ id: c.id, contactId: who.contacts[i]!.id })),
    techId: who.techs[0]!.id,
    rareMatches: rare,
    seedSeconds: Math.round(seedSeconds * 10) / 10,
    // On a shared machine the wall clock says more about the neighbours than about the seeding.
    seedPhases: `${phases}; ${Math.round((seedCpu.user + seedCpu.system) / 1e5) / 10} s of the seeding process's CPU`,
  };
  process.send!(seeded, () => process.exit(0));
}

/** Mesa serving the seeded data, as a server started on an existing database does. */
async function mesaChild(): Promise<void> {
  const seeded = await new Promise<Seeded>((resolve) => process.once("message", (m: Seeded) => resolve(m)));
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
    deepCursor: await deepCursor(db),
    probeFolio: await probeFolio(db),
    tickets: TICKETS,
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
      await app.close();
      if (process.env.BENCH_KEEP_DATA) console.error(`Mesa data kept in ${seeded.pgUrl ?? seeded.dataDir}`);
      else {
        fs.rmSync(seeded.dataDir, { recursive: true, force: true });
        if (seeded.pgUrl) await dropPgDatabase(seeded.pgUrl);
      }
      process.exit(0);
    }
  });
}

// The words the parent's scenarios search for, re-exported so they come from one place.
export { COMMON_WORD, RARE_WORD };

const BARE_COLUMNS = `(id, folio, client_id, contact_id, title, description, urgent, channel, category, service_kind,
  contract_id, status, assignee_id, received_at, response_due_at, responded_at,
  estimated_solution_minutes, estimated_solution_at, raw_minutes, billable_minutes, billing_status,
  accepted_at, accepted_by_name, accepted_via, acceptance_override_reason, unknown_sender, search_text,
  created_by, created_at, updated_at, closed_at, version, escalation_level)`;
const barePlaceholders = (p: (i: number) => string) =>
  `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, 'event', null, 'new', null,
   ${p(10)}, ${p(11)}, null, null, null, 0, null, 'pending', null, null, null, null, 0, ${p(12)}, null,
   ${p(13)}, ${p(14)}, null, 1, 0)`;

type Insert = (values: unknown[]) => unknown;

/** The bare route's database, built by Mesa's migrations (same columns, indexes, FKs, search triggers). */
async function bareDatabase(clients: { id: string; contactId: string }[]) {
  const { openDatabase } = await import("../src/server/platform/database/database.js");
  const { migrateToLatest } = await import("../src/server/platform/database/migrate.js");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-bench-bare-"));
  const pgDb = PG_URL ? await freshPgDatabase("bare") : null;
  const migrated = openDatabase({ dataDir: dir, databaseUrl: pgDb?.url });
  await migrateToLatest(migrated);
  const at = new Date().toISOString();
  const stamps = { created_at: at, updated_at: at };
  const d = migrated.db as AnyDb;
  await d
    .insertInto("clients")
    .values(
      clients.map((c) => ({ id: c.id, name: `Cliente ${c.id}`, search_text: `cliente ${c.id}`, ...stamps })),
    )
    .execute();
  await d
    .insertInto("contacts")
    .values(
      clients.map((c) => ({ id: c.contactId, client_id: c.id, name: "C", search_text: "c", ...stamps })),
    )
    .execute();
  await migrated.close();
  if (pgDb) {
    const pool = new pg.Pool({ connectionString: pgDb.url, max: 10 });
    // Dropping the database at exit (with force) ends idle connections; unheard, that error is a crash.
    pool.on("error", () => {});
    const text = `insert into tickets ${BARE_COLUMNS} values ${barePlaceholders((i) => `$${i}`)}`;
    const insert: Insert = (values) => pool.query({ name: "bare_insert", text, values });
    const close = async () => {
      await pool.end();
      await pgDb.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
    return { insert, close };
  }
  const { default: SQLite } = await import("better-sqlite3");
  const sqlite = new SQLite(path.join(dir, "mesa.sqlite"));
  // The same pragmas as src/server/platform/database/database.ts.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const stmt = sqlite.prepare(`insert into tickets ${BARE_COLUMNS} values ${barePlaceholders(() => "?")}`);
  const insert: Insert = (values) => stmt.run(values);
  const close = async () => {
    sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { insert, close };
}

/** The ceiling: one prepared INSERT per request into a table as wide and as indexed as Mesa's. */
async function bareChild(): Promise<void> {
  const { default: Fastify } = await import("fastify");
  const clients = await new Promise<{ id: string; contactId: string }[]>((resolve) =>
    process.once("message", (m: { clients: { id: string; contactId: string }[] }) => resolve(m.clients)),
  );
  const target = await bareDatabase(clients);
  let seq = 0;
  const app = Fastify({ logger: false });
  app.post("/bare/tickets", async (req, reply) => {
    const b = req.body as Record<string, unknown>;
    const id = randomUUID();
    const folio = `OS-2026-${String(++seq).padStart(6, "0")}`;
    const at = new Date().toISOString();
    const title = String(b.title);
    const description = String(b.description ?? "");
    // biome-ignore format: one value per placeholder
    await target.insert([
      id, folio, String(b.clientId), (b.contactId as string | null) ?? null, title, description,
      b.urgent ? 1 : 0, String(b.channel), (b.category as string | null) ?? null, at, at,
      `${folio} ${title} ${description}`.toLowerCase(), at, at,
    ]);
    return reply.status(201).send({ id, folio });
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  process.send!({ type: "ready", port: typeof address === "object" && address ? address.port : 0 });
  process.on("message", async (msg: { type: string }) => {
    if (msg.type === "cpu") answerCpu();
    else if (msg.type === "exit") {
      await app.close();
      await target.close();
      process.exit(0);
    }
  });
}

const role = process.argv.find((a) => a.startsWith("--role="))?.slice(7);
if (role === "seed") await seedChild();
else if (role === "mesa") await mesaChild();
else if (role === "bare") await bareChild();
