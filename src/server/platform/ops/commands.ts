import path from "node:path";
import type { CliEnv } from "./cli.js";
import { backupSqlite, dbPath, restoreSqlite } from "./sqlite-backup.js";

/** Shell-quotes a path for the commands printed to the operator. */
const quote = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;

/** A consistent copy of the running SQLite database; on PostgreSQL, the pg_dump command to use. */
export async function backupCommand(file: string, env: CliEnv): Promise<string> {
  const dest = path.resolve(file);
  if (env.databaseUrl) {
    // The URL may carry a password: the command reads it from the environment instead of echoing it.
    return [
      "Mesa usa PostgreSQL (DATABASE_URL): respalda con pg_dump, por ejemplo:",
      `  pg_dump --format=custom --no-owner --file=${quote(dest)} "$DATABASE_URL"`,
    ].join("\n");
  }
  const { bytes } = await backupSqlite(dbPath(env.dataDir), dest);
  return `Copia de seguridad lista: ${dest} (${bytes} bytes).`;
}

/** Puts a verified Mesa backup in place, only while no server uses the data dir; pg_restore advice on PostgreSQL. */
export async function restoreCommand(file: string, env: CliEnv): Promise<string> {
  const source = path.resolve(file);
  if (env.databaseUrl) {
    return [
      "Mesa usa PostgreSQL (DATABASE_URL): restaura con pg_restore, con Mesa detenido, por ejemplo:",
      `  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" ${quote(source)}`,
    ].join("\n");
  }
  const { migrations } = restoreSqlite(env.dataDir, source);
  return `Restaurado ${source} en ${env.dataDir} (${migrations.length} migraciones). Ya puedes iniciar Mesa.`;
}
