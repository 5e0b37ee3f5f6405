import { type Kysely, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compiledOnce } from "./compiled-once.js";
import { type Database, openDatabase } from "./database.js";

const url = process.env.TEST_DATABASE_URL;

// skipIf, not an empty run: without PostgreSQL the file still holds a (skipped) suite.
describe.skipIf(!url)("named prepared statements on PostgreSQL", () => {
  const name = `mesa_test_prep_${process.pid}`;
  let admin: pg.Client;
  let database: Database;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    const u = new URL(url!);
    u.pathname = `/${name}`;
    database = openDatabase({ databaseUrl: u.toString(), dataDir: "/nonexistent" });
  });
  afterAll(async () => {
    await database?.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  const count = (db: Database["db"], n: number, prepare: boolean) =>
    compiledOnce(
      db,
      `prepared test ${prepare}`,
      { n },
      (slot) =>
        db
          .selectNoFrom(sql<number>`${slot<number>("n")}::int + ${sql.lit(prepare ? 1 : 2)}`.as("v"))
          .where(sql<boolean>`${slot<number>("n")}::int >= 0`),
      { prepare },
    );

  it("prepares compiledOnce's statements once per connection, and not those planned per run", async () => {
    const seen = await database.db.connection().execute(async (conn) => {
      for (const n of [1, 2, 3]) {
        expect(await count(conn, n, true)).toEqual([{ v: n + 1 }]);
        expect(await count(conn, n, false)).toEqual([{ v: n + 2 }]);
      }
      // Any other statement runs unnamed, as Kysely sends it.
      await sql`select ${1}::int as one`.execute(conn);
      const r = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(conn);
      return r.rows.map((row) => row.statement);
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toContain("+ 1");
  });

  it("keeps transactions and errors as they were", async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        expect(await count(trx, 5, true)).toEqual([{ v: 6 }]);
        await count(trx, -1, true);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    await expect(count(database.db, "x" as unknown as number, true)).rejects.toThrow(/invalid input syntax/);
    expect(await count(database.db, 7, true)).toEqual([{ v: 8 }]);
  });

  it("prepares a statement anew once a migration changed the columns it returns", async () => {
    await sql`create table things (id int primary key)`.execute(database.db);
    await sql`insert into things values (1)`.execute(database.db);
    // A table of the test's own, outside Mesa's schema.
    const read = (db: Kysely<any>) =>
      compiledOnce(db, "things by id", { id: 1 }, (slot) =>
        db.selectFrom("things").selectAll().where("id", "=", slot<number>("id")),
      );
    await database.db.connection().execute(async (conn) => {
      expect(await read(conn)).toEqual([{ id: 1 }]);
      await sql`alter table things add column kind text default 'a'`.execute(database.db);
      await expect(read(conn)).rejects.toThrow(/result type/);
      expect(await read(conn)).toEqual([{ id: 1, kind: "a" }]);
    });
  });
});
