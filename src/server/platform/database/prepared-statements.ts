import { createHash } from "node:crypto";
import type pg from "pg";

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
 * another name.
 */
export function namedStatementsOn(client: pg.PoolClient): void {
  const query = client.query.bind(client) as Query;
  const renamed = new Map<string, string>();
  const named: Query = (text, values, callback) => {
    const name =
      typeof text === "string" && Array.isArray(values) && callback === undefined && names.get(text);
    if (!name) return query(text, values, callback);
    const current = renamed.get(text as string) ?? name;
    return (query({ name: current, text, values }) as Promise<unknown>).catch((err: unknown) => {
      if ((err as { code?: unknown }).code === RESULT_TYPE_CHANGED) {
        renamed.set(text as string, `${name}_${renamed.size + 1}`);
      }
      throw err;
    });
  };
  client.query = named as typeof client.query;
}
