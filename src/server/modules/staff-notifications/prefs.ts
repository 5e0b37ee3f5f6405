import type { Kysely } from "kysely";
import { NOTIFICATION_MAIL_KINDS, type NotificationMailKind } from "../../../contract/service-orders.js";
import type { Actor, AppContext } from "../../context.js";
import type { DB } from "../../platform/database/schema.js";
import { assertMayEditOwnNotificationPrefs } from "./policy.js";
import { prefsRepo } from "./repository.js";

export type MailPrefs = Record<NotificationMailKind, boolean>;

/** Until a user says otherwise, every kind also comes by e-mail (the seed: staff are told by mail). */
const DEFAULTS: MailPrefs = {
  escalation: true,
  assignment: true,
  sent_back: true,
  urgent_request: true,
  client_message: true,
};

export async function mailPrefsOf(db: Kysely<DB>, userIds: string[]): Promise<Map<string, MailPrefs>> {
  const rows = await prefsRepo.forUsers(db, userIds);
  const out = new Map(userIds.map((id) => [id, { ...DEFAULTS }]));
  for (const r of rows) {
    const prefs = out.get(r.user_id);
    // Only the prefs endpoint writes rows, and only kinds it knows (the column's type says so).
    if (prefs) prefs[r.kind] = r.by_email === 1;
  }
  return out;
}

export async function getMyPrefs(ctx: AppContext, actor: Actor) {
  assertMayEditOwnNotificationPrefs(actor);
  return { email: (await mailPrefsOf(ctx.db, [actor.id])).get(actor.id) ?? { ...DEFAULTS } };
}

/** Only the kinds named change. */
export async function saveMyPrefs(
  ctx: AppContext,
  actor: Actor,
  email: Partial<Record<NotificationMailKind, boolean>>,
) {
  assertMayEditOwnNotificationPrefs(actor);
  const now = ctx.clock().toISOString();
  await ctx.db.transaction().execute(async (trx) => {
    for (const kind of NOTIFICATION_MAIL_KINDS) {
      const value = email[kind];
      if (value !== undefined) await prefsRepo.set(trx, actor.id, kind, value, now);
    }
  });
  return getMyPrefs(ctx, actor);
}
