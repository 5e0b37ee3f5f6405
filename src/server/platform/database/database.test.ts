import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Kysely, sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "./database.js";
import type { DB } from "./schema.js";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-db-"));
const database = openDatabase({ dataDir });
afterAll(async () => {
  await database.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

// A PRAGMA's answer is computed when it is prepared: each read is new text, never a cached statement.
let reads = 0;
const tempStore = async (db: Kysely<DB> = database.db) =>
  (await sql<{ temp_store: number }>`${sql.raw(`pragma temp_store /* ${++reads} */`)}`.execute(db)).rows[0]
    ?.temp_store;

describe("SQLite statement journals", () => {
  it("are kept in memory only while a transaction is open, committed or rolled back", async () => {
    expect(await tempStore()).toBe(0);
    await database.db.transaction().execute(async (trx) => {
      expect(await tempStore(trx)).toBe(2);
    });
    expect(await tempStore()).toBe(0);
    await expect(
      database.db.transaction().execute(async (trx) => {
        expect(await tempStore(trx)).toBe(2);
        throw new Error("undo");
      }),
    ).rejects.toThrow("undo");
    expect(await tempStore()).toBe(0);
    await database.db.transaction().execute(async (trx) => {
      expect(await tempStore(trx)).toBe(2);
    });
    expect(await tempStore()).toBe(0);
  });
});
