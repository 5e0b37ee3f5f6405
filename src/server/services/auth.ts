import argon2 from "argon2";
import type { Me } from "../../contract/auth.js";
import { normalizeEmail } from "../../domain/text.js";
import type { Actor, AppContext } from "../context.js";
import {
  loginAttemptsRepo,
  sessionsRepo,
  tokensRepo,
  toUser,
  type UserRow,
  usersRepo,
} from "../db/repos/users.js";
import { AppError } from "../errors.js";
import { newId, newSecret, sha256 } from "./ids.js";

export const SESSION_COOKIE = "mesa_session";
const TOKEN_TOUCH_EVERY_MS = 60_000;
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

async function checkRateLimit(ctx: AppContext, keys: string[]): Promise<void> {
  const since = new Date(ctx.clock().getTime() - 60_000).toISOString();
  for (const key of keys) {
    if ((await loginAttemptsRepo.countSince(ctx.db, key, since)) >= ctx.config.loginMaxPerMinute) {
      throw new AppError("rate_limited", "Demasiados intentos de inicio de sesión. Espera un minuto.");
    }
  }
}

export async function login(
  ctx: AppContext,
  input: { email: string; password: string; ip: string },
): Promise<{ actor: Actor; sessionToken: string; expiresAt: Date }> {
  const email = normalizeEmail(input.email);
  const keys = [`email:${email}`, `ip:${input.ip}`];
  await checkRateLimit(ctx, keys);
  const row = await usersRepo.byEmail(ctx.db, email);
  dummyHash ??= hashPassword("mesa-dummy-password");
  const ok = await argon2.verify(row?.password_hash ?? (await dummyHash), input.password.slice(0, 1000));
  if (!row || !ok || row.active !== 1) {
    const at = ctx.clock().toISOString();
    for (const key of keys) await loginAttemptsRepo.record(ctx.db, key, at);
    throw new AppError("invalid_credentials", "Correo o contraseña incorrectos.");
  }
  await loginAttemptsRepo.clear(ctx.db, keys[0]!);
  return startSession(ctx, row);
}

export async function startSession(ctx: AppContext, row: UserRow) {
  const sessionToken = newSecret();
  const csrf = newSecret(24);
  const now = ctx.clock();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionHours * 3600_000);
  await sessionsRepo.deleteExpired(ctx.db, now.toISOString());
  await sessionsRepo.insert(ctx.db, {
    id: sha256(sessionToken),
    user_id: row.id,
    csrf_token: csrf,
    created_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
  });
  return { actor: actorFromRow(row, "cookie", sha256(sessionToken), csrf), sessionToken, expiresAt };
}

export async function logout(ctx: AppContext, actor: Actor): Promise<void> {
  if (actor.sessionId) await sessionsRepo.delete(ctx.db, actor.sessionId);
}

/** Resolves the caller from a session cookie; null when absent, expired or the user is inactive. */
export async function actorFromSession(ctx: AppContext, cookieValue: string): Promise<Actor | null> {
  const row = await sessionsRepo.withUser(ctx.db, sha256(cookieValue));
  if (row?.active !== 1) return null;
  if (row.expires_at <= ctx.clock().toISOString()) {
    await sessionsRepo.delete(ctx.db, row.session_id);
    return null;
  }
  return actorFromRow(row, "cookie", row.session_id, row.csrf_token);
}

export async function actorFromToken(ctx: AppContext, bearer: string): Promise<Actor | null> {
  const row = await tokensRepo.withUser(ctx.db, sha256(bearer));
  if (!row || row.revoked_at !== null || row.active !== 1) return null;
  const now = ctx.clock();
  // "Last used" to the minute is enough, and spares a write on every authenticated request.
  if (!row.last_used_at || Date.parse(row.last_used_at) <= now.getTime() - TOKEN_TOUCH_EVERY_MS) {
    await tokensRepo.touch(ctx.db, row.token_id, now.toISOString());
  }
  return actorFromRow(row, "token", null, null);
}

export async function createToken(ctx: AppContext, actor: Actor, name: string) {
  const token = `mesa_${newSecret()}`;
  const id = newId();
  await tokensRepo.insert(ctx.db, {
    id,
    user_id: actor.id,
    name,
    token_hash: sha256(token),
    created_at: ctx.clock().toISOString(),
    last_used_at: null,
    revoked_at: null,
  });
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
  if (Number(r.numUpdatedRows) === 0)
    throw new AppError("not_found", "El token no existe o ya fue revocado.");
}
