/**
 * Group commit for SQLite's one writer (issue #16). Each transaction's COMMIT writes every page it
 * changed to the WAL and flushes the search index's pending terms as a new segment: for a ticket
 * create, most of its cost inside SQLite, and the same hot pages (the folio counter, the day's summary
 * rows, the tables' last pages) are written again by the next create. Writes that arrive in the same
 * turn of the event loop (or while the connection is busy) therefore wait together and run in one
 * transaction, each in a savepoint of its own, and commit once:
 *   - each write sees the ones before it and is undone alone when it fails (ROLLBACK TO its
 *     savepoint: its folio number is taken by the next one, so folios stay gapless);
 *   - none is answered before the COMMIT that holds it; a failed COMMIT fails every write of the
 *     group, none of which is kept;
 *   - a write alone in its group runs exactly as a plain transaction (no savepoint).
 * On PostgreSQL writes do not wait on one connection: callers use this on SQLite only.
 */
import { type Kysely, sql, type Transaction } from "kysely";

type Work<DB, T> = (trx: Transaction<DB>) => Promise<T>;
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };
interface Job {
  work: Work<never, unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/** The group still taking writes, per Kysely instance (it closes when its transaction begins). */
const open = new WeakMap<object, Job[]>();
/** At most this many writes share a transaction (a bound on how long one holds the connection). */
const MAX_GROUP = 32;

/** Runs `work` in a transaction, with the other writes waiting for the connection at the time. */
export function groupedTransaction<DB, T>(db: Kysely<DB>, work: Work<DB, T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const job = { work, resolve, reject } as unknown as Job;
    const group = open.get(db);
    if (group && group.length < MAX_GROUP) {
      group.push(job);
      return;
    }
    const jobs = [job];
    open.set(db, jobs);
    // better-sqlite3 runs each statement at once: a request reads and reaches its write within the
    // event-loop turn its body arrived in. The group starts after that turn, so the requests that
    // arrived with it join.
    setImmediate(() => void runGroup(db, jobs));
  });
}

async function runGroup<DB>(db: Kysely<DB>, jobs: Job[]): Promise<void> {
  const outcomes: Outcome[] = [];
  try {
    await db.transaction().execute(async (trx) => {
      // The connection is this group's now: later writes form the next group.
      if (open.get(db) === jobs) open.delete(db);
      const only = jobs.length === 1 ? jobs[0] : undefined;
      if (only) outcomes.push({ ok: true, value: await only.work(trx as never) });
      else for (const job of jobs) outcomes.push(await inSavepoint(trx, job.work));
    });
  } catch (error) {
    if (open.get(db) === jobs) open.delete(db);
    for (const job of jobs) job.reject(error);
    return;
  }
  jobs.forEach((job, i) => {
    const o = outcomes[i] as Outcome;
    if (o.ok) job.resolve(o.value);
    else job.reject(o.error);
  });
}

/** One write of a group: kept (RELEASE) or undone alone (ROLLBACK TO) when it fails. */
async function inSavepoint<DB>(trx: Transaction<DB>, work: Work<never, unknown>): Promise<Outcome> {
  await sql`savepoint grouped_write`.execute(trx);
  try {
    const value = await work(trx as never);
    await sql`release grouped_write`.execute(trx);
    return { ok: true, value };
  } catch (error) {
    try {
      await sql`rollback to grouped_write`.execute(trx);
      await sql`release grouped_write`.execute(trx);
    } catch {
      // SQLite already rolled the whole transaction back (full disk, I/O error): the group fails,
      // with the write's error (its cause), not the missing savepoint's.
      throw error;
    }
    return { ok: false, error };
  }
}
