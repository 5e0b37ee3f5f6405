import type { Actor, AppContext } from "../context.js";
import { notificationsRepo } from "../db/repos/jobs.js";
import { notFound } from "../errors.js";

export async function listNotifications(ctx: AppContext, actor: Actor, unreadOnly: boolean, limit: number) {
  const [rows, unread] = await Promise.all([
    notificationsRepo.forUser(ctx.db, actor.id, unreadOnly, limit),
    notificationsRepo.unreadCount(ctx.db, actor.id),
  ]);
  return {
    unreadCount: unread,
    items: rows.map((r) => ({
      id: r.id,
      ticketId: r.ticket_id,
      kind: r.kind,
      message: r.message,
      createdAt: r.created_at,
      readAt: r.read_at,
    })),
  };
}

/** Marks one notification (or, without id, all of them) as read; only the caller's own. */
export async function markNotificationsRead(ctx: AppContext, actor: Actor, id?: string): Promise<number> {
  const r = await notificationsRepo.markRead(ctx.db, actor.id, ctx.clock().toISOString(), id);
  const n = Number(r.numUpdatedRows);
  if (id && n === 0) throw notFound("La notificación");
  return n;
}
