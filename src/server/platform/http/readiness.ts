import type { Database } from "../database/database.js";
import { probeWritable } from "../database/database.js";
import { classifyFault, driverMessage } from "../database/faults.js";
import { healthRepo } from "../database/health-repository.js";
import { pendingMigrations } from "../database/migrate.js";

export interface Check {
  ok: boolean;
  message: string;
}

export interface Readiness {
  ready: boolean;
  checks: { database: Check; migrations: Check; storage: Check };
}

/** A check's public answer, and for the log the driver's words (which may name paths and hosts). */
interface Outcome {
  check: Check;
  detail?: string;
}

// A load balancer's probe must get an answer even while the database hangs.
const CHECK_TIMEOUT_MS = 3_000;

/** Whether this instance can serve: database reachable, migrations applied, storage writable. */
export async function readiness(database: Database): Promise<{ readiness: Readiness; details: string[] }> {
  const db = await timed(checkDatabase(database));
  const migrations = db.check.ok
    ? await timed(checkMigrations(database))
    : { check: { ok: false, message: "No se pudo verificar: la base de datos no responde." } };
  const storage = await timed(checkStorage(database));
  const outcomes = { database: db, migrations, storage };
  const details = Object.entries(outcomes).flatMap(([name, o]) => (o.detail ? [`${name}: ${o.detail}`] : []));
  return {
    readiness: {
      ready: db.check.ok && migrations.check.ok && storage.check.ok,
      checks: { database: db.check, migrations: migrations.check, storage: storage.check },
    },
    details,
  };
}

async function checkDatabase(database: Database): Promise<Outcome> {
  await healthRepo.ping(database.db);
  return {
    check: {
      ok: true,
      message: database.dialect === "postgres" ? "PostgreSQL responde." : "SQLite responde.",
    },
  };
}

async function checkMigrations(database: Database): Promise<Outcome> {
  const pending = await pendingMigrations(database);
  if (pending.length === 0) return { check: { ok: true, message: "Migraciones al día." } };
  return { check: { ok: false, message: `Migraciones pendientes: ${pending.join(", ")}.` } };
}

async function checkStorage(database: Database): Promise<Outcome> {
  if (!database.dataDir) return { check: { ok: true, message: "PostgreSQL: sin archivos locales." } };
  await probeWritable(database.dataDir);
  await healthRepo.sqliteWriteLock(database.db);
  if (await healthRepo.sqliteAtMaxSize(database.db)) {
    return {
      check: { ok: false, message: "La base de datos alcanzó su tamaño máximo (max_page_count)." },
      detail: `max_page_count alcanzado — ${database.where}`,
    };
  }
  return { check: { ok: true, message: "El directorio de datos admite escrituras." } };
}

/** Runs a check with a time limit; a thrown error becomes a failed check with its cause. */
async function timed(run: Promise<Outcome>): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Outcome>((resolve) => {
    timer = setTimeout(
      () => resolve({ check: { ok: false, message: `Sin respuesta en ${CHECK_TIMEOUT_MS / 1000} s.` } }),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([run, timeout]);
  } catch (err) {
    const cause = classifyFault(err)?.cause ?? "error inesperado";
    return { check: { ok: false, message: `Falla: ${cause}.` }, detail: driverMessage(err) };
  } finally {
    clearTimeout(timer);
  }
}
