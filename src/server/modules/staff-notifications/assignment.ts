import type { Transaction } from "kysely";
import type { TransitionAction } from "../../../contract/tickets.js";
import { coded } from "../../../domain/messages.js";
import type { Actor, AppContext } from "../../context.js";
import type { DB } from "../../platform/database/schema.js";
import type { TicketRow } from "../tickets/repository.js";
import { noticeStaff } from "./notice.js";

interface TransitionEvent {
  actor: Actor;
  row: TicketRow;
  action: TransitionAction;
  patch: Partial<TicketRow>;
  reason?: string | null;
  now: string;
}

/**
 * An `assign` tells the new assignee in the app and, if the assignee keeps it on, by e-mail; in the
 * transition's transaction. Nobody is told about assigning a ticket to themselves.
 */
export async function onAssignmentNotice(ctx: AppContext, trx: Transaction<DB>, e: TransitionEvent) {
  const to = e.patch.assignee_id;
  if (e.action !== "assign" || !to) return;
  await noticeStaff(ctx, trx, {
    to: [to],
    except: e.actor.id,
    ticket: e.row,
    kind: "assigned",
    mailKind: "assignment",
    message: coded("notification.assigned", { folio: e.row.folio, title: e.row.title, by: e.actor.name }),
    now: e.now,
  });
}

/**
 * A `send_back` (a senior returns the work) tells the assignee who sent it back and why, in the app
 * and, if the assignee keeps it on, by e-mail; in the transition's transaction. Not the sender itself.
 */
export async function onSendBackNotice(ctx: AppContext, trx: Transaction<DB>, e: TransitionEvent) {
  if (e.action !== "send_back" || !e.row.assignee_id) return;
  await noticeStaff(ctx, trx, {
    to: [e.row.assignee_id],
    except: e.actor.id,
    ticket: e.row,
    kind: "sent_back",
    mailKind: "sent_back",
    message: coded("notification.sent_back", {
      folio: e.row.folio,
      title: e.row.title,
      by: e.actor.name,
      // decideTransition refuses a send_back without a reason (reason_required).
      reason: e.reason ?? "",
    }),
    now: e.now,
  });
}
