import type { Kysely } from "kysely";
import type { SessionInfo } from "../../../contract/auth.js";
import type { Actor, AppContext } from "../../context.js";
import { auditRepo } from "../../platform/audit/repository.js";
import type { DB } from "../../platform/database/schema.js";
import { AppError, invalid, notFound } from "../../platform/errors.js";
import { sessionsRepo, tokensRepo, usersRepo } from "../users/repository.js";
import { type ClientInfo, hashPassword, passwordMatches } from "./auth.js";
import { guardedVerify, withArgon2Slot } from "./login-guard.js";

/**
 * Ends what a stolen password or a lost device could still use: every session but `keepSessionId`
 * and every API token of the user. Runs inside the transaction that changes the user.
 */
export async function revokeAccess(
  db: Kysely<DB>,
  userId: string,
  at: string,
  keepSessionId: string | null = null,
): Promise<void> {
  await sessionsRepo.deleteForUser(db, userId, keepSessionId);
  await tokensRepo.revokeAllForUser(db, userId, at);
}

/** Self-service change: the current password is required and a wrong one counts as a failed login. */
export async function changePassword(
  ctx: AppContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  client: ClientInfo,
): Promise<void> {
  const row = await usersRepo.byId(ctx.db, actor.id);
  if (!row) throw notFound("user");
  const ok = await guardedVerify(ctx, { email: row.email, ip: client.ip }, () =>
    passwordMatches(row.password_hash, input.currentPassword),
  );
  if (!ok) {
    throw new AppError(
      "wrong_password",
      "auth.wrong_password",
      {},
      {
        field: "currentPassword",
      },
    );
  }
  if (input.newPassword === input.currentPassword) {
    throw invalid("auth.same_password", {}, { field: "newPassword" });
  }
  const hash = await withArgon2Slot(ctx, () => hashPassword(input.newPassword));
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    await usersRepo.update(trx, actor.id, { password_hash: hash, updated_at: now });
    await revokeAccess(trx, actor.id, now, actor.sessionId);
    await auditRepo.record(trx, {
      entity: "user",
      entityId: actor.id,
      at: now,
      actorId: actor.id,
      action: "update",
      changes: { password: "changed" },
    });
  });
}

export async function listSessions(ctx: AppContext, actor: Actor): Promise<SessionInfo[]> {
  const rows = await sessionsRepo.activeForUser(ctx.db, actor.id, ctx.clock().toISOString());
  return rows.map((r) => ({
    id: r.public_id ?? r.id,
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    ip: r.ip,
    userAgent: r.user_agent,
    current: r.id === actor.sessionId,
  }));
}

/** Ends one of the caller's sessions; another user's answers like a missing one. */
export async function endSession(ctx: AppContext, actor: Actor, publicId: string): Promise<void> {
  const r = await sessionsRepo.deleteByPublicId(ctx.db, publicId, actor.id);
  if (Number(r.numDeletedRows) === 0) throw notFound("session");
}
