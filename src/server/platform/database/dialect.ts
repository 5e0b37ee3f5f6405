import { SqliteAdapter } from "kysely";

/** Whether `db` (a Kysely instance or a transaction) runs on SQLite, for the few statements that differ. */
export const isSqlite = (db: { getExecutor(): { adapter: unknown } }) =>
  db.getExecutor().adapter instanceof SqliteAdapter;
