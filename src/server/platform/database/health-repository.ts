import { type Kysely, sql } from "kysely";
import type { DB } from "./schema.js";

/** The trivial queries behind /api/ready. */
export const healthRepo = {
  async ping(db: Kysely<DB>): Promise<void> {
    await sql`select 1`.execute(db);
  },

  /** SQLite: takes the write lock and lets it go, which a read-only file or `query_only` refuses. */
  async sqliteWriteLock(db: Kysely<DB>): Promise<void> {
    await db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      await sql`rollback`.execute(conn);
    });
  },

  /** SQLite: whether the file reached the most it may grow to (PRAGMA max_page_count) with no free page left. */
  async sqliteAtMaxSize(db: Kysely<DB>): Promise<boolean> {
    const read = async (pragma: "page_count" | "max_page_count" | "freelist_count") => {
      const { rows } = await sql<Record<string, number>>`pragma ${sql.raw(pragma)}`.execute(db);
      return Number(rows[0]?.[pragma]);
    };
    return (
      (await read("page_count")) >= (await read("max_page_count")) && (await read("freelist_count")) === 0
    );
  },
};
