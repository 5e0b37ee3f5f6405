import SQLite from "better-sqlite3";
import { Kysely, type KyselyPlugin, SqliteDialect, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { prepared, preparedInsert } from "./prepared.js";
import type { DB } from "./schema.js";

describe("queries built once", () => {
  let db: Kysely<DB>;
  beforeEach(async () => {
    db = new Kysely<DB>({ dialect: new SqliteDialect({ database: new SQLite(":memory:") }) });
    await sql`create table categories (code text primary key, name text not null,
      estimate_minutes integer not null, active integer not null default 1)`.execute(db);
    await db
      .insertInto("categories")
      .values([
        { code: "redes", name: "Redes", estimate_minutes: 60, active: 1 },
        { code: "soporte", name: "Soporte", estimate_minutes: 30, active: 0 },
      ])
      .execute();
  });
  afterEach(() => db.destroy());

  it("builds the query once and runs it with each call's values and its own constants", async () => {
    let builds = 0;
    const byCode = prepared<{ code: string }>()((d, arg) => {
      builds++;
      return d.selectFrom("categories").select("name").where("code", "=", arg("code")).limit(1);
    });
    expect(await byCode(db, { code: "redes" })).toEqual([{ name: "Redes" }]);
    expect(await byCode(db, { code: "soporte" })).toEqual([{ name: "Soporte" }]);
    expect(await byCode(db, { code: "nada" })).toEqual([]);
    // Inside a transaction too (another executor, the same dialect).
    await db.transaction().execute(async (trx) => {
      expect(await byCode(trx, { code: "redes" })).toEqual([{ name: "Redes" }]);
    });
    expect(builds).toBe(1);
  });

  it("takes positional arguments and refuses a missing one", async () => {
    const twoCodes = prepared<string[]>()((d, arg) =>
      d
        .selectFrom("categories")
        .select("code")
        .where("code", "in", [arg(0), arg(1)])
        .orderBy("code"),
    );
    expect(await twoCodes(db, ["soporte", "redes"])).toEqual([{ code: "redes" }, { code: "soporte" }]);
    await expect(twoCodes(db, ["redes"])).rejects.toThrow(/no value for "1"/);
  });

  it("inserts rows with the columns each one has", async () => {
    const insert = preparedInsert("categories");
    // An undefined value is left out, as Kysely does: the column's default applies.
    await insert(db, { code: "hosting", name: "Hosting", estimate_minutes: 90, active: undefined } as never);
    await insert(db, { code: "red", name: "Red", estimate_minutes: 10, active: 0 });
    const rows = await db
      .selectFrom("categories")
      .selectAll()
      .where("code", "in", ["hosting", "red"])
      .execute();
    expect(rows).toEqual([
      { code: "hosting", name: "Hosting", estimate_minutes: 90, active: 1 },
      { code: "red", name: "Red", estimate_minutes: 10, active: 0 },
    ]);
  });

  it("lets plugins see every query (built each time)", async () => {
    const seen: string[] = [];
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        seen.push(args.node.kind);
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const byCode = prepared<{ code: string }>()((d, arg) =>
      d.selectFrom("categories").select("name").where("code", "=", arg("code")),
    );
    const counted = db.withPlugin(counter);
    expect(await byCode(counted, { code: "redes" })).toEqual([{ name: "Redes" }]);
    expect(await byCode(counted, { code: "soporte" })).toEqual([{ name: "Soporte" }]);
    expect(seen).toEqual(["SelectQueryNode", "SelectQueryNode"]);
  });
});
