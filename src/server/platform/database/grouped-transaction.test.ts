import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql, type Transaction } from "kysely";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase } from "./database.js";
import { groupedTransaction } from "./grouped-transaction.js";
import { withStatementCache } from "./sqlite-statements.js";

interface T {
  counter: { id: number; last: number };
  rows: { n: number; note: string };
}

const raw = new SQLite(":memory:");
raw.exec("create table counter (id integer primary key, last integer not null)");
raw.exec("create table rows (n integer primary key, note text not null)");
let statements: string[] = [];
const db = new Kysely<T>({
  dialect: new SqliteDialect({ database: withStatementCache(raw) }),
  log: (e) => {
    if (e.level === "query") statements.push(e.query.sql.split(" ")[0] ?? "");
  },
});
afterAll(() => db.destroy());

/** Takes the next number (as the folio counter does) and writes a row with it; `fail` throws after. */
const write = (note: string, fail = false) =>
  groupedTransaction(db, async (trx: Transaction<T>) => {
    const { last } = await trx
      .insertInto("counter")
      .values({ id: 1, last: 1 })
      .onConflict((oc) => oc.column("id").doUpdateSet({ last: sql`counter.last + 1` }))
      .returning("last")
      .executeTakeFirstOrThrow();
    await trx.insertInto("rows").values({ n: last, note }).execute();
    if (fail) throw new Error(`refused ${note}`);
    return last;
  });

const kept = async () => (await db.selectFrom("rows").selectAll().orderBy("n").execute()).map((r) => r.note);

describe("groupedTransaction", () => {
  beforeEach(() => {
    raw.exec("delete from counter; delete from rows");
    statements = [];
  });

  it("runs a write that finds the connection idle as a plain transaction", async () => {
    expect(await write("a")).toBe(1);
    expect(statements).toEqual(["begin", "insert", "insert", "commit"]);
  });

  it("commits concurrent writes together, each seeing the ones before it", async () => {
    const numbers = await Promise.all(["a", "b", "c", "d"].map((n) => write(n)));
    expect(numbers).toEqual([1, 2, 3, 4]);
    expect(statements.filter((s) => s === "commit").length).toBeLessThan(4);
    expect(await kept()).toEqual(["a", "b", "c", "d"]);
  });

  it("undoes a failing write alone: the others keep their rows and numbers stay gapless", async () => {
    const results = await Promise.allSettled([
      write("a"),
      write("b", true),
      write("c"),
      write("d", true),
      write("e"),
    ]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([
      1,
      "refused b",
      2,
      "refused d",
      3,
    ]);
    expect(await kept()).toEqual(["a", "c", "e"]);
    expect(statements).toContain("rollback");
  });

  it("fails every write of a group whose commit fails, keeping none", async () => {
    raw.exec("create table gate (x integer references rows (n) deferrable initially deferred)");
    raw.pragma("foreign_keys = ON");
    try {
      // A deferred foreign key broken by the second write fails the COMMIT of the whole group.
      const broken = groupedTransaction(db, async (trx: Transaction<T>) => {
        await sql`insert into gate (x) values (999)`.execute(trx);
      });
      const results = await Promise.allSettled([write("a"), broken, write("c")]);
      expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
      expect(await kept()).toEqual([]);
      expect(raw.inTransaction).toBe(false);
    } finally {
      raw.pragma("foreign_keys = OFF");
      raw.exec("drop table gate");
    }
  });

  it("fails the group with a write's own error when SQLite ended the transaction under it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-grouped-"));
    const opened = openDatabase({ dataDir: dir });
    try {
      const d = opened.db;
      await sql`create table t (n integer)`.execute(d);
      const ok = () => groupedTransaction(d, (trx) => sql`insert into t values (1)`.execute(trx));
      // What a full disk does: SQLite rolls the transaction back by itself, the statement fails.
      const full = groupedTransaction(d, async (trx) => {
        await sql`rollback`.execute(trx);
        throw Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
      });
      const results = await Promise.allSettled([ok(), full, ok()]);
      expect(
        results.map((r) => (r.status === "rejected" ? (r.reason as { code?: string }).code : "kept")),
      ).toEqual(["SQLITE_FULL", "SQLITE_FULL", "SQLITE_FULL"]);
      expect((await sql<{ n: number }>`select count(*) as n from t`.execute(d)).rows[0]?.n).toBe(0);
      expect(await ok()).toBeDefined();
    } finally {
      await opened.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("takes later writes into the next group while one commits", async () => {
    const first = write("a");
    const second = Promise.all([write("b"), write("c")]);
    expect(await first).toBe(1);
    expect(await second).toEqual([2, 3]);
    expect(await kept()).toEqual(["a", "b", "c"]);
  });
});
