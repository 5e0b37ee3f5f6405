import { type Migration, type MigrationProvider, Migrator } from "kysely";
import type { Database } from "./database.js";
import { initialMigration } from "./migrations/001_initial.js";
import { escalationNotificationsMigration } from "./migrations/002_escalation_notifications.js";
import { ticketSearchMigration } from "./migrations/003_ticket_search.js";
import { staffAppMigration } from "./migrations/008_staff_app.js";

/** Forward-only migrations, in order; each is written once for both databases. */
function migrationsFor(dialect: Database["dialect"]): Record<string, Migration> {
  return {
    "001_initial": initialMigration(dialect),
    "002_escalation_notifications": escalationNotificationsMigration,
    "003_ticket_search": ticketSearchMigration(dialect),
    "008_staff_app": staffAppMigration,
  };
}

export async function migrateToLatest(database: Database): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(database.dialect) };
  const migrator = new Migrator({ db: database.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(`La migración ${failed?.migrationName ?? ""} falló: ${String(error)}`);
  }
}
