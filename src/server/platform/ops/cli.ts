import { loadConfig } from "../config.js";
import { OpsError } from "./sqlite-backup.js";

/** Runs an ops command: a refusal (OpsError, bad configuration) is one clear line and exit code 1. */
export async function runCli(usage: string, main: (file: string, env: CliEnv) => Promise<string>) {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) {
    process.stderr.write(`Uso: ${usage}\n`);
    process.exit(2);
  }
  try {
    const config = loadConfig(process.env);
    process.stdout.write(
      `${await main(file, { dataDir: config.dataDir, databaseUrl: config.databaseUrl })}\n`,
    );
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (!(err instanceof OpsError) && !message.startsWith("Configuración inválida")) throw err;
    process.stderr.write(`${message}\n`);
    process.exit(1);
  }
}

export interface CliEnv {
  dataDir: string;
  databaseUrl: string | undefined;
}
