import type { Transaction } from "kysely";
import type { NotificationMailKind } from "../../../contract/service-orders.js";
import type { Coded } from "../../../domain/messages.js";
import type { AppContext } from "../../context.js";
import type { DB } from "../../platform/database/schema.js";
import { render } from "../../platform/i18n/index.js";
import { newId } from "../../platform/ids.js";
import { notificationsRepo } from "../notifications/repository.js";
import { queueStaffMail } from "./notify.js";

/**
 * Tells staff about a ticket in the app (the bell) and, for those who keep `mailKind` on, by e-mail;
 * in the caller's transaction. Each user is told once; nobody in `except` (the one who caused it).
 */
export async function noticeStaff(
  ctx: AppContext,
  trx: Transaction<DB>,
  n: {
    to: Iterable<string | null | undefined>;
    except?: string | null;
    ticket: { id: string; folio: string };
    kind: string;
    mailKind: NotificationMailKind;
    message: Coded;
    now: string;
  },
): Promise<string[]> {
  const to = [...new Set(n.to)].filter((id): id is string => !!id && id !== n.except);
  if (to.length === 0) return to;
  await notificationsRepo.insertMany(
    trx,
    to.map((userId) => ({
      id: newId(),
      user_id: userId,
      ticket_id: n.ticket.id,
      kind: n.kind,
      message: render("es-MX", n.message.code, n.message.params),
      code: n.message.code,
      params: JSON.stringify(n.message.params),
      created_at: n.now,
      read_at: null,
    })),
  );
  await queueStaffMail(ctx, trx, to, n.mailKind, n.message, n.ticket);
  return to;
}
