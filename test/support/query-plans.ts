import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { DB } from "../../src/server/platform/database/schema.js";
import type { DbKind, TestApp } from "../harness.js";

/** A statement as Kysely ran it. */
export interface Captured {
  sql: string;
  parameters: readonly unknown[];
}

/** A second connection to a test app's database that records what it runs and explains it. */
export interface PlanProbe {
  /** Run repository functions through this one: each statement lands in `captured`. */
  db: Kysely<DB>;
  captured: Captured[];
  /** The plan's lines, as EXPLAIN QUERY PLAN (SQLite) or EXPLAIN (PostgreSQL) prints them. */
  explain: (c: Captured) => Promise<string[]>;
  close: () => Promise<void>;
}

/**
 * PostgreSQL's tickets are analysed first and each statement explained with sequential scans priced
 * out (enable_seqscan = off): a few thousand rows then plan as a large table would, and a Seq Scan
 * stays only where no index can serve the statement.
 */
export async function planProbe(t: TestApp, kind: DbKind): Promise<PlanProbe> {
  const captured: Captured[] = [];
  const log = (e: { level: string; query: Captured }) => {
    if (e.level === "query") captured.push({ sql: e.query.sql, parameters: e.query.parameters });
  };
  if (kind === "sqlite") {
    const raw = new SQLite(path.join(t.db.env.MESA_DATA_DIR!, "mesa.sqlite"));
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }), log });
    const explain = async (c: Captured) =>
      (
        raw.prepare(`explain query plan ${c.sql}`).all(...(c.parameters as unknown[])) as { detail: string }[]
      ).map((r) => r.detail);
    return { db, captured, explain, close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: t.db.env.DATABASE_URL, max: 2 });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), log });
  await pool.query("analyze tickets");
  const explain = async (c: Captured) => {
    const client = await pool.connect();
    try {
      await client.query("begin");
      await client.query("set local enable_seqscan = off");
      const r = await client.query(`explain ${c.sql}`, c.parameters as unknown[]);
      return r.rows.map((row: { "QUERY PLAN": string }) => row["QUERY PLAN"]);
    } finally {
      await client.query("rollback");
      client.release();
    }
  };
  return { db, captured, explain, close: () => db.destroy() };
}

/**
 * A plan line that reads all of tickets: SQLite's `SCAN tickets` without an index (an index's walk in
 * its order, `SCAN tickets USING … INDEX`, is stopped by the LIMIT), PostgreSQL's Seq Scan.
 */
export const scansAllTickets = (kind: DbKind) => (line: string) =>
  kind === "sqlite"
    ? /^SCAN tickets\b(?! USING (COVERING )?INDEX)/.test(line.trim())
    : /Seq Scan on tickets\b/.test(line);
