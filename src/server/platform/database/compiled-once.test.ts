import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { compiledOnce, insertOnce, rowSlots } from "./compiled-once.js";
import { withStatementCache } from "./sqlite-statements.js";

interface T {
  things: { id: number; name: string; kind: string };
}

const raw = new SQLite(":memory:");
raw.exec(`create table things (id integer primary key, name text, kind text);
  insert into things values (1, 'uno', 'a'), (2, 'dos', 'b'), (3, 'tres', 'a');`);
const db = new Kysely<T>({ dialect: new SqliteDialect({ database: withStatementCache(raw) }) });
afterAll(() => db.destroy());

describe("compiledOnce", () => {
  const byKind = (kind: string, limit: number) =>
    compiledOnce(db, "things by kind", { kind, limit }, (slot) =>
      db
        .selectFrom("things")
        .select(["id", "name"])
        .where("kind", "=", slot("kind"))
        .orderBy("id")
        .limit(slot<number>("limit")),
    );

  it("binds each call's values to the statement built for the first", async () => {
    expect(await byKind("a", 10)).toEqual([
      { id: 1, name: "uno" },
      { id: 3, name: "tres" },
    ]);
    expect(await byKind("b", 10)).toEqual([{ id: 2, name: "dos" }]);
    expect(await byKind("a", 1)).toEqual([{ id: 1, name: "uno" }]);
  });

  it("lets plugins see every run, as Kysely does when it compiles a query", async () => {
    const seen: string[] = [];
    const kinds = new Map<unknown, string>();
    const watched = db.withPlugin({
      transformQuery: (a) => {
        kinds.set(a.queryId, a.node.kind);
        return a.node;
      },
      transformResult: async (a) => {
        seen.push(kinds.get(a.queryId) ?? "?");
        return a.result;
      },
    });
    const run = () =>
      compiledOnce(watched, "watched", { id: 2 }, (slot) =>
        watched.selectFrom("things").select("name").where("id", "=", slot<number>("id")),
      );
    expect(await run()).toEqual([{ name: "dos" }]);
    expect(await run()).toEqual([{ name: "dos" }]);
    expect(seen).toEqual(["SelectQueryNode", "SelectQueryNode"]);
  });

  it("builds a shape once for the instance and every transaction of it", async () => {
    let builds = 0;
    const named = (d: Kysely<T>, id: number) =>
      compiledOnce(d, "named in transactions", { id }, (slot) => {
        builds++;
        return d.selectFrom("things").select("name").where("id", "=", slot<number>("id"));
      });
    expect(await named(db, 1)).toEqual([{ name: "uno" }]);
    for (const id of [2, 3]) {
      const rows = await db.transaction().execute((trx) => named(trx, id));
      expect(rows).toEqual([{ name: id === 2 ? "dos" : "tres" }]);
    }
    expect(builds).toBe(1);
  });

  it("inserts rows with the columns each one has, compiled once per table and columns", async () => {
    await insertOnce(db, "things", [{ id: 20, name: "veinte", kind: "x" }]);
    await db
      .transaction()
      .execute((trx) => insertOnce<T, "things">(trx, "things", [{ id: 21, name: "veintiuno", kind: "x" }]));
    // An undefined value is left out, as Kysely does (the column's default applies); several rows at once.
    await insertOnce(db, "things", [
      { id: 22, name: "veintidós", kind: undefined as unknown as string },
      { id: 23, name: "veintitrés", kind: "y" },
    ]);
    // A SQL expression is inserted as Kysely builds it.
    await insertOnce(db, "things", [{ id: 24, name: sql`upper('x')` as unknown as string, kind: "x" }]);
    const rows = await db.selectFrom("things").selectAll().where("id", ">=", 20).orderBy("id").execute();
    expect(rows).toEqual([
      { id: 20, name: "veinte", kind: "x" },
      { id: 21, name: "veintiuno", kind: "x" },
      { id: 22, name: "veintidós", kind: null },
      { id: 23, name: "veintitrés", kind: "y" },
      { id: 24, name: "X", kind: "x" },
    ]);
  });

  it("binds rows of any number and columns through rowSlots, built once per shape", async () => {
    let builds = 0;
    const write = (rows: { id: number; name: string; kind?: string }[]) => {
      const values: Record<string, unknown> = {};
      const r = rowSlots("r", rows, values);
      return compiledOnce(db, `rows ${r.shape}`, values, (slot) => {
        builds++;
        return db.insertInto("things").values(r.slotted(slot) as never);
      });
    };
    await write([{ id: 30, name: "treinta", kind: "z" }]);
    await write([{ id: 31, name: "treinta y uno", kind: "z" }]);
    await write([
      { id: 32, name: "treinta y dos", kind: undefined },
      { id: 33, name: "treinta y tres", kind: "z" },
    ]);
    expect(builds).toBe(2);
    const rows = await db.selectFrom("things").selectAll().where("id", ">=", 30).orderBy("id").execute();
    expect(rows.map((r) => [r.id, r.kind])).toEqual([
      [30, "z"],
      [31, "z"],
      [32, null],
      [33, "z"],
    ]);
    expect(() => rowSlots("x", [{ name: sql`upper('x')` }], {})).toThrow(/x.name is a SQL expression/);
  });

  it("refuses a slot written into the SQL text, and a slot left without a value", async () => {
    await expect(
      compiledOnce(db, "slot as text", {}, (slot) =>
        db
          .selectFrom("things")
          .select("id")
          .where(sql.raw(slot("x")), "=", 1),
      ),
    ).rejects.toThrow(/SQL text/);
    await expect(
      compiledOnce(db, "slot without value", {}, (slot) =>
        db.selectFrom("things").select("id").where("kind", "=", slot("kind")),
      ),
    ).rejects.toThrow(/no value for slot kind/);
  });
});

describe("SQLite rows read as arrays", () => {
  it("are the objects better-sqlite3 makes: columns in order, a later duplicate name winning", async () => {
    const q = sql`select id, name, kind, 'x' as name, null as empty from things where id = 2`;
    const { rows } = await q.execute(db);
    expect(rows).toEqual(raw.prepare(q.compile(db).sql).all());
    expect(Object.keys(rows[0] as object)).toEqual(["id", "name", "kind", "empty"]);
    expect(rows[0]).toEqual({ id: 2, name: "x", kind: "b", empty: null });
  });

  it("keep a column named __proto__ an own property", async () => {
    const { rows } = await sql`select 1 as "__proto__", 2 as b`.execute(db);
    const row = rows[0] as Record<string, unknown>;
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(row, "__proto__")?.value).toBe(1);
    expect(row.b).toBe(2);
  });

  it("leave writes as they were (changes, last insert id)", async () => {
    const r = await db.insertInto("things").values({ id: 9, name: "nueve", kind: "c" }).executeTakeFirst();
    expect(r.insertId).toBe(9n);
    const u = await db.updateTable("things").set({ kind: "d" }).where("id", "=", 9).executeTakeFirst();
    expect(u.numUpdatedRows).toBe(1n);
  });
});
