import type { Kysely, Selectable } from "kysely";
import type { DB, IdempotencyKeysTable } from "../database/schema.js";

type Db = Kysely<DB>;

/** A replayed answer is kept this long; the housekeeping job purges older keys. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600_000;
export type IdempotencyRow = Selectable<IdempotencyKeysTable>;
/** Who holds a key: the caller's scope, the key, and the random id of the holding request. */
export interface Reservation {
  scope: string;
  key: string;
  owner: string;
}

/** Idempotency keys: reserved in one conditional write each, so racing duplicates get exactly one owner. */
export const idempotencyRepo = {
  /** Reserves a new key; false when the caller already holds a row for it. */
  reserve: async (db: Db, row: Reservation & { requestHash: string; at: string }) => {
    const r = await db
      .insertInto("idempotency_keys")
      .values({
        scope: row.scope,
        key: row.key,
        request_hash: row.requestHash,
        state: "in_progress",
        owner: row.owner,
        response_status: null,
        response_body: null,
        created_at: row.at,
      })
      .onConflict((oc) => oc.columns(["scope", "key"]).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  },
  get: (db: Db, scope: string, key: string) =>
    db
      .selectFrom("idempotency_keys")
      .selectAll()
      .where("scope", "=", scope)
      .where("key", "=", key)
      .executeTakeFirst(),
  /** Takes over an expired or abandoned row, only if nobody changed it since it was read. */
  retake: async (db: Db, old: IdempotencyRow, owner: string, requestHash: string, at: string) => {
    const r = await db
      .updateTable("idempotency_keys")
      .set({
        request_hash: requestHash,
        state: "in_progress",
        owner,
        response_status: null,
        response_body: null,
        created_at: at,
      })
      .where("scope", "=", old.scope)
      .where("key", "=", old.key)
      .where("owner", "=", old.owner)
      .where("state", "=", old.state)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  /** The holder is alive: an in-progress key renewed this way is not taken for abandoned. */
  renew: (db: Db, r: Reservation, at: string) =>
    db
      .updateTable("idempotency_keys")
      .set({ created_at: at })
      .where("scope", "=", r.scope)
      .where("key", "=", r.key)
      .where("owner", "=", r.owner)
      .where("state", "=", "in_progress")
      .execute(),
  finish: (db: Db, r: Reservation, status: number, body: string) =>
    db
      .updateTable("idempotency_keys")
      .set({ state: "done", response_status: status, response_body: body })
      .where("scope", "=", r.scope)
      .where("key", "=", r.key)
      .where("owner", "=", r.owner)
      .where("state", "=", "in_progress")
      .execute(),
  /** Frees a reservation whose request failed on our side (5xx), so a retry really runs again. */
  release: (db: Db, r: Reservation) =>
    db
      .deleteFrom("idempotency_keys")
      .where("scope", "=", r.scope)
      .where("key", "=", r.key)
      .where("owner", "=", r.owner)
      .where("state", "=", "in_progress")
      .execute(),
  purgeBefore: (db: Db, before: string) =>
    db.deleteFrom("idempotency_keys").where("created_at", "<", before).execute(),
};
