/**
 * A second (third…) Mesa process on the same SQLite data dir, for test/api/folios.test.ts.
 * Builds the app, prints "ready", waits for a line on stdin, then creates BURST_COUNT tickets at once
 * and prints one JSON line with each answer's status and folio.
 */
import { buildApp } from "../../src/server/app.js";

const env = process.env;
const app = await buildApp({
  env: {
    MESA_DATA_DIR: env.MESA_DATA_DIR,
    MESA_JOBS: "false",
    LOG_LEVEL: "silent",
    MESA_WEB_DIST: "/nonexistent",
  },
  clock: () => new Date(env.BURST_NOW!),
  logger: false,
});
process.stdout.write("ready\n");
await new Promise((resolve) => process.stdin.once("data", resolve));
const results = await Promise.all(
  Array.from({ length: Number(env.BURST_COUNT) }, () =>
    app.inject({
      method: "POST",
      url: "/api/tickets",
      headers: { authorization: `Bearer ${env.BURST_TOKEN}` },
      payload: JSON.parse(env.BURST_BODY!),
    }),
  ),
);
process.stdout.write(
  `${JSON.stringify(results.map((r) => ({ status: r.statusCode, folio: r.json().folio ?? null, body: r.statusCode === 201 ? null : r.body })))}\n`,
);
await app.close();
