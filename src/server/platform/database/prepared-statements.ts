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

/**
 * Runs the marked statements of this pooled client as named statements. Kysely's PostgreSQL driver
 * calls `query(sql, parameters)`; everything else (transactions, cursors, other SQL) goes on as is.
 */
export function namedStatementsOn(client: pg.PoolClient): void {
  const query = client.query.bind(client) as Query;
  const named: Query = (text, values, callback) => {
    const name = typeof text === "string" && Array.isArray(values) ? names.get(text) : undefined;
    return name ? query({ name, text, values }, callback) : query(text, values, callback);
  };
  client.query = named as typeof client.query;
}
