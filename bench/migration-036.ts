/**
 * How long upgrading a large database takes through migration 036, the one migration so far that
 * rewrites a column of every ticket (each search text written again with the contact's phones as
 * digits). Its worst case is measured: every text made stale first, so every row is rewritten (a
 * batch of 1,000 per UPDATE; SQLite's search index following by trigger), as the migrator runs it:
 * in one transaction on PostgreSQL, none on SQLite (Kysely's Migrator: transactional DDL only there).
 *
 *   npx tsx bench/migration-036.ts                     # SQLite, 1,000,000 tickets (npm run bench -- migration-036)
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/migration-036.ts
 *   BENCH_TICKETS=100000 …                             # another size (saves nothing)
 *
 * The tickets are seeded as for bench/http.ts (a process of its own); the migration then runs here,
 * alone on the machine. Results: Markdown on stdout and bench/results/migration-036[-pg].json.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { type Kysely, sql } from "kysely";
import { ticketSearchText } from "../src/domain/text.js";
import { openDatabase } from "../src/server/platform/database/database.js";
import { ticketSearchPhonesMigration } from "../src/server/platform/database/migrations/036_ticket_search_phones.js";
import { removeSeeded, seedData } from "./http-children.js";

const TICKETS = Number(process.env.BENCH_TICKETS) > 0 ? Number(process.env.BENCH_TICKETS) : 1_000_000;
export const migrationResultsName = () => `migration-036${process.env.BENCH_PG_URL ? "-pg" : ""}`;

type AnyDb = Kysely<any>;

/** A ticket's search text as the app writes it now, from its row (to check the migration's work). */
async function expectedText(db: AnyDb, id: string): Promise<{ now: string; expected: string }> {
  const r = await db
    .selectFrom("tickets as t")
    .innerJoin("clients as cl", "cl.id", "t.client_id")
    .leftJoin("contacts as co", "co.id", "t.contact_id")
    .select([
      "t.folio",
      "t.title",
      "t.description",
      "t.search_text",
      "cl.name as client",
      "co.name as contact",
    ])
    .select("t.contact_id")
    .where("t.id", "=", id)
    .executeTakeFirstOrThrow();
  const phones = await db
    .selectFrom("contact_channels")
    .select("value")
    .where("contact_id", "=", r.contact_id)
    .where("kind", "=", "phone")
    .orderBy("id")
    .execute();
  const expected = ticketSearchText({
    folio: r.folio,
    title: r.title,
    description: r.description,
    clientName: r.client,
    contactName: r.contact,
    contactPhones: phones.length ? phones.map((p) => p.value).join(" ") : null,
  });
  return { now: r.search_text, expected };
}

export async function runMigrationBench(): Promise<Record<string, number | string>> {
  const seeded = await seedData(TICKETS);
  let opened: ReturnType<typeof openDatabase> | null = null;
  try {
    // No statement timeout: staling a million rows takes longer than a request may.
    opened = openDatabase({
      databaseUrl: seeded.pgUrl ?? undefined,
      dataDir: seeded.dataDir,
      dbStatementTimeoutMs: 0,
    });
    const { db, dialect } = opened;
    const any = db as AnyDb;
    // Every text stale, as in a database written before the migration where every ticket changes.
    await sql`update tickets set search_text = search_text || ' ~'`.execute(any);
    // The staling's own aftermath (dead rows, an unflushed log) is not the migration's to pay.
    if (dialect === "postgres") {
      await sql`vacuum analyze tickets`.execute(any);
      await sql`checkpoint`.execute(any);
    } else await sql`pragma wal_checkpoint(truncate)`.execute(any);
    const loadBefore = os.loadavg()[0]!.toFixed(2);
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    const up = ticketSearchPhonesMigration(dialect).up;
    if (dialect === "postgres") await any.transaction().execute((trx) => up(trx));
    else await up(any);
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const stale = await sql<{
      n: number | string;
    }>`select count(*) as n from tickets where search_text like '% ~'`.execute(any);
    const probe = await any
      .selectFrom("tickets")
      .select("id")
      .orderBy("id")
      .offset(Math.floor(TICKETS / 3))
      .limit(1)
      .executeTakeFirstOrThrow();
    const check = await expectedText(any, probe.id);
    return {
      date: new Date().toISOString(),
      database: dialect === "postgres" ? "PostgreSQL" : "SQLite",
      tickets: TICKETS,
      seconds: Math.round(seconds * 10) / 10,
      ticketsPerSecond: Math.round(TICKETS / seconds),
      nodeCpuSeconds: Math.round((cpu.user + cpu.system) / 1e5) / 10,
      staleAfter: Number(stale.rows[0]!.n),
      probeRewritten: check.now === check.expected ? "yes" : "no",
      seedSeconds: seeded.seedSeconds,
      loadAverage1m: `${loadBefore} → ${os.loadavg()[0]!.toFixed(2)}`,
      ...(TICKETS === 1_000_000 ? {} : { partial: "yes" }),
    };
  } finally {
    await opened?.close();
    await removeSeeded(seeded);
  }
}

export function formatMigrationBench(r: Record<string, number | string>): string {
  const n = (k: string) =>
    typeof r[k] === "number" ? (r[k] as number).toLocaleString("en-US") : String(r[k]);
  return [
    "| Database | Tickets, every search text stale | Migration 036 | Tickets per second | Node CPU | Still stale after | A ticket's text as the app writes it |",
    "|---|---:|---:|---:|---:|---:|---|",
    `| ${r.database} | ${n("tickets")} | ${n("seconds")} s | ${n("ticketsPerSecond")} | ${n("nodeCpuSeconds")} s | ${n("staleAfter")} | ${r.probeRewritten} |`,
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const results = await runMigrationBench();
  console.log(formatMigrationBench(results));
  const file = path.join(import.meta.dirname, "results", `${migrationResultsName()}.json`);
  if (!results.partial) fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    results.partial ? "(another size: nothing saved)" : `JSON in ${path.relative(process.cwd(), file)}`,
  );
}
