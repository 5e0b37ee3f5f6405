import type SQLite from "better-sqlite3";

type Row = Record<string, unknown>;

/**
 * Builds a row object from better-sqlite3's raw (array) row. better-sqlite3 on Node < 22 sets each
 * column on a fresh object one property at a time, which costs about as much as reading the row; an
 * object literal compiled once per statement makes the same object (same keys, same order, a later
 * duplicate name winning) for about nothing. A column named __proto__ would be a prototype in a
 * literal, so such a statement keeps the plain assignment.
 */
function rowBuilder(names: string[]): (values: unknown[]) => Row {
  if (names.includes("__proto__")) {
    return (values) => {
      const row: Row = {};
      for (let i = 0; i < names.length; i++)
        Object.defineProperty(row, names[i] as string, {
          value: values[i],
          enumerable: true,
          writable: true,
        });
      return row;
    };
  }
  const fields = names.map((n, i) => `${JSON.stringify(n)}: v[${i}]`).join(", ");
  return new Function("v", `return { ${fields} };`) as (values: unknown[]) => Row;
}

/** The part of a better-sqlite3 statement Kysely's SQLite driver uses. */
interface KyselyStatement {
  readonly reader: boolean;
  all(parameters: readonly unknown[]): unknown[];
  run(parameters: readonly unknown[]): SQLite.RunResult;
  iterate(parameters: readonly unknown[]): IterableIterator<unknown>;
}

function statementOf(stmt: SQLite.Statement): KyselyStatement {
  if (!stmt.reader) return stmt as unknown as KyselyStatement;
  const build = rowBuilder(stmt.columns().map((c) => c.name));
  stmt.raw(true);
  return {
    reader: true,
    all: (parameters) => (stmt.all(parameters) as unknown[][]).map(build),
    run: (parameters) => stmt.run(parameters),
    iterate: function* (parameters) {
      for (const values of stmt.iterate(parameters) as IterableIterator<unknown[]>) yield build(values);
    },
  };
}

/**
 * What Kysely's SqliteDialect is given as its database: it prepares every query anew, but
 * better-sqlite3 statements are reusable and preparing is a good part of a short query's cost, so
 * they are kept (Kysely runs one statement at a time on this connection, so sharing is safe); rows
 * are read as arrays and turned into objects by a per-statement builder (see rowBuilder).
 */
export function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const cache = new Map<string, KyselyStatement>();
  return {
    close: () => sqlite.close(),
    prepare: (sql: string) => {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = statementOf(sqlite.prepare(sql));
        const oldest = cache.keys().next();
        if (cache.size >= max && !oldest.done) cache.delete(oldest.value);
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}
