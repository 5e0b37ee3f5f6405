import type { Kysely, Updateable } from "kysely";
import type { DB } from "./schema.js";

/**
 * Optimistic concurrency for the records people edit (platform/http/versions.ts): a row is written or
 * removed only while it is still at the version the editor read, and a write bumps it. One statement
 * for every such table, so the rule is the same for clients, accounts, time entries, invoices…
 */

/** Tables whose rows have an `id` and an edit `version`. */
export type VersionedTable = {
  [T in keyof DB]: DB[T] extends { id: unknown; version: unknown } ? T : never;
}[keyof DB];

/** Any versioned table, as one shape: the statements below are the same for each. */
type AnyVersioned = Kysely<{ versioned: { id: string; version: number } }>;

/** Writes `patch` to row `id` only while it is at `version`; false when someone saved it since (or it is gone). */
export async function updateAtVersion<T extends VersionedTable>(
  db: Kysely<DB>,
  table: T,
  id: string,
  version: number,
  patch: Updateable<DB[T]>,
): Promise<boolean> {
  const r = await (db as unknown as AnyVersioned)
    .updateTable(table as unknown as "versioned")
    .set({ ...(patch as object), version: version + 1 })
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Removes row `id` only while it is at `version`; false when someone changed or removed it since. */
export async function deleteAtVersion(
  db: Kysely<DB>,
  table: VersionedTable,
  id: string,
  version: number,
): Promise<boolean> {
  const r = await (db as unknown as AnyVersioned)
    .deleteFrom(table as unknown as "versioned")
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}
