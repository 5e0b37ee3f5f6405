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

/**
 * The client's rejection of the service order (a mailed link, the portal, or recorded by staff) puts
 * the work back in progress: the assignee is told who rejected it and why, as for a send-back (the same
 * e-mail preference: work returned to fix). Not the one who recorded it.
 */
export async function onClientRejectionNotice(
  ctx: AppContext,
  trx: Transaction<DB>,
  e: { row: TicketRow; signerName: string | null; reason: string; actorId: string | null; now: string },
) {
  if (!e.row.assignee_id) return;
  await noticeStaff(ctx, trx, {
    to: [e.row.assignee_id],
    except: e.actorId,
    ticket: e.row,
    kind: "client_rejected",
    mailKind: "sent_back",
    // Recorded by staff without the signer's name: «El cliente», not the name of whoever typed it.
    message: e.signerName
      ? coded("notification.client_rejected", {
          folio: e.row.folio,
          title: e.row.title,
          by: e.signerName,
          reason: e.reason,
        })
      : coded("notification.client_rejected_unnamed", {
          folio: e.row.folio,
          title: e.row.title,
          reason: e.reason,
        }),
    now: e.now,
  });
}
