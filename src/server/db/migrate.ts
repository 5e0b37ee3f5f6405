import { type Migration, type MigrationProvider, Migrator } from "kysely";
import type { Database } from "./database.js";
import { initialMigration } from "./migrations/001_initial.js";
import { escalationNotificationsMigration } from "./migrations/002_escalation_notifications.js";
import { ticketSearchMigration } from "./migrations/003_ticket_search.js";

/** Forward-only migrations, in order; each is written once for both databases. */
function migrationsFor(dialect: Database["dialect"]): Record<string, Migration> {
  return {
    "001_initial": initialMigration(dialect),
    "002_escalation_notifications": escalationNotificationsMigration,
    "003_ticket_search": ticketSearchMigration(dialect),
  };
}

function migratorFor(database: Database): Migrator {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(database.dialect) };
  return new Migrator({ db: database.db, provider });
}

/** Names of the migrations this code has that the database has not run yet. */
export async function pendingMigrations(database: Database): Promise<string[]> {
  const all = await migratorFor(database).getMigrations();
  return all.filter((m) => m.executedAt === undefined).map((m) => m.name);
}

/** Start-up with MESA_MIGRATE_ON_START=false: refuse to serve an older schema than the code expects. */
export async function assertMigrated(database: Database): Promise<void> {
  const pending = await pendingMigrations(database);
  if (pending.length > 0) {
    throw new Error(
      `Hay ${pending.length} migraciones pendientes (${pending.join(", ")}). ` +
        "Ejecuta `npm run migrate` antes de iniciar, o quita MESA_MIGRATE_ON_START=false.",
    );
  }
}

export async function migrateToLatest(database: Database): Promise<string[]> {
  const migrator = migratorFor(database);
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(`La migración ${failed?.migrationName ?? ""} falló: ${String(error)}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}
