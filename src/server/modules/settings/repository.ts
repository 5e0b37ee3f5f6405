import { type Kysely, sql } from "kysely";
import { compiledOnce } from "../../platform/database/compiled-once.js";
import type { DB } from "../../platform/database/schema.js";

type Db = Kysely<DB>;

/**
 * Stored values as last parsed, by their JSON text: the settings nearly every request reads are parsed
 * once while they stay the same (frozen, since every caller shares them), and a change made by another
 * instance is still seen on the next read, which reads the text.
 */
const parsed = new Map<string, unknown>();

export function deepFreeze<T>(v: T): T {
  if (typeof v === "object" && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

function parseStored(text: string): unknown {
  let v = parsed.get(text);
  if (v === undefined) {
    v = deepFreeze(JSON.parse(text) as unknown);
    if (parsed.size >= 50) parsed.clear();
    parsed.set(text, v);
  }
  return v;
}

/** The settings nearly every ticket request needs (deadlines and SLA state): read together. */
export const READ_TOGETHER = ["calendar", "sla"] as const;

/**
 * What the READ_TOGETHER rows are at the moment of a read, as one text: each key's version and time of
 * writing, `-` when absent. Every write of a key bumps its version and these keys are never deleted,
 * so an equal stamp means the same rows. The sign-in reads select it beside the caller
 * (`settingsStampColumn`), and `together` beside the rows, in the same statement as what they stamp.
 */
const stampExpression = sql.join(
  READ_TOGETHER.map(
    (key) =>
      sql`coalesce((select cast(version as text) || '@' || updated_at from settings where key = ${sql.lit(key)}), '-')`,
  ),
  sql` || '|' || `,
);
/** The stamp when none of the keys is stored (what stampExpression gives then). */
const NOTHING_STORED = READ_TOGETHER.map(() => "-").join("|");
export const settingsStampColumn = () => sql<string>`(${stampExpression})`.as("settings_stamp");

/** Stored settings: one JSON value per key, with a version for edits based on what the editor read. */
export const settingsRepo = {
  get: async (db: Kysely<DB>, key: string): Promise<unknown> => {
    const row = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
    return row ? JSON.parse(row.value) : undefined;
  },
  put: async (db: Kysely<DB>, key: string, value: unknown, at: string, by: string | null) => {
    const json = JSON.stringify(value);
    await db
      .insertInto("settings")
      .values({ key, value: json, updated_at: at, updated_by: by })
      .onConflict((oc) =>
        oc.column("key").doUpdateSet((eb) => ({
          value: json,
          updated_at: at,
          updated_by: by,
          version: eb("settings.version", "+", 1),
        })),
      )
      .execute();
  },
  /** Inserts the key only if it is absent: of several racing callers exactly one gets true. */
  insertIfAbsent: async (db: Kysely<DB>, key: string, value: unknown, at: string, by: string | null) => {
    const r = await db
      .insertInto("settings")
      .values({ key, value: JSON.stringify(value), updated_at: at, updated_by: by })
      .onConflict((oc) => oc.column("key").doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },
  /** The value with its version; version 0 when the key was never saved (defaults apply). */
  record: async (db: Kysely<DB>, key: string): Promise<{ value: unknown; version: number }> => {
    const row = await db
      .selectFrom("settings")
      .select(["value", "version"])
      .where("key", "=", key)
      .executeTakeFirst();
    return row ? { value: JSON.parse(row.value), version: row.version } : { value: undefined, version: 0 };
  },
  /** The READ_TOGETHER rows (a key not stored is absent from the map) and their stamp, read in one statement. */
  together: async (db: Kysely<DB>) => {
    const rows = await compiledOnce(db, "settings.together", {}, () =>
      db
        .selectFrom("settings")
        .select(["key", "value", "version", settingsStampColumn()])
        .where("key", "in", [...READ_TOGETHER]),
    );
    return {
      stamp: rows[0]?.settings_stamp ?? NOTHING_STORED,
      rows: new Map(rows.map((r) => [r.key, { value: parseStored(r.value), version: r.version }])),
    };
  },
  /** Writes the key only if it is still at `version` (0: absent); false when someone else wrote first. */
  putIfVersion: async (
    db: Kysely<DB>,
    key: string,
    version: number,
    write: { value: unknown; at: string; by: string | null },
  ): Promise<boolean> => {
    const json = JSON.stringify(write.value);
    if (version === 0) {
      const r = await db
        .insertInto("settings")
        .values({ key, value: json, updated_at: write.at, updated_by: write.by, version: 1 })
        .onConflict((oc) => oc.column("key").doNothing())
        .executeTakeFirst();
      return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const r = await db
      .updateTable("settings")
      .set({ value: json, updated_at: write.at, updated_by: write.by, version: version + 1 })
      .where("key", "=", key)
      .where("version", "=", version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** Never for a READ_TOGETHER key: their stamps rely on versions that only grow. */
  delete: (db: Kysely<DB>, key: string) => db.deleteFrom("settings").where("key", "=", key).execute(),
};

/** The ticket categories (code, name, estimate); a category is switched off, never deleted. */
export const categoriesRepo = {
  list: (db: Db) => db.selectFrom("categories").selectAll().orderBy("name").execute(),
  /** Every ticket filed with a category reads it: compiled once (see compiledOnce). */
  byCode: async (db: Db, code: string) => {
    const rows = await compiledOnce(db, "categories.byCode", { code }, (slot) =>
      db.selectFrom("categories").selectAll().where("code", "=", slot("code")),
    );
    return rows[0];
  },
  save: (db: Db, code: string, values: { name: string; estimate_minutes: number; active: number }) =>
    db
      .insertInto("categories")
      .values({ code, ...values })
      .onConflict((oc) => oc.column("code").doUpdateSet(values))
      .execute(),
};
