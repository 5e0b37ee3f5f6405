import {
  type Compilable,
  type CompiledQuery,
  createQueryId,
  type DialectAdapter,
  type Insertable,
  type Kysely,
  type RootOperationNode,
} from "kysely";
import type { DB } from "./schema.js";

/** Where a value goes in a query built once: replaced by the caller's value at each run. */
class Slot {
  constructor(readonly name: string | number) {}
}

interface Template {
  sql: string;
  query: RootOperationNode;
  /** Per parameter: the argument's name, or a constant the builder wrote into the query. */
  parameters: (Slot | { value: unknown })[];
}

/** Kysely would leave out an insert's undefined column; a query built once cannot: null says "none". */
function argument(args: object, name: string | number): unknown {
  const v = (args as Record<string | number, unknown>)[name];
  if (v === undefined) throw new Error(`prepared query: no value for "${name}"`);
  return v;
}

export type Prepared<A, O> = (db: Kysely<DB>, args: A) => Promise<O[]>;

/**
 * `arg(name)` stands for the value of argument `name` (typed as that value, so the builder accepts
 * it); with an array of arguments, `arg(i)` for the i-th.
 */
export type Arg<A> = <K extends keyof A & (string | number)>(name: K) => A[K];

/**
 * A query built and compiled once per dialect, then run with each call's values: on the hot paths
 * (sign-in check, ticket intake) Kysely's builders and compiler cost more CPU than SQLite spends
 * running the statement. `build` writes the query with `arg(name)` wherever a value goes; it must
 * have the same shape whatever the values (no `in` lists, no optional clauses). Usage:
 * `prepared<{ id: string }>()((db, arg) => db.selectFrom("clients").selectAll().where("id", "=", arg("id")))`.
 *
 * With plugins on the connection (the tests' statement counter), every call is built and compiled
 * as usual, so the plugins see each query.
 */
export function prepared<A extends object>() {
  return <O>(build: (db: Kysely<DB>, arg: Arg<A>) => Compilable<O>): Prepared<A, O> => {
    const templates = new WeakMap<DialectAdapter, Template>();
    return async (db, args) => {
      const executor = db.getExecutor();
      if (executor.plugins.length > 0) {
        return (await db.executeQuery(build(db, (name) => args[name]))).rows;
      }
      let t = templates.get(executor.adapter);
      if (!t) {
        const compiled = build(db, (name) => new Slot(name) as never).compile();
        t = {
          sql: compiled.sql,
          query: compiled.query,
          parameters: compiled.parameters.map((v) => (v instanceof Slot ? v : { value: v })),
        };
        templates.set(executor.adapter, t);
      }
      const query: CompiledQuery<O> = {
        sql: t.sql,
        query: t.query,
        queryId: createQueryId(),
        parameters: t.parameters.map((p) => (p instanceof Slot ? argument(args, p.name) : p.value)),
      };
      return (await executor.executeQuery(query)).rows;
    };
  };
}

type Table = keyof DB & string;

/**
 * An insert of one row into `table`, built once per set of columns (a row's undefined values are left
 * out, as Kysely does). For tables written on every ticket intake.
 */
export function preparedInsert<T extends Table>(table: T) {
  const byColumns = new Map<string, Prepared<Record<string, unknown>, unknown>>();
  return async (db: Kysely<DB>, row: Insertable<DB[T]>): Promise<void> => {
    const values = row as Record<string, unknown>;
    const columns = Object.keys(values).filter((c) => values[c] !== undefined);
    const key = columns.join(",");
    let insert = byColumns.get(key);
    if (!insert) {
      insert = prepared<Record<string, unknown>>()((d, arg) =>
        d.insertInto(table).values(Object.fromEntries(columns.map((c) => [c, arg(c)])) as never),
      );
      byColumns.set(key, insert);
    }
    await insert(db, values);
  };
}
