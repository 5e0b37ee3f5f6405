/**
 * `npm start`, `npm run migrate|create-admin|backup|restore|demo|mail-catcher`: build only what is missing or stale, then
 * run the compiled JavaScript in this same process (no TypeScript at run time, one Node start-up).
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { DIST, ensureBuilt } from "./build-lib.mjs";

const ENTRIES = {
  server: "server/main.js",
  migrate: "server/platform/cli/migrate.js",
  "create-admin": "server/platform/cli/create-admin.js",
  backup: "server/platform/ops/backup.js",
  restore: "server/platform/ops/restore.js",
  demo: "server/platform/ops/demo.js",
  "mail-catcher": "server/platform/ops/mail-catcher.js",
};

const [command = "server", ...args] = process.argv.slice(2);
const entry = ENTRIES[command];
if (!entry) {
  console.error(`Orden desconocida: ${command} (${Object.keys(ENTRIES).join(", ")})`);
  process.exit(2);
}
try {
  await ensureBuilt();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
// The real path: the server keeps its own build even if a later `npm start` switches `dist`.
const file = fs.realpathSync(path.join(DIST, entry));
process.argv = [process.argv[0], file, ...args];
await import(pathToFileURL(file).href);
