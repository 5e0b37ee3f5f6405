/**
 * The HTTP bench's ceilings (`--role=bare`, started by bench/http.ts), each a Fastify route that does
 * only the database work of a Mesa request and sends what it read:
 * - POST /bare/tickets: one prepared INSERT per request into a tickets table built by Mesa's own
 *   migrations, so as wide and as indexed as Mesa's (the create's ceiling);
 * - GET /bare/page[?view=summary]: a queue page's one statement, as Mesa's repository runs it on the
 *   data Mesa serves (the same SQL, driver, prepared statement and pool), its rows sent as read with
 *   JSON.stringify: no session, validation, SLA or actions per ticket, nor the contract's shape. What
 *   a page costs this machine before Mesa does anything of its own (the queue page's floor).
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import type { Kysely } from "kysely";
import pg from "pg";
import { answerCpu, freshPgDatabase, profileControl } from "./http-child.js";
import type { Seeded } from "./http-servers.js";

type AnyDb = Kysely<any>;
const PG_URL = process.env.BENCH_PG_URL;

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

/** Where Mesa's seeded data is, for the page's floor to read. */
type SeededAt = Pick<Seeded, "dataDir" | "pgUrl">;

/** GET /bare/page: the first page of the queue (view=summary: its rows), read as Mesa's repository reads it. */
async function pageFloor(app: FastifyInstance, seeded: SeededAt) {
  const { openDatabase } = await import("../src/server/platform/database/database.js");
  const { ticketsRepo } = await import("../src/server/modules/tickets/repository.js");
  const data = openDatabase({ dataDir: seeded.dataDir, databaseUrl: seeded.pgUrl ?? undefined });
  app.get("/bare/page", async (req) => {
    const summary = (req.query as { view?: string }).view === "summary";
    const { rows } = await ticketsRepo.list(data.db, { terms: [], limit: 51, summary });
    return { items: rows.slice(0, 50) };
  });
  return () => data.close();
}

type BareSetup = { clients: { id: string; contactId: string }[]; seeded: SeededAt };

/** The ceilings: an INSERT into a table as wide and as indexed as Mesa's; a queue page's statement. */
export async function bareChild(): Promise<void> {
  const { default: Fastify } = await import("fastify");
  const { clients, seeded } = await new Promise<BareSetup>((resolve) =>
    process.once("message", (m: BareSetup) => resolve(m)),
  );
  const target = await bareDatabase(clients);
  let seq = 0;
  const app = Fastify({ logger: false });
  const closePage = await pageFloor(app, seeded);
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
  process.on("message", async (msg: { type: string; action: "start" | "stop"; file?: string }) => {
    if (msg.type === "cpu") answerCpu();
    else if (msg.type === "profile") await profileControl(msg);
    else if (msg.type === "exit") {
      await app.close();
      await closePage();
      await target.close();
      process.exit(0);
    }
  });
}
