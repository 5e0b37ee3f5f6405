import type { Kysely, Migration } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

/**
 * Which ticket categories each contract type covers (src/domain/contract-coverage.ts): null is every
 * category, else a JSON array of category codes. Every existing type starts at null («todas»), so an
 * install keeps filing requests as before until an admin narrows a type; and a version, so two admins
 * editing one type's coverage see each other's change instead of undoing it.
 */
async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("contract_types").addColumn("covered_categories", "text").execute();
  await db.schema
    .alterTable("contract_types")
    .addColumn("version", "integer", (c) => c.notNull().defaultTo(1))
    .execute();
}

export const contractTypeCoverageMigration: Migration = { up };
