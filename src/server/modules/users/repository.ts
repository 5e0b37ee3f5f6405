import { type Kysely, type Selectable, sql } from "kysely";
import { z } from "zod";
import { Role, type User } from "../../../contract/auth.js";
import { compiledOnce } from "../../platform/database/compiled-once.js";
import type { DB, UsersTable } from "../../platform/database/schema.js";
import { groupsReads, keyedReads, runGrouped } from "../../platform/database/statement-groups.js";
import { updateAtVersion } from "../../platform/database/versioned-rows.js";
import { settingsStampColumn } from "../settings/repository.js";

const Strings = z.array(z.string()).catch([]);

/**
 * Stored lists seen lately and what they parse to: every signed-in request parses its caller's roles
 * and skills, and a handful of distinct texts cover every user. Callers get a copy.
 */
function parsedLists<T>(parse: (text: string) => T[]): (text: string) => T[] {
  const seen = new Map<string, readonly T[]>();
  return (text) => {
    let list = seen.get(text);
    if (!list) {
      list = parse(text);
      if (seen.size >= 500) seen.clear();
      seen.set(text, list);
    }
    return [...list];
  };
}

const parseRoles = parsedLists((text): Role[] =>
  Strings.parse(JSON.parse(text)).flatMap((r) => {
    const role = Role.safeParse(r);
    return role.success ? [role.data] : [];
  }),
);
const parseSkills = parsedLists((text) => Strings.parse(JSON.parse(text)));

/** A user's stored roles; a name this version does not know grants nothing (rather than failing the request). */
export const rolesOf = (row: Pick<UserRow, "roles">): Role[] => parseRoles(row.roles);

export const skillsOf = (row: Pick<UserRow, "skills">): string[] => parseSkills(row.skills);

export type UserRow = Selectable<UsersTable>;
type Db = Kysely<DB>;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: rolesOf(row),
    skills: skillsOf(row),
    clientId: row.client_id,
    locale: row.locale === "en" ? "en" : "es-MX",
    active: row.active === 1,
    createdAt: row.created_at,
    version: row.version,
  };
}

export const usersRepo = {
  byId: (db: Db, id: string) => db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst(),
  byEmail: (db: Db, email: string) =>
    db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst(),
  count: async (db: Db) => {
    const r = await db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },
  list: (db: Db) => db.selectFrom("users").selectAll().orderBy("name").execute(),
  byIds: (db: Db, ids: string[]) =>
    ids.length === 0
      ? Promise.resolve([])
      : db.selectFrom("users").selectAll().where("id", "in", ids).execute(),
  insert: (db: Db, row: UserRow) => db.insertInto("users").values(row).execute(),
  /** Every change to an account bumps its version (an admin's edit based on an older one is refused). */
  update: (db: Db, id: string, patch: Partial<UserRow>) =>
    db
      .updateTable("users")
      .set({ ...patch, version: sql`version + 1` })
      .where("id", "=", id)
      .execute(),
  /** The same, only while the account is still at `version`: false when someone saved it since. */
  updateAt: (db: Db, id: string, version: number, patch: Partial<UserRow>) =>
    updateAtVersion(db, "users", id, version, patch),
};

type SessionRow = Selectable<DB["sessions"]>;
type TokenRow = Selectable<DB["api_tokens"]>;

/** `SELECT :v1 AS c1, :v2 AS c2 …` over `table`, for an INSERT that only happens when a row matches. */
function valuesFrom<R extends object>(row: R) {
  const cols = Object.keys(row) as (keyof R & string)[];
  return {
    cols,
    // biome-ignore lint/suspicious/noExplicitAny: the column list is dynamic; the row type checks the values.
    select: (eb: any) => cols.map((c) => eb.val(row[c]).as(c)),
  };
}

export const sessionsRepo = {
  insert: (db: Db, row: SessionRow) => db.insertInto("sessions").values(row).execute(),
  /**
   * Inserts the session only while the user is active and still has the password that was verified.
   * On PostgreSQL the user row is read FOR SHARE: a password change in flight (which holds the row)
   * is waited for and then seen, so a login that checked the old password creates nothing.
   */
  insertIfCredentials: async (db: Db, row: SessionRow, verifiedHash: string, lock: boolean) => {
    const v = valuesFrom(row);
    const r = await db
      .insertInto("sessions")
      .columns(v.cols)
      .expression(
        db
          .selectFrom("users")
          .select(v.select)
          .where("users.id", "=", row.user_id)
          .where("users.password_hash", "=", verifiedHash)
          .where("users.active", "=", 1)
          .$if(lock, (q) => q.forShare()),
      )
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  },
  /**
   * Every request with a session cookie runs this: compiled once (see compiledOnce); on PostgreSQL,
   * with the other requests' sessions read at the same moment (statement-groups.ts).
   */
  withUser: async (db: Db, id: string) => {
    if (groupsReads(db)) return runGrouped(db, sessionsTogether, id);
    const rows = await compiledOnce(db, "sessions.withUser", { id }, (slot) =>
      sessionWithUser(db).where("sessions.id", "=", slot("id")),
    );
    return rows[0];
  },
  delete: (db: Db, id: string) => db.deleteFrom("sessions").where("id", "=", id).execute(),
  deleteExpired: (db: Db, nowIso: string) =>
    db.deleteFrom("sessions").where("expires_at", "<", nowIso).execute(),
  /** Ends every session of the user but `keepId` (the one changing its own password). */
  deleteForUser: (db: Db, userId: string, keepId: string | null = null) => {
    let q = db.deleteFrom("sessions").where("user_id", "=", userId);
    if (keepId !== null) q = q.where("id", "!=", keepId);
    return q.execute();
  },
  touch: (db: Db, id: string, at: string) =>
    db.updateTable("sessions").set({ last_seen_at: at }).where("id", "=", id).execute(),
  activeForUser: (db: Db, userId: string, nowIso: string) =>
    db
      .selectFrom("sessions")
      .selectAll()
      .where("user_id", "=", userId)
      .where("expires_at", ">", nowIso)
      .orderBy("created_at", "desc")
      .execute(),
  deleteByPublicId: (db: Db, publicId: string, userId: string) =>
    db
      .deleteFrom("sessions")
      .where("public_id", "=", publicId)
      .where("user_id", "=", userId)
      .executeTakeFirst(),
};

/** A session with its user and the settings stamp: what resolving a cookie reads. */
const sessionWithUser = (db: Db) =>
  db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .selectAll("users")
    .select([
      "sessions.id as session_id",
      "sessions.csrf_token",
      "sessions.expires_at",
      "sessions.last_seen_at",
      settingsStampColumn(),
    ]);

/** A token with its user and the settings stamp: what resolving a bearer reads. */
const tokenWithUser = (db: Db) =>
  db
    .selectFrom("api_tokens")
    .innerJoin("users", "users.id", "api_tokens.user_id")
    .selectAll("users")
    .select([
      "api_tokens.id as token_id",
      "api_tokens.token_hash",
      "api_tokens.revoked_at",
      "api_tokens.last_used_at",
      settingsStampColumn(),
    ]);

/** Any of a group's keys: one statement shape whatever their number. */
const anyOf = (keys: string) => sql<string>`any(${keys})`;

const sessionsTogether = keyedReads(
  (row: { session_id: string }) => row.session_id,
  (db: Db, ids: string[]) =>
    compiledOnce(db, "sessions.withUsers", { ids }, (slot) =>
      sessionWithUser(db).where("sessions.id", "=", anyOf(slot("ids"))),
    ),
);

const tokensTogether = keyedReads(
  (row: { token_hash: string }) => row.token_hash,
  (db: Db, hashes: string[]) =>
    compiledOnce(db, "tokens.withUsers", { hashes }, (slot) =>
      tokenWithUser(db).where("api_tokens.token_hash", "=", anyOf(slot("hashes"))),
    ),
);

export const tokensRepo = {
  insert: (db: Db, row: TokenRow) => db.insertInto("api_tokens").values(row).execute(),
  /**
   * Inserts the token only while the creating session still exists (read FOR SHARE on PostgreSQL, so
   * a password reset or deactivation deleting it in parallel is waited for and then seen).
   */
  insertIfSession: async (db: Db, row: TokenRow, sessionId: string, lock: boolean) => {
    const v = valuesFrom(row);
    const r = await db
      .insertInto("api_tokens")
      .columns(v.cols)
      .expression(
        db
          .selectFrom("sessions")
          .select(v.select)
          .where("sessions.id", "=", sessionId)
          .where("sessions.user_id", "=", row.user_id)
          .$if(lock, (q) => q.forShare()),
      )
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  },
  /** Every bearer request runs this: compiled once, and grouped on PostgreSQL (as sessions are). */
  withUser: async (db: Db, hash: string) => {
    if (groupsReads(db)) return runGrouped(db, tokensTogether, hash);
    const rows = await compiledOnce(db, "tokens.withUser", { hash }, (slot) =>
      tokenWithUser(db).where("api_tokens.token_hash", "=", slot("hash")),
    );
    return rows[0];
  },
  touch: (db: Db, id: string, at: string) =>
    db.updateTable("api_tokens").set({ last_used_at: at }).where("id", "=", id).execute(),
  listForUser: (db: Db, userId: string) =>
    db
      .selectFrom("api_tokens")
      .selectAll()
      .where("user_id", "=", userId)
      .orderBy("created_at", "desc")
      .execute(),
  revoke: (db: Db, id: string, userId: string, at: string) =>
    db
      .updateTable("api_tokens")
      .set({ revoked_at: at })
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .executeTakeFirst(),
  revokeAllForUser: (db: Db, userId: string, at: string) =>
    db
      .updateTable("api_tokens")
      .set({ revoked_at: at })
      .where("user_id", "=", userId)
      .where("revoked_at", "is", null)
      .execute(),
};
