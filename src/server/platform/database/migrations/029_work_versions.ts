import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

/**
 * Time entries and charges can be corrected and removed (a senior sends a ticket back: the technician
 * fixes the minutes he typed wrong). Each row gets a version, so of two people correcting the same
 * entry the second is told it changed instead of silently undoing the first.
 */
async function up(db: AnyDb): Promise<void> {
  for (const table of ["time_entries", "charges"]) {
    await db.schema
      .alterTable(table)
      .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
      .execute();
  }
}

export const workVersionsMigration: Migration = { up };
