import { type Compilable, CompiledQuery, type Kysely } from "kysely";

/**
 * Statements compiled once per shape. Building a Kysely query (a tree of frozen nodes) and compiling
 * it to SQL costs more than running a short statement on SQLite; for a query run on every request
 * whose SQL depends only on a few choices (which filters are set, how many terms), the SQL is built
 * once per such shape and later calls only bind their values.
 *
 * The builder is given `slot(name)` instead of each value that varies: a marker that must end up as a
 * bound parameter (a marker in the SQL text itself is refused). Everything else the builder reads
 * must be part of `shape`.
 */
const MARK = "\u0000slot:";

type Param = { slot: string } | { value: unknown };
interface Template {
  sql: string;
  params: Param[];
  /** The first build's query tree: what loggers and plugins see (its kind, its table). */
  query: CompiledQuery["query"];
}

// Per Kysely instance, by its plugins (which its transactions share): each dialect compiles a shape to
// its own SQL, and plugins may change the SQL they compile.
const templates = new WeakMap<object, Map<string, Template>>();
const MAX_SHAPES = 500;

export type SlotOf = <T = string>(name: string) => T;
const slot: SlotOf = <T>(name: string) => `${MARK}${name}` as T;

function templateOf(query: Compilable<unknown>): Template {
  const compiled = query.compile();
  if (compiled.sql.includes(MARK)) throw new Error("compiledOnce: a slot was written into the SQL text");
  return {
    sql: compiled.sql,
    query: compiled.query,
    params: compiled.parameters.map((p) =>
      typeof p === "string" && p.startsWith(MARK) ? { slot: p.slice(MARK.length) } : { value: p },
    ),
  };
}

/** Runs the statement `build` makes for `shape`, with `values` bound to its slots. */
export async function compiledOnce<R, DB>(
  db: Kysely<DB>,
  shape: string,
  values: Readonly<Record<string, unknown>>,
  build: (slot: SlotOf) => Compilable<R>,
): Promise<R[]> {
  const executor = db.getExecutor();
  let byShape = templates.get(executor.plugins);
  if (!byShape) {
    byShape = new Map();
    templates.set(executor.plugins, byShape);
  }
  let template = byShape.get(shape);
  if (!template) {
    template = templateOf(build(slot));
    if (byShape.size >= MAX_SHAPES) byShape.clear();
    byShape.set(shape, template);
  }
  const parameters = template.params.map((p) => {
    if (!("slot" in p)) return p.value;
    const v = values[p.slot];
    if (v === undefined) throw new Error(`compiledOnce: no value for slot ${p.slot}`);
    return v;
  });
  const query = { ...CompiledQuery.raw(template.sql, parameters), query: template.query };
  // Plugins see the query as when Kysely compiles one (those that pair it with its result, say).
  if (executor.plugins.length > 0) executor.transformQuery(template.query, query.queryId);
  const { rows } = await db.executeQuery<R>(query);
  return rows;
}
