import { type Migration, type MigrationProvider, Migrator } from "kysely";
import { unreachableDatabase } from "./connect-error.js";
import type { Database } from "./database.js";
import { initialMigration } from "./migrations/001_initial.js";
import { escalationNotificationsMigration } from "./migrations/002_escalation_notifications.js";
import { ticketSearchMigration } from "./migrations/003_ticket_search.js";
import { loginSecurityMigration } from "./migrations/004_login_security.js";
import { idempotencyVersionsMigration } from "./migrations/005_idempotency_versions.js";
import { tasksMigration } from "./migrations/006_tasks.js";
import { staffAppMigration } from "./migrations/008_staff_app.js";
import { mailMigration } from "./migrations/009_mail.js";
import { codedNotificationsMigration } from "./migrations/010_coded_notifications.js";
import { portalMigration } from "./migrations/011_portal.js";
import { serviceOrdersMigration } from "./migrations/012_service_orders.js";
import { billingMigration } from "./migrations/013_billing.js";
import { creditWarrantyMigration } from "./migrations/014_credit_warranty.js";
import { reportsMigration } from "./migrations/015_reports.js";
import { queueIndexesMigration } from "./migrations/016_queue_indexes.js";
import { reportSummariesMigration } from "./migrations/018_report_summaries.js";
import { searchQueueKeysMigration } from "./migrations/021_search_queue_keys.js";
import { reportRollupsMigration } from "./migrations/022_report_rollups.js";
import { billingContactMigration } from "./migrations/023_billing_contact.js";
import { searchWalkMigration } from "./migrations/024_search_walk.js";
import { queueBreachedMigration } from "./migrations/025_queue_breached.js";
import { outboxTicketMigration } from "./migrations/026_outbox_ticket.js";
import { searchWalkOwnerMigration } from "./migrations/027_search_walk_owner.js";
import { surveyQueueMigration } from "./migrations/028_survey_queue.js";
import { workVersionsMigration } from "./migrations/029_work_versions.js";
import { portalAddressMigration } from "./migrations/030_portal_address.js";
import { userVersionMigration } from "./migrations/031_user_version.js";
import { invoiceMailedToMigration } from "./migrations/032_invoice_mailed_to.js";
import { attachmentVisibilityMigration } from "./migrations/033_attachment_visibility.js";
import { contractTypeCoverageMigration } from "./migrations/034_contract_type_coverage.js";
import { ticketReturnedByMigration } from "./migrations/035_ticket_returned_by.js";
import { ticketSearchPhonesMigration } from "./migrations/036_ticket_search_phones.js";
import { searchOwnerKeysMigration } from "./migrations/037_search_owner_keys.js";

/** Forward-only migrations, in order; each is written once for both databases. */
function migrationsFor(dialect: Database["dialect"]): Record<string, Migration> {
  return {
    "001_initial": initialMigration(dialect),
    "002_escalation_notifications": escalationNotificationsMigration,
    "003_ticket_search": ticketSearchMigration(dialect),
    "004_login_security": loginSecurityMigration,
    "005_idempotency_versions": idempotencyVersionsMigration,
    "006_tasks": tasksMigration,
    "008_staff_app": staffAppMigration,
    "009_mail": mailMigration(dialect),
    "010_coded_notifications": codedNotificationsMigration,
    "011_portal": portalMigration,
    "012_service_orders": serviceOrdersMigration,
    "013_billing": billingMigration,
    "014_credit_warranty": creditWarrantyMigration,
    "015_reports": reportsMigration,
    "016_queue_indexes": queueIndexesMigration,
    "018_report_summaries": reportSummariesMigration,
    "021_search_queue_keys": searchQueueKeysMigration(dialect),
    "022_report_rollups": reportRollupsMigration,
    "023_billing_contact": billingContactMigration,
    "024_search_walk": searchWalkMigration(dialect),
    "025_queue_breached": queueBreachedMigration,
    "026_outbox_ticket": outboxTicketMigration,
    "027_search_walk_owner": searchWalkOwnerMigration(dialect),
    "028_survey_queue": surveyQueueMigration,
    "029_work_versions": workVersionsMigration,
    "030_portal_address": portalAddressMigration,
    "031_user_version": userVersionMigration,
    "032_invoice_mailed_to": invoiceMailedToMigration,
    "033_attachment_visibility": attachmentVisibilityMigration,
    "034_contract_type_coverage": contractTypeCoverageMigration,
    "035_ticket_returned_by": ticketReturnedByMigration,
    "036_ticket_search_phones": ticketSearchPhonesMigration(dialect),
    "037_search_owner_keys": searchOwnerKeysMigration(dialect),
  };
}

function migratorFor(database: Pick<Database, "db" | "dialect">): Migrator {
  const provider: MigrationProvider = { getMigrations: async () => migrationsFor(database.dialect) };
  return new Migrator({ db: database.db, provider });
}

/** The migrations this code knows that the database has not run (for /api/ready). */
export async function pendingMigrations(database: Pick<Database, "db" | "dialect">): Promise<string[]> {
  const all = await migratorFor(database)
    .getMigrations()
    .catch((err: unknown) => {
      throw unreachableDatabase(err) ?? err;
    });
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

/**
 * Runs the pending migrations. On PostgreSQL they run on a connection without the request timeouts
 * (MESA_DB_STATEMENT_TIMEOUT_MS, 30 s by default): building an index or rewriting every ticket's search
 * text takes minutes on a large table, and Kysely runs all pending migrations in one transaction, so a
 * cut statement would undo them all, at every start.
 */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const unbounded = database.unbounded?.();
  try {
    return await migrateOn(unbounded ?? database);
  } finally {
    await unbounded?.close();
  }
}

async function migrateOn(database: Pick<Database, "db" | "dialect">): Promise<string[]> {
  const migrator = migratorFor(database);
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (!failed && error) throw unreachableDatabase(error) ?? error;
  if (error || failed) {
    throw new Error(`La migración ${failed?.migrationName ?? ""} falló: ${String(error)}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}
