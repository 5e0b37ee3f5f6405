import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { MesaApp } from "../src/server/app.js";

/**
 * What the database holds: for every table, its row count and a hash of its rows (order-independent).
 * `api_tokens.last_used_at` is left out: every bearer request touches it by design.
 */
export type DbSnapshot = Record<string, { rows: number; hash: string }>;

const VOLATILE: Record<string, string[]> = { api_tokens: ["last_used_at"] };

const tablesOf = new WeakMap<MesaApp, string[]>();

export async function snapshotDb(app: MesaApp): Promise<DbSnapshot> {
  // The app's typed Kysely instance; snapshots read tables by name, whatever the schema is today.
  const db = app.ctx.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
  let tables = tablesOf.get(app);
  if (!tables) {
    tables = (await db.introspection.getTables()).map((t) => t.name).sort();
    tablesOf.set(app, tables);
  }
  const out: DbSnapshot = {};
  const all = await Promise.all(tables.map((table) => db.selectFrom(table).selectAll().execute()));
  tables.forEach((table, i) => {
    const rows = all[i]!;
    const lines = rows
      .map((row) => {
        const copy: Record<string, unknown> = { ...row };
        for (const col of VOLATILE[table] ?? []) delete copy[col];
        return JSON.stringify(Object.entries(copy).sort(([a], [b]) => (a < b ? -1 : 1)));
      })
      .sort();
    out[table] = { rows: rows.length, hash: createHash("sha256").update(lines.join("\n")).digest("hex") };
  });
  return out;
}
