import { type Compilable, CompiledQuery, type Insertable, type Kysely } from "kysely";

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

/**
 * Templates per Kysely instance and plugins: each dialect compiles a shape to its own SQL, and plugins
 * may change the SQL they compile. Keyed by the instance's dialect adapter (made per instance, shared
 * by its transactions) and then by each plugin in order: a transaction's executor holds a copy of the
 * plugin list, so keying by that list would compile every statement run in a transaction anew.
 */
interface Templates {
  shapes: Map<string, Template>;
  /** With one more plugin after those on the way here. */
  withPlugin: WeakMap<object, Templates>;
}
const templates = new WeakMap<object, Templates>();
const MAX_SHAPES = 500;

function shapesOf(executor: { adapter: object; plugins: readonly object[] }): Map<string, Template> {
  const step = (within: WeakMap<object, Templates>, key: object): Templates => {
    let next = within.get(key);
    if (!next) {
      next = { shapes: new Map(), withPlugin: new WeakMap() };
      within.set(key, next);
    }
    return next;
  };
  let t = step(templates, executor.adapter);
  for (const plugin of executor.plugins) t = step(t.withPlugin, plugin);
  return t.shapes;
}

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
  const byShape = shapesOf(executor);
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

const isExpression = (v: unknown) =>
  typeof v === "function" || (typeof v === "object" && v !== null && "toOperationNode" in v);

/**
 * Inserts `rows` into `table`, with the statement compiled once per table, number of rows and columns
 * of each (a column whose value is undefined is left out, as Kysely does). Rows holding a SQL
 * expression are inserted as Kysely builds them. For the rows written on every request (a new ticket).
 */
export async function insertOnce<DB, T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  rows: readonly Insertable<NoInfer<DB>[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const records = rows as readonly Record<string, unknown>[];
  const values: Record<string, unknown> = {};
  const columns = records.map((r, i) =>
    Object.keys(r).filter((c) => {
      const v = r[c];
      values[`${i}.${c}`] = v;
      return v !== undefined;
    }),
  );
  if (Object.values(values).some(isExpression)) {
    await db
      .insertInto(table)
      .values(rows as never)
      .execute();
    return;
  }
  const shape = `insert ${table} ${columns.map((c) => c.join(",")).join("|")}`;
  await compiledOnce(db, shape, values, (slot) =>
    db
      .insertInto(table)
      .values(columns.map((cols, i) => Object.fromEntries(cols.map((c) => [c, slot(`${i}.${c}`)]))) as never),
  );
}
