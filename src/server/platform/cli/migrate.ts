/** `npm run migrate`: the release step when several instances share one database (MESA_MIGRATE_ON_START=false). */
import { loadConfig } from "../config.js";
import { openDatabase } from "../database/database.js";
import { migrateToLatest } from "../database/migrate.js";

try {
  const database = openDatabase(loadConfig());
  try {
    const ran = await migrateToLatest(database);
    console.log(ran.length ? `Migraciones aplicadas: ${ran.join(", ")}` : "La base de datos ya está al día.");
  } finally {
    await database.close();
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
