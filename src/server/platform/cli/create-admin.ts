/**
 * `npm run create-admin -- --email ana@firma.mx --name "Ana Pérez"`: an admin account from the
 * command line, on SQLite or PostgreSQL (whatever DATABASE_URL says). The password comes from
 * MESA_ADMIN_PASSWORD or is asked for on standard input (not echoed on a terminal).
 */
import readline from "node:readline/promises";
import { Writable } from "node:stream";
import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { createAdmin } from "../../modules/users/users.js";
import { loadConfig } from "../config.js";
import { openDatabase } from "../database/database.js";
import { assertMigrated, migrateToLatest } from "../database/migrate.js";
import { issueText } from "../i18n/index.js";
import { weakPasswordReason } from "./password.js";

async function askPassword(): Promise<string> {
  const muted = new Writable({ write: (_chunk, _enc, done) => done() });
  process.stderr.write("Contraseña del administrador: ");
  const rl = readline.createInterface({ input: process.stdin, output: muted, terminal: process.stdin.isTTY });
  try {
    return await rl.question("");
  } finally {
    rl.close();
    process.stderr.write("\n");
  }
}

function explain(err: unknown): string {
  if (err instanceof ZodError)
    return err.issues.map((i) => `${i.path.join(".")}: ${issueText(i)}`).join("\n");
  return err instanceof Error ? err.message : String(err);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
  if (!values.email || !values.name) {
    throw new Error('Uso: npm run create-admin -- --email correo@ejemplo.mx --name "Nombre Apellido"');
  }
  const { MESA_ADMIN_PASSWORD: fromEnv, ...env } = process.env;
  const password = fromEnv || (await askPassword());
  const weak = weakPasswordReason(password, values.email, values.name);
  if (weak) throw new Error(`Contraseña rechazada: ${weak}`);
  // The first-admin variables are for the server's start; this command takes its own arguments.
  const config = loadConfig({ ...env, MESA_ADMIN_EMAIL: undefined });
  const database = openDatabase(config);
  try {
    await (config.migrateOnStart ? migrateToLatest(database) : assertMigrated(database));
    const ctx = { db: database.db, dialect: database.dialect, config, clock: () => new Date() };
    const user = await createAdmin(ctx, { email: values.email, name: values.name, password });
    console.log(`Administrador creado: ${user.email} (${user.id})`);
  } finally {
    await database.close();
  }
}

try {
  await main();
} catch (err) {
  console.error(explain(err));
  process.exit(1);
}
