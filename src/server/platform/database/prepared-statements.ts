import { createHash } from "node:crypto";
import type pg from "pg";
import type { QueryObserver } from "./query-watchdog.js";

/**
 * PostgreSQL named prepared statements for the statements compiledOnce runs (every queue page, every
 * new ticket and its summaries). Unnamed, each run sent its whole SQL text (a queue page's is a few
 * KB) and the server parsed, analysed and planned it anew, which took longer than running it; named,
 * a connection parses a statement once and later runs send only its values.
 *
 * Only those statements: their number is bounded (compiledOnce keeps at most a few hundred shapes)
 * and each is one statement, whereas any other SQL (a list of n placeholders, DDL, several
 * statements in one text) would leave a prepared statement per variant on every pooled connection.
 */
const names = new Map<string, string>();
const MAX_NAMES = 2000;

/**
 * Marks `sql` as a statement to prepare. Its name is a hash of its text, so it is the same name
 * whenever it is marked again (after the map was cleared): a connection never prepares one text
 * twice, nor one name for two texts (which pg refuses).
 */
export function prepareOnConnections(sql: string): void {
  if (names.has(sql)) return;
  if (names.size >= MAX_NAMES) names.clear();
  names.set(sql, `mesa_${createHash("sha1").update(sql).digest("base64url")}`);
}

type Query = (text: unknown, values?: unknown, callback?: unknown) => unknown;

/** PostgreSQL's "cached plan must not change result type": a table under a prepared `select *` changed. */
const RESULT_TYPE_CHANGED = "0A000";

/**
 * Runs the marked statements of this pooled client as named statements. Kysely's PostgreSQL driver
 * calls `query(sql, parameters)` and awaits it; everything else (transactions, cursors, callbacks,
 * other SQL) goes on as is. When another instance's migration changes the columns a prepared
 * statement returns, the server refuses to run it again on this connection: that run fails (as an
 * unprepared one would have, had it raced the migration), and the next ones prepare it anew under
 * another name. `watch` (query-watchdog.ts) is told when each of them is sent and answered.
 *
 * Kysely's calls are sent in pg's callback form, answered through a promise of our own. With pg's
 * promise form, V8 copied every result's rows to the old generation instead of dropping them with
 * the young one (measured 6 December 2026 on a bare Fastify + pg route running a queue page at
 * 100,000 tickets: 180–235 MB promoted and 590–740 ms of scavenges in 6 s of load, against 0.4–2.6 MB
 * and 120–145 ms in the callback form; README, «Rendimiento»).
 */
export function namedStatementsOn(client: pg.PoolClient, watch?: QueryObserver): void {
  const query = client.query.bind(client) as Query;
  const renamed = new Map<string, string>();
  const sent = (config: { name?: string; text: string; values: unknown[] }) =>
    new Promise<unknown>((resolve, reject) => {
      watch?.sent();
      query(config, undefined, (err: unknown, result: unknown) => {
        watch?.answered();
        if (err) reject(err);
        else resolve(result);
      });
    });
  const named: Query = (text, values, callback) => {
    if (typeof text !== "string" || !Array.isArray(values) || callback !== undefined)
      return query(text, values, callback);
    const name = names.get(text);
    if (!name) return sent({ text, values });
    const current = renamed.get(text) ?? name;
    return sent({ name: current, text, values }).catch((err: unknown) => {
      if ((err as { code?: unknown }).code === RESULT_TYPE_CHANGED) {
        renamed.set(text, `${name}_${renamed.size + 1}`);
      }
      throw err;
    });
  };
  client.query = named as typeof client.query;
}
