/**
 * Query plans and timings of the ticket-list SQL, as the repo generates it, on a seeded database.
 *
 *   BENCH_KEEP_DATA=1 BENCH_ONLY=listDefault BENCH_SECONDS=1 npx tsx bench/http.ts   # prints the data dir
 *   npx tsx bench/list-plans.ts /tmp/mesa-bench-http-XXXXXX
 *
 * Every statement ticketsRepo.list runs (the search-index probe too) is captured through a logging
 * Kysely on its own connection, then shown with EXPLAIN QUERY PLAN and timed with better-sqlite3
 * (min and median of 15 runs, then CPU per run over BENCH_PLAN_REPS runs, default 300; statement prepared once). Read-only: the database is not changed.
 */
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { searchTerms } from "../src/domain/text.js";
import { type TicketFilter, ticketsRepo } from "../src/server/modules/tickets/repository.js";
import type { DB } from "../src/server/platform/database/schema.js";

type Case = [string, Omit<TicketFilter, "limit" | "terms"> & { q?: string }];

const dir = process.argv[2];
const REPS = Number(process.env.BENCH_PLAN_REPS ?? 300);
if (!dir) throw new Error("usage: npx tsx bench/list-plans.ts <Mesa data dir>");
const raw = new SQLite(path.join(dir, "mesa.sqlite"), { readonly: true });
/** The busiest technician and client, as the HTTP bench filters by them. */
const busiest = (column: string) =>
  (
    raw
      .prepare(
        `select ${column} as id from tickets where ${column} is not null group by 1 order by count(*) desc limit 1`,
      )
      .get() as { id: string }
  ).id;
const CASES: Case[] = [
  ["queue order", {}],
  ["status=new,assigned", { statuses: ["new", "assigned"] }],
  ["assigneeId (busiest technician)", { assigneeId: busiest("assignee_id") }],
  ["clientId (busiest client)", { clientId: busiest("client_id") }],
  ["breached=true", { breachedAt: { now: new Date().toISOString(), breached: true } }],
  ["q=sincronizacion (~1%)", { q: "sincronizacion" }],
  ["q=impresora (common)", { q: "impresora" }],
  ["q=zzzz (absent)", { q: "zzzz" }],
];
const captured: { sql: string; parameters: readonly unknown[] }[] = [];
const db = new Kysely<DB>({
  dialect: new SqliteDialect({ database: raw }),
  log: (e) => {
    if (e.level === "query") captured.push({ sql: e.query.sql, parameters: e.query.parameters });
  },
});

for (const [label, { q, ...filter }] of CASES) {
  captured.length = 0;
  const { rows } = await ticketsRepo.list(db, { ...filter, terms: searchTerms(q ?? ""), limit: 51 });
  console.log(`\n## ${label}: ${rows.length} rows, ${captured.length} statement(s)`);
  for (const { sql, parameters } of captured) {
    const params = parameters as unknown[];
    const shown = params.map((p) => (typeof p === "string" && p.length > 40 ? `${p.slice(0, 40)}…` : p));
    console.log(`\n${sql}\n  params: ${JSON.stringify(shown)}`);
    for (const r of raw.prepare(`explain query plan ${sql}`).all(...params) as { detail: string }[]) {
      console.log(`  ${r.detail}`);
    }
    const stmt = raw.prepare(sql);
    const times: number[] = [];
    for (let i = 0; i < 16; i++) {
      const t0 = performance.now();
      stmt.all(...params);
      if (i > 0) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    // CPU time over many runs: steadier than wall time on a machine others are using.
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < REPS; i++) stmt.all(...params);
    const cpu = process.cpuUsage(cpu0);
    const cpuUs = (cpu.user + cpu.system) / REPS;
    console.log(
      `  time: min ${times[0]!.toFixed(2)} ms, median ${times[7]!.toFixed(2)} ms; CPU ${cpuUs.toFixed(0)} µs/run over ${REPS}`,
    );
  }
}
await db.destroy();
