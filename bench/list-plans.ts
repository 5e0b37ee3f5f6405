/**
 * Query plans and timings of the ticket-list SQL, as the repo generates it, on a seeded database.
 *
 *   BENCH_KEEP_DATA=1 BENCH_ONLY=listDefault BENCH_SECONDS=1 npx tsx bench/http.ts   # prints the data dir
 *   npx tsx bench/list-plans.ts /tmp/mesa-bench-http-XXXXXX
 *
 * Every statement ticketsRepo.list runs (the search-index probe too) is captured through a logging
 * Kysely on its own connection, then shown with EXPLAIN QUERY PLAN and timed with better-sqlite3
 * (min and median of 15 runs, statement prepared once). Read-only: the database is not changed.
 */
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { searchTerms } from "../src/domain/text.js";
import { type TicketFilter, ticketsRepo } from "../src/server/modules/tickets/repository.js";
import type { DB } from "../src/server/platform/database/schema.js";

const CASES: [string, Omit<TicketFilter, "limit" | "terms"> & { q?: string }][] = [
  ["queue order", {}],
  ["status=new,assigned", { statuses: ["new", "assigned"] }],
  ["q=sincronizacion (~1%)", { q: "sincronizacion" }],
  ["q=impresora (common)", { q: "impresora" }],
  ["q=zzzz (absent)", { q: "zzzz" }],
];

const dir = process.argv[2];
if (!dir) throw new Error("usage: npx tsx bench/list-plans.ts <Mesa data dir>");
const raw = new SQLite(path.join(dir, "mesa.sqlite"), { readonly: true });
const captured: { sql: string; parameters: readonly unknown[] }[] = [];
const db = new Kysely<DB>({
  dialect: new SqliteDialect({ database: raw }),
  log: (e) => {
    if (e.level === "query") captured.push({ sql: e.query.sql, parameters: e.query.parameters });
  },
});

for (const [label, { q, ...filter }] of CASES) {
  captured.length = 0;
  const rows = await ticketsRepo.list(db, { ...filter, terms: searchTerms(q ?? ""), limit: 51 });
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
    console.log(`  time: min ${times[0]!.toFixed(2)} ms, median ${times[7]!.toFixed(2)} ms`);
  }
}
await db.destroy();
