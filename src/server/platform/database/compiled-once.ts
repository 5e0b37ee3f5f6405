import { type Compilable, type CompiledQuery, createQueryId, type Insertable, type Kysely } from "kysely";
import { prepareOnConnections } from "./prepared-statements.js";

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

/**
 * A parameter: a slot's value, a column of a row given as one value (`row.column`: see rowSlots), or a
 * constant of the statement.
 */
type Param = { slot: string; row?: [string, string] } | { value: unknown };
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

function templateOf(query: Compilable<unknown>, prepare: boolean): Template {
  const compiled = query.compile();
  if (compiled.sql.includes(MARK)) throw new Error("compiledOnce: a slot was written into the SQL text");
  // One statement of a bounded set, run on every request: worth preparing once per connection.
  if (prepare) prepareOnConnections(compiled.sql);
  return {
    sql: compiled.sql,
    query: compiled.query,
    params: compiled.parameters.map((p) => {
      if (typeof p !== "string" || !p.startsWith(MARK)) return { value: p };
      const name = p.slice(MARK.length);
      const dot = name.indexOf(".");
      return dot < 0 ? { slot: name } : { slot: name, row: [name.slice(0, dot), name.slice(dot + 1)] };
    }),
  };
}

/** The template of `shape` for this instance, built on its first use. */
function templateFor<DB>(
  db: Kysely<DB>,
  shape: string,
  build: (slot: SlotOf) => Compilable<unknown>,
  prepare = true,
): Template {
  const byShape = shapesOf(db.getExecutor());
  let template = byShape.get(shape);
  if (!template) {
    template = templateOf(build(slot), prepare);
    if (byShape.size >= MAX_SHAPES) byShape.clear();
    byShape.set(shape, template);
  }
  return template;
}

async function run<R, DB>(db: Kysely<DB>, template: Template, parameters: unknown[]): Promise<R[]> {
  const executor = db.getExecutor();
  const query: CompiledQuery<R> = {
    sql: template.sql,
    query: template.query,
    parameters,
    queryId: createQueryId(),
  };
  // Plugins see the query as when Kysely compiles one (those that pair it with its result, say).
  if (executor.plugins.length > 0) executor.transformQuery(template.query, query.queryId);
  const { rows } = await db.executeQuery<R>(query);
  return rows;
}

/**
 * Runs the statement `build` makes for `shape`, with `values` bound to its slots. On PostgreSQL it is
 * a named prepared statement (prepared-statements.ts), which the server may come to run with one
 * generic plan for all values; `prepare: false` when the best plan depends on the values (a LIKE
 * pattern: a rare word is found through the trigram index, a common one along the queue's order).
 */
export async function compiledOnce<R, DB>(
  db: Kysely<DB>,
  shape: string,
  values: Readonly<Record<string, unknown>>,
  build: (slot: SlotOf) => Compilable<R>,
  { prepare = true } = {},
): Promise<R[]> {
  const template = templateFor(db, shape, build, prepare);
  const parameters = template.params.map((p) => {
    if (!("slot" in p)) return p.value;
    const v = p.row ? (values[p.row[0]] as Record<string, unknown> | undefined)?.[p.row[1]] : values[p.slot];
    if (v === undefined) throw new Error(`compiledOnce: no value for slot ${p.slot}`);
    return v;
  });
  return run<R, DB>(db, template, parameters);
}

const isExpression = (v: unknown) =>
  typeof v === "function" || (typeof v === "object" && v !== null && "toOperationNode" in v);

/** Per insert template: for each parameter, the row and column it takes its value from (null: a constant). */
const insertSources = new WeakMap<Template, ([number, string] | null)[]>();

/**
 * Inserts `rows` into `table`, with the statement compiled once per table and columns of each row (a
 * column whose value is undefined is left out, as Kysely does). Rows holding a SQL expression are
 * inserted as Kysely builds them. For the rows written on every request (a new ticket, its history).
 */
export async function insertOnce<DB, T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  rows: readonly Insertable<NoInfer<DB>[T]>[],
): Promise<void> {
  const records = rows as readonly Record<string, unknown>[];
  const columns: string[][] = [];
  let shape = `insert ${table}`;
  for (const r of records) {
    const cols: string[] = [];
    for (const c in r) {
      const v = r[c];
      if (v === undefined) continue;
      if (isExpression(v)) {
        await db
          .insertInto(table)
          .values(rows as never)
          .execute();
        return;
      }
      cols.push(c);
    }
    columns.push(cols);
    shape += ` ${cols.join(",")}`;
  }
  if (columns.length === 0) return;
  const template = templateFor(db, shape, (slot) =>
    db
      .insertInto(table)
      .values(columns.map((cols, i) => Object.fromEntries(cols.map((c) => [c, slot(`${i}.${c}`)]))) as never),
  );
  let sources = insertSources.get(template);
  if (!sources) {
    sources = template.params.map((p) => {
      if (!("slot" in p)) return null;
      const dot = p.slot.indexOf(".");
      return [Number(p.slot.slice(0, dot)), p.slot.slice(dot + 1)];
    });
    insertSources.set(template, sources);
  }
  const parameters = sources.map((src, i) => {
    if (!src) return (template.params[i] as { value: unknown }).value;
    return (records[src[0]] as Record<string, unknown>)[src[1]];
  });
  await run(db, template, parameters);
}

/**
 * Rows written by a compiledOnce statement, every value bound: adds each row to `values` as
 * `${name}${i}` (its slots are `${name}${i}.${column}`: compiledOnce reads the column of the row, so a
 * request does not build a key per value — a new ticket binds ~280) and returns the rows' shape (each one's columns, undefined ones left out as
 * Kysely does) and, for the builder, the rows with those slots. For a statement that writes rows of
 * several tables at once (a new ticket on PostgreSQL); a SQL expression cannot be bound and is refused.
 */
export function rowSlots(
  name: string,
  rows: readonly object[],
  values: Record<string, unknown>,
): { shape: string; slotted: (slot: SlotOf) => Record<string, unknown>[] } {
  const columns = rows.map((row) => {
    const r = row as Record<string, unknown>;
    return Object.keys(r).filter((c) => r[c] !== undefined);
  });
  rows.forEach((row, i) => {
    for (const c of columns[i] ?? []) {
      if (isExpression((row as Record<string, unknown>)[c]))
        throw new Error(`rowSlots: ${name}.${c} is a SQL expression`);
    }
    values[`${name}${i}`] = row;
  });
  return {
    shape: `${name}[${columns.map((cs) => cs.join(",")).join(";")}]`,
    slotted: (slot) =>
      columns.map((cs, i) => Object.fromEntries(cs.map((c) => [c, slot(`${name}${i}.${c}`)]))),
  };
}
