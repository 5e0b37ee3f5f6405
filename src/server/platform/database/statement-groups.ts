/**
 * PostgreSQL: statements of one kind that arrive while one of that kind is running go together in
 * the next one (issue #16). Every statement costs a round trip: a socket write that wakes the server,
 * its parse of the message, a result to decode. Under load most of a request's time went there, not
 * to the work. A statement arriving when none of its kind runs goes at once, alone: grouping adds no
 * wait, it only fills the wait there was. Used for new tickets (new-ticket-group.ts) and for the reads
 * every request or create makes (the caller's session or token, the client a ticket is filed for).
 */
import type { Kysely } from "kysely";
import { isSqlite } from "./dialect.js";

/** How items of one kind go together. */
export interface Grouping<DB, T, R> {
  /** The next group: positions among those waiting (in arrival order), the first (0) among them. */
  take(waiting: readonly T[]): number[];
  /** One statement for the group: each item's result, in the group's order. */
  run(db: Kysely<DB>, group: T[]): Promise<R[]>;
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (err: unknown) => void;
}
interface Lane<T, R> {
  /** Loops running groups: one, or more while a group is stalled (see STALLED_MS). */
  runners: number;
  /** When the last group started (Date.now()). */
  startedAt: number;
  waiting: Waiting<T, R>[];
}

/**
 * A group running this long is stalled (a lock wait, a connection gone quiet): one arriving now
 * starts another runner, so a stuck statement holds its own group, not every sign-in after it, until
 * the statement timeout ends it. A group runs in a few milliseconds even under load.
 */
const STALLED_MS = 500;

/**
 * Per grouping and Kysely instance: a group runs through the instance (and plugins) its callers gave.
 */
const lanes = new WeakMap<object, WeakMap<object, Lane<unknown, unknown>>>();

function laneOf<DB, T, R>(db: Kysely<DB>, grouping: Grouping<DB, T, R>): Lane<T, R> {
  let byDb = lanes.get(grouping);
  if (!byDb) {
    byDb = new WeakMap();
    lanes.set(grouping, byDb);
  }
  let lane = byDb.get(db);
  if (!lane) {
    lane = { runners: 0, startedAt: 0, waiting: [] };
    byDb.set(db, lane);
  }
  return lane as Lane<T, R>;
}

/** Runs `item` with those of its kind waiting; resolves with its own result. */
export function runGrouped<DB, T, R>(db: Kysely<DB>, grouping: Grouping<DB, T, R>, item: T): Promise<R> {
  const lane = laneOf(db, grouping);
  return new Promise<R>((resolve, reject) => {
    lane.waiting.push({ item, resolve, reject });
    if (lane.runners === 0 || Date.now() - lane.startedAt > STALLED_MS) void runWaiting(db, grouping, lane);
  });
}

async function runWaiting<DB, T, R>(db: Kysely<DB>, grouping: Grouping<DB, T, R>, lane: Lane<T, R>) {
  lane.runners++;
  try {
    while (lane.waiting.length > 0) {
      const group = takeNext(grouping, lane);
      lane.startedAt = Date.now();
      await runTogether(db, grouping, group);
    }
  } finally {
    lane.runners--;
  }
}

/** The next group, in arrival order. A grouping that fails to choose sends the first waiting alone. */
function takeNext<DB, T, R>(grouping: Grouping<DB, T, R>, lane: Lane<T, R>): Waiting<T, R>[] {
  let chosen: Set<number>;
  try {
    chosen = new Set(grouping.take(lane.waiting.map((w) => w.item)));
  } catch {
    chosen = new Set();
  }
  chosen.add(0);
  const group = lane.waiting.filter((_, i) => chosen.has(i));
  lane.waiting = lane.waiting.filter((_, i) => !chosen.has(i));
  return group;
}

/**
 * Errors after which PostgreSQL certainly rolled the statement back and running each item alone
 * makes sense: the data was refused (classes 22 and 23: a bad value, a missing client) or the
 * statement lost a conflict (40001, 40P01). Any other error (a timeout, a lost connection, a check
 * after the commit) may come after a write's commit: running it again could store every item twice.
 */
const rolledBack = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && (/^2[23]/.test(code) || code === "40001" || code === "40P01");
};

async function runTogether<DB, T, R>(db: Kysely<DB>, grouping: Grouping<DB, T, R>, group: Waiting<T, R>[]) {
  let results: R[];
  try {
    results = await grouping.run(
      db,
      group.map((w) => w.item),
    );
    if (results.length !== group.length) throw new Error("statement group: one result per item expected");
  } catch (err) {
    // One item the database refuses fails the statement of all: each runs again alone, and fails
    // alone. Any other error reaches all of them, as it would reach each run alone.
    if (group.length > 1 && rolledBack(err)) for (const w of group) await runTogether(db, grouping, [w]);
    else for (const w of group) w.reject(err);
    return;
  }
  for (const [i, w] of group.entries()) w.resolve(results[i] as R);
}

/** Whether reads on `db` go in groups: on PostgreSQL's pool, not in a transaction (one connection). */
export const groupsReads = (db: { isTransaction: boolean; getExecutor(): { adapter: unknown } }) =>
  !db.isTransaction && !isSqlite(db);

/** A grouping's `take` for statements of one shape whatever their count: the first `most` waiting. */
export const firstWaiting =
  (most: number) =>
  (waiting: readonly unknown[]): number[] =>
    waiting.slice(0, most).map((_, i) => i);

/**
 * Reads of rows by one key (a session, a token): a group is one statement for its distinct keys, and
 * each caller gets the row of its own key (undefined: none).
 */
export function keyedReads<DB, R>(
  keyOf: (row: R) => string,
  read: (db: Kysely<DB>, keys: string[]) => Promise<R[]>,
): Grouping<DB, string, R | undefined> {
  return {
    take: firstWaiting(64),
    run: async (db, keys) => {
      const rows = new Map((await read(db, [...new Set(keys)])).map((r) => [keyOf(r), r]));
      // Callers of one key get a row each: a request that changed its row would not reach another.
      return keys.map((k) => {
        const row = rows.get(k);
        return row && { ...row };
      });
    },
  };
}
