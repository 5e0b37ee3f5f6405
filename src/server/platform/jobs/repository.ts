import type { Kysely } from "kysely";
import type { DB } from "../database/schema.js";

type Db = Kysely<DB>;

/** Scheduled jobs share one lease row each, so a run happens once however many instances there are. */
export const jobsRepo = {
  ensure: (db: Db, name: string) =>
    db
      .insertInto("jobs")
      .values({ name, locked_until: null, locked_by: null, last_run_at: null })
      .onConflict((oc) => oc.column("name").doNothing())
      .execute(),

  /** One atomic UPDATE claims the job if it is due and not leased; true when this caller won. */
  claim: async (
    db: Db,
    c: { name: string; owner: string; now: string; leaseUntil: string; dueBefore: string },
  ) => {
    const r = await db
      .updateTable("jobs")
      .set({ locked_until: c.leaseUntil, locked_by: c.owner })
      .where("name", "=", c.name)
      .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", c.now)]))
      .where((eb) => eb.or([eb("last_run_at", "is", null), eb("last_run_at", "<=", c.dueBefore)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  finish: (db: Db, name: string, owner: string, at: string) =>
    db
      .updateTable("jobs")
      .set({ locked_until: null, locked_by: null, last_run_at: at })
      .where("name", "=", name)
      .where("locked_by", "=", owner)
      .execute(),

  /**
   * Records a failed run. The lease is kept until `retryAt` but no longer owned, so the job waits
   * that long before its next try instead of failing again on every tick.
   */
  fail: (db: Db, f: { name: string; owner: string; at: string; error: string; retryAt: string }) =>
    db
      .updateTable("jobs")
      .set({ locked_until: f.retryAt, locked_by: null, last_error: f.error, last_failure_at: f.at })
      .where("name", "=", f.name)
      .where("locked_by", "=", f.owner)
      .execute(),

  get: (db: Db, name: string) =>
    db.selectFrom("jobs").selectAll().where("name", "=", name).executeTakeFirst(),

  list: (db: Db) => db.selectFrom("jobs").selectAll().orderBy("name").execute(),
};
