import type { Kysely, Selectable, Transaction } from "kysely";
import type { TaskStatus } from "../../../contract/tasks.js";
import type { Dialect } from "../database/database.js";
import type { DB, TasksTable } from "../database/schema.js";

type Db = Kysely<DB> | Transaction<DB>;
export type TaskRow = Selectable<TasksTable>;

interface Claim {
  owner: string;
  now: string;
  leaseUntil: string;
  limit: number;
}

/** Due: waiting and its time has come, or running under a lease that ran out (its worker died). */
function dueIds(db: Db, now: string, limit: number) {
  return db
    .selectFrom("tasks")
    .select("id")
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "in", ["pending", "failed"]), eb("run_at", "<=", now)]),
        eb.and([eb("status", "=", "running"), eb("locked_until", "<", now)]),
      ]),
    )
    .orderBy("run_at")
    .orderBy("id")
    .limit(limit);
}

/** Leases the tasks named by `ids`: a list, or (SQLite, one writer at a time) the due subquery itself. */
function markClaimed(db: Db, c: Claim, ids: string[] | ReturnType<typeof dueIds>) {
  return db
    .updateTable("tasks")
    .set((eb) => ({
      status: "running",
      locked_by: c.owner,
      locked_until: c.leaseUntil,
      attempts: eb("attempts", "+", 1),
      updated_at: c.now,
    }))
    .where("id", "in", ids)
    .returningAll()
    .execute();
}

export const tasksRepo = {
  /** Inserts unless (kind, dedupe_key) is taken; true when this call inserted the row. */
  insert: async (db: Db, row: TaskRow) => {
    const r = await tasksRepo.insertQuery(db, row).executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },
  /** The statement of `insert` (nothing when the kind and dedupe key are taken), to run inside another. */
  insertQuery: (db: Db, row: TaskRow) =>
    db
      .insertInto("tasks")
      .values(row)
      .onConflict((oc) => oc.columns(["kind", "dedupe_key"]).doNothing()),

  byDedupeKey: (db: Db, kind: string, key: string) =>
    db
      .selectFrom("tasks")
      .select(["id", "status"])
      .where("kind", "=", kind)
      .where("dedupe_key", "=", key)
      .executeTakeFirst(),

  get: (db: Db, id: string) => db.selectFrom("tasks").selectAll().where("id", "=", id).executeTakeFirst(),

  /**
   * Takes up to `limit` due tasks for one worker and leases them. PostgreSQL: the rows are locked
   * with SKIP LOCKED inside the transaction, so concurrent workers on other instances take other
   * rows instead of waiting or taking the same ones. SQLite: one writer at a time, so a single
   * UPDATE … WHERE id IN (due) is already atomic.
   */
  claim: async (db: Kysely<DB>, dialect: Dialect, c: Claim): Promise<TaskRow[]> => {
    if (dialect === "sqlite") return markClaimed(db, c, dueIds(db, c.now, c.limit));
    return db.transaction().execute(async (trx) => {
      const rows = await dueIds(trx, c.now, c.limit).forUpdate().skipLocked().execute();
      return rows.length
        ? markClaimed(
            trx,
            c,
            rows.map((r) => r.id),
          )
        : [];
    });
  },

  /** Only the worker still holding the lease may settle a task; false when it was lost. */
  settle: async (
    db: Db,
    id: string,
    owner: string,
    set: { status: TaskStatus; at: string; runAt?: string; error?: string | null },
  ) => {
    const r = await db
      .updateTable("tasks")
      .set({
        status: set.status,
        locked_by: null,
        locked_until: null,
        updated_at: set.at,
        ...(set.status === "done" ? { done_at: set.at } : {}),
        ...(set.runAt ? { run_at: set.runAt } : {}),
        ...(set.error !== undefined ? { last_error: set.error } : {}),
      })
      .where("id", "=", id)
      .where("locked_by", "=", owner)
      .where("status", "=", "running")
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** Puts a dead or failed task back in line now, with its tries counted afresh. */
  retry: async (db: Db, id: string, now: string) => {
    const r = await db
      .updateTable("tasks")
      .set({
        status: "pending",
        run_at: now,
        attempts: 0,
        locked_by: null,
        locked_until: null,
        updated_at: now,
      })
      .where("id", "=", id)
      .where("status", "in", ["dead", "failed"])
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  countByStatus: async (db: Db, kind?: string) => {
    let q = db
      .selectFrom("tasks")
      .select(["status", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("status");
    if (kind) q = q.where("kind", "=", kind);
    return q.execute();
  },

  list: (db: Db, f: { status?: TaskStatus; kind?: string; limit: number }) => {
    let q = db.selectFrom("tasks").selectAll();
    if (f.status) q = q.where("status", "=", f.status);
    if (f.kind) q = q.where("kind", "=", f.kind);
    return q.orderBy("created_at", "desc").orderBy("id", "desc").limit(f.limit).execute();
  },
};
