import { MessageParams } from "../../../contract/notifications.js";
import type { Actor, AppContext } from "../../context.js";
import { jsonColumn } from "../../platform/database/json-column.js";
import { notFound } from "../../platform/errors.js";
import { type Coded, render } from "../../platform/i18n/index.js";
import { notificationsRepo } from "./repository.js";

/** A notification's code and parameters; a row whose parameters do not parse still reads, without them. */
function codeOf(row: { code: string | null; params: string | null; message: string }): Coded {
  if (!row.code) return { code: "notification.legacy", params: { text: row.message } };
  try {
    return { code: row.code, params: jsonColumn(MessageParams, row.params ?? "{}", "notifications.params") };
  } catch {
    return { code: row.code, params: {} };
  }
}

/** The caller's notifications, each as its code and parameters and the text in the caller's language. */
export async function listNotifications(ctx: AppContext, actor: Actor, unreadOnly: boolean, limit: number) {
  const [rows, unread] = await Promise.all([
    notificationsRepo.forUser(ctx.db, actor.id, unreadOnly, limit),
    notificationsRepo.unreadCount(ctx.db, actor.id),
  ]);
  return {
    unreadCount: unread,
    items: rows.map((r) => {
      const { code, params } = codeOf(r);
      return {
        id: r.id,
        ticketId: r.ticket_id,
        kind: r.kind,
        code,
        params,
        message: render(actor.locale, code, params),
        createdAt: r.created_at,
        readAt: r.read_at,
      };
    }),
  };
}

/** Marks one notification (or, without id, all of them) as read; only the caller's own. */
export async function markNotificationsRead(ctx: AppContext, actor: Actor, id?: string): Promise<number> {
  const r = await notificationsRepo.markRead(ctx.db, actor.id, ctx.clock().toISOString(), id);
  const n = Number(r.numUpdatedRows);
  if (id && n === 0) throw notFound("notification");
  return n;
}
