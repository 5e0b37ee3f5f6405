/**
 * `tsx bench/faults.ts`: the fault scenarios of test/api/faults.test.ts, with their figures printed as
 * the README's "Fiabilidad" table. PostgreSQL runs when TEST_DATABASE_URL points at a server where a
 * scratch database may be created (e.g. postgres://postgres@127.0.0.1:5432/postgres).
 */
import { type FaultFigures, postgresDropFault, sqliteKillFault } from "../test/support/faults.js";

const rows: FaultFigures[] = [await sqliteKillFault()];
if (process.env.TEST_DATABASE_URL) rows.push(await postgresDropFault());

const lines = [
  "| Falla | Enviadas | Confirmadas (2xx) | 503 + Retry-After | Guardadas | Perdidas | Folios sin huecos | Recuperación |",
  "|---|---:|---:|---:|---:|---:|---|---:|",
  ...rows.map(
    (f) =>
      `| ${f.scenario} | ${f.sent} | ${f.acknowledged} | ${f.retryLater} | ${f.stored} | ${f.lost} | ${f.foliosGapless ? "sí" : "**no**"} | ${f.recoverySeconds.toFixed(1)} s |`,
  ),
];
process.stdout.write(`${lines.join("\n")}\n`);
for (const f of rows) {
  if (f.unexpected.length || !f.survived) {
    process.stdout.write(
      `${f.scenario}: survived=${f.survived} unexpected=${JSON.stringify(f.unexpected)}\n`,
    );
  }
}
