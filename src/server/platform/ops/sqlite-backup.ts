import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { dataDirHolders } from "./data-lock.js";

/** A refusal the operator must read (the CLI prints the message and exits 1). */
export class OpsError extends Error {
  override name = "OpsError";
}

/**
 * `mkdir -p` one level at a time: Node's own recursive mkdir never returns for some paths (under
 * /proc, for one), and the backup folder is a setting an admin types.
 */
export function makeDir(dir: string): void {
  const missing: string[] = [];
  for (let d = path.resolve(dir); !fs.existsSync(d); d = path.dirname(d)) {
    missing.push(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing.reverse()) fs.mkdirSync(d);
}

export const DB_FILE = "mesa.sqlite";
export const dbPath = (dataDir: string) => path.join(dataDir, DB_FILE);

/**
 * Copies the live database into `dest` with SQLite's online backup API, from a connection of its
 * own: what is still in the -wal file is included, and writers keep working meanwhile. The copy is
 * written beside `dest` and renamed into place, so a half-written backup never carries its name.
 */
export async function backupSqlite(source: string, dest: string): Promise<{ bytes: number }> {
  if (!fs.existsSync(source)) throw new OpsError(`No existe la base de datos ${source}.`);
  if (fs.existsSync(dest)) throw new OpsError(`${dest} ya existe; elige otro nombre de archivo.`);
  makeDir(path.dirname(path.resolve(dest)));
  const tmp = `${dest}.partial-${process.pid}`;
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    // After the first step, copy all remaining pages in one step: one step reads one snapshot, so
    // a write by the server between steps cannot restart the backup over and over.
    await db.backup(tmp, { progress: ({ remainingPages }) => Math.max(remainingPages, 100) });
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  } finally {
    db.close();
  }
  selfContained(tmp);
  fs.renameSync(tmp, dest);
  return { bytes: fs.statSync(dest).size };
}

/** A backup in rollback-journal mode is one file: nothing to lose when it is copied or moved. */
function selfContained(file: string): void {
  const db = new SQLite(file);
  try {
    db.pragma("journal_mode = DELETE");
  } finally {
    db.close();
  }
  const fd = fs.openSync(file, "r");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
}

/** Refuses a file that is not a sound Mesa database: not SQLite, corrupt, or without Mesa's migrations. */
export function verifyMesaSqlite(file: string): { migrations: string[] } {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile())
    throw new OpsError(`No existe el archivo ${file}.`);
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new OpsError(
      `${file} no se puede abrir como base de datos SQLite: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  try {
    const check = readIntegrity(db, file);
    if (check.length !== 1 || check[0] !== "ok") {
      throw new OpsError(`${file} está dañado (PRAGMA integrity_check): ${check.slice(0, 5).join("; ")}`);
    }
    const table = db
      .prepare("select name from sqlite_master where type = 'table' and name = 'kysely_migration'")
      .get();
    const migrations = table
      ? db.prepare("select name from kysely_migration order by name").pluck().all().map(String)
      : [];
    if (!migrations.includes("001_initial")) {
      throw new OpsError(
        `${file} es SQLite pero no es una base de datos de Mesa (no tiene sus migraciones).`,
      );
    }
    return { migrations };
  } finally {
    db.close();
  }
}

function readIntegrity(db: SQLite.Database, file: string): string[] {
  try {
    return db.prepare("pragma integrity_check").pluck().all().map(String);
  } catch (err) {
    const code = String((err as { code?: unknown } | null)?.code ?? "");
    const message = err instanceof Error ? err.message : String(err);
    if (code.startsWith("SQLITE_CORRUPT")) throw new OpsError(`${file} está dañado: ${message}`);
    throw new OpsError(`${file} no es una base de datos SQLite válida: ${message}`);
  }
}

/**
 * Puts a verified backup in place of the data directory's database. Refuses while a server uses
 * the directory; removes the old -wal/-shm first (a stale WAL would be replayed onto the restored
 * file), then renames a synced copy over mesa.sqlite, so the swap itself is atomic.
 */
export function restoreSqlite(dataDir: string, file: string): { migrations: string[] } {
  const holders = dataDirHolders(dataDir);
  if (holders.length) {
    throw new OpsError(
      `Mesa está en marcha sobre ${dataDir} (proceso ${holders.join(", ")}). Detén el servidor y vuelve a intentarlo.`,
    );
  }
  const target = dbPath(dataDir);
  refuseUnsafeSource(file, target);
  const verified = verifyMesaSqlite(file);
  makeDir(dataDir);
  const tmp = `${target}.restore-${process.pid}`;
  fs.copyFileSync(file, tmp);
  const fd = fs.openSync(tmp, "r");
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(target + suffix, { force: true });
  fs.renameSync(tmp, target);
  return verified;
}

/** Copying a file as is only works for a file that is whole on its own (as `npm run backup` makes them). */
function refuseUnsafeSource(file: string, target: string): void {
  if (path.resolve(file) === path.resolve(target)) {
    throw new OpsError(`${file} ya es la base de datos de Mesa; restaura desde una copia de seguridad.`);
  }
  if ((fs.statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0) {
    throw new OpsError(
      `${file} tiene cambios pendientes en ${file}-wal que una copia del archivo perdería; haz la copia con «npm run backup».`,
    );
  }
}
