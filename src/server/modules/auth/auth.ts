import argon2 from "argon2";
import type { Me } from "../../../contract/auth.js";
import { normalizeEmail } from "../../../domain/text.js";
import type { Actor, AppContext } from "../../context.js";
import { AppError } from "../../platform/errors.js";
import { newId, newSecret, sha256 } from "../../platform/ids.js";
import { sessionsRepo, tokensRepo, toUser, type UserRow, usersRepo } from "../users/repository.js";
import { guardedVerify } from "./login-guard.js";
import { deviceTokenFor, isTrustedDevice } from "./trusted-device.js";

export const SESSION_COOKIE = "mesa_session";
const TOUCH_EVERY_MS = 60_000;
// Verifying against a fixed hash for unknown e-mails keeps the answer time the same as a wrong password.
let dummyHash: Promise<string> | null = null;

export const hashPassword = (password: string) => argon2.hash(password, { type: argon2.argon2id });

export function actorFromRow(
  row: UserRow,
  via: Actor["via"],
  sessionId: string | null,
  csrf: string | null,
): Actor {
  const u = toUser(row);
  return { ...u, via, sessionId, csrfToken: csrf };
}

export function meOf(actor: Actor): Me {
  const me: Me = {
    id: actor.id,
    email: actor.email,
    name: actor.name,
    roles: actor.roles,
    skills: actor.skills,
    clientId: actor.clientId,
    locale: actor.locale,
  };
  if (actor.csrfToken) me.csrfToken = actor.csrfToken;
  return me;
}

/** Verifies a password; unknown e-mails are checked against a dummy hash so both take the same time. */
export async function passwordMatches(hash: string | null | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword("mesa-dummy-password");
  const ok = await argon2.verify(hash ?? (await dummyHash), password.slice(0, 1000));
  return ok && Boolean(hash);
}

export interface ClientInfo {
  ip: string;
  userAgent?: string | undefined;
}

export async function login(
  ctx: AppContext,
  input: { email: string; password: string; deviceToken?: string | undefined } & ClientInfo,
): Promise<{ actor: Actor; sessionToken: string; csrfToken: string; expiresAt: Date; deviceToken: string }> {
  const email = normalizeEmail(input.email);
  const known = input.deviceToken ? await usersRepo.byEmail(ctx.db, email) : undefined;
  const trusted = isTrustedDevice(known, input.deviceToken);
  let row: UserRow | undefined;
  const ok = await guardedVerify(ctx, { email, ip: input.ip, trusted }, async () => {
    row = await usersRepo.byEmail(ctx.db, email);
    return (await passwordMatches(row?.password_hash, input.password)) && row?.active === 1;
  });
  if (!ok || !row) throw new AppError("invalid_credentials", "auth.invalid_credentials");
  return { ...(await startSession(ctx, row, input)), deviceToken: deviceTokenFor(row) };
}

export async function startSession(ctx: AppContext, row: UserRow, client?: ClientInfo) {
  const sessionToken = newSecret();
  const csrf = newSecret(24);
  const now = ctx.clock();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionHours * 3600_000);
  await sessionsRepo.deleteExpired(ctx.db, now.toISOString());
  const created = await sessionsRepo.insertIfCredentials(
    ctx.db,
    {
      id: sha256(sessionToken),
      user_id: row.id,
      csrf_token: csrf,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      public_id: newId(),
      ip: client?.ip ?? null,
      user_agent: client?.userAgent?.slice(0, 300) ?? null,
      last_seen_at: now.toISOString(),
    },
    row.password_hash ?? "",
    ctx.dialect === "postgres",
  );
  // The password changed (or the user was deactivated) while this login was being checked.
  if (!created) throw new AppError("invalid_credentials", "auth.invalid_credentials");
  return {
    actor: actorFromRow(row, "cookie", sha256(sessionToken), csrf),
    sessionToken,
    csrfToken: csrf,
    expiresAt,
  };
}

export async function logout(ctx: AppContext, actor: Actor): Promise<void> {
  if (actor.sessionId) await sessionsRepo.delete(ctx.db, actor.sessionId);
}

/** A caller resolved by a sign-in read, with the settings stamp that read saw (see `forRequest`). */
export interface SignedIn {
  actor: Actor;
  settingsStamp: string;
}

/** Resolves the caller from a session cookie; null when absent, expired or the user is inactive. */
export async function actorFromSession(ctx: AppContext, cookieValue: string): Promise<SignedIn | null> {
  const row = await sessionsRepo.withUser(ctx.db, sha256(cookieValue));
  if (row?.active !== 1) return null;
  const now = ctx.clock();
  if (row.expires_at <= now.toISOString()) {
    await sessionsRepo.delete(ctx.db, row.session_id);
    return null;
  }
  // "Last seen" to the minute, like a token's last use: no write on every request.
  if (!row.last_seen_at || Date.parse(row.last_seen_at) <= now.getTime() - TOUCH_EVERY_MS) {
    await sessionsRepo.touch(ctx.db, row.session_id, now.toISOString());
  }
  return {
    actor: actorFromRow(row, "cookie", row.session_id, row.csrf_token),
    settingsStamp: row.settings_stamp,
  };
}

export async function actorFromToken(ctx: AppContext, bearer: string): Promise<SignedIn | null> {
  const row = await tokensRepo.withUser(ctx.db, sha256(bearer));
  if (!row || row.revoked_at !== null || row.active !== 1) return null;
  const now = ctx.clock();
  // "Last used" to the minute is enough, and spares a write on every authenticated request.
  if (!row.last_used_at || Date.parse(row.last_used_at) <= now.getTime() - TOUCH_EVERY_MS) {
    await tokensRepo.touch(ctx.db, row.token_id, now.toISOString());
  }
  return { actor: actorFromRow(row, "token", null, null), settingsStamp: row.settings_stamp };
}

export async function createToken(ctx: AppContext, actor: Actor, name: string) {
  const token = `mesa_${newSecret()}`;
  const id = newId();
  const row = {
    id,
    user_id: actor.id,
    name,
    token_hash: sha256(token),
    created_at: ctx.clock().toISOString(),
    last_used_at: null,
    revoked_at: null,
  };
  if (!actor.sessionId) await tokensRepo.insert(ctx.db, row);
  // A session ended meanwhile (password reset, deactivation, sign-out) mints nothing.
  else if (!(await tokensRepo.insertIfSession(ctx.db, row, actor.sessionId, ctx.dialect === "postgres")))
    throw new AppError("session_expired", "error.session_expired");
  return { id, name, token };
}

export async function listTokens(ctx: AppContext, actor: Actor) {
  const rows = await tokensRepo.listForUser(ctx.db, actor.id);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

export async function revokeToken(ctx: AppContext, actor: Actor, id: string): Promise<void> {
  const r = await tokensRepo.revoke(ctx.db, id, actor.id, ctx.clock().toISOString());
  if (Number(r.numUpdatedRows) === 0) throw new AppError("not_found", "auth.token_missing");
}
