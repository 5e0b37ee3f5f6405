import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

/**
 * Staff accounts get a version, as clients and contacts have: of two admins editing one user at once
 * (one gives a role, the other resets the password), the second is shown what changed instead of
 * silently undoing the first.
 */
async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("users")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}

export const userVersionMigration: Migration = { up };
