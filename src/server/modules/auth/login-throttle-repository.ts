import { type Kysely, type RawBuilder, sql } from "kysely";
import type { DB } from "../../platform/database/schema.js";

type Db = Kysely<DB>;

export interface ThrottlePolicy {
  /** Failures allowed before a wait starts. */
  free: number;
  /** The first wait, doubled on each further failure up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A key idle this long (and not blocked) starts counting again from zero. */
  resetAfterMs: number;
}

/** The wait imposed after the n-th failure (n from 1): none within the free budget, then doubling. */
export function delayAfter(policy: ThrottlePolicy, n: number): number {
  if (n < policy.free) return 0;
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (n - policy.free));
}

/** `CASE prior WHEN 0 THEN delay(1) … ELSE max END`: the schedule as SQL, literals computed from config. */
function delayCase(policy: ThrottlePolicy, prior: RawBuilder<number>): RawBuilder<number> {
  const whens = [];
  for (let n = 1; delayAfter(policy, n) < policy.maxDelayMs; n++) {
    whens.push(sql`when ${sql.lit(n - 1)} then ${sql.lit(delayAfter(policy, n))}`);
  }
  return sql<number>`(case ${prior} ${sql.join(whens, sql` `)} else ${sql.lit(policy.maxDelayMs)} end)`;
}

export const loginThrottleRepo = {
  /**
   * Counts one attempt for the key unless it is blocked, in one statement: concurrent attempts on
   * any instance each see the count the previous one left. Returns false when blocked.
   */
  reserve: async (db: Db, key: string, nowMs: number, policy: ThrottlePolicy): Promise<boolean> => {
    const now = sql<number>`cast(${nowMs} as bigint)`;
    const prior = sql<number>`(case when login_throttle.last_at < ${nowMs - policy.resetAfterMs} then 0 else login_throttle.failures end)`;
    const first = delayAfter(policy, 1);
    const delay = delayCase(policy, prior);
    const row = await db
      .insertInto("login_throttle")
      .values({ key, failures: 1, blocked_until: first > 0 ? nowMs + first : 0, last_at: nowMs })
      .onConflict((oc) =>
        oc
          .column("key")
          .doUpdateSet({
            failures: sql<number>`${prior} + 1`,
            // A free attempt leaves the block as it is: moving it to "now" would refuse a concurrent
            // attempt whose clock was read a moment earlier.
            blocked_until: sql<number>`case when ${delay} > 0 then ${now} + ${delay} else login_throttle.blocked_until end`,
            last_at: now,
          })
          .where("login_throttle.blocked_until", "<=", nowMs),
      )
      .returning("failures")
      .executeTakeFirst();
    return row !== undefined;
  },
  blockedUntil: async (db: Db, key: string): Promise<number> => {
    const row = await db
      .selectFrom("login_throttle")
      .select("blocked_until")
      .where("key", "=", key)
      .executeTakeFirst();
    return Number(row?.blocked_until ?? 0);
  },
  clear: (db: Db, key: string) => db.deleteFrom("login_throttle").where("key", "=", key).execute(),
  /** Gives back a reserved attempt that turned out to be a success (the count stays ≥ 0). */
  refund: (db: Db, key: string) =>
    db
      .updateTable("login_throttle")
      .set({ failures: sql<number>`case when failures > 0 then failures - 1 else 0 end` })
      .where("key", "=", key)
      .execute(),
  prune: (db: Db, beforeMs: number) =>
    db
      .deleteFrom("login_throttle")
      .where("last_at", "<", beforeMs)
      .where("blocked_until", "<", beforeMs)
      .execute(),
};
