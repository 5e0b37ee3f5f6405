import type { Transaction } from "kysely";
import type { TransitionAction } from "../../../contract/tickets.js";
import { coded } from "../../../domain/messages.js";
import type { Actor, AppContext } from "../../context.js";
import type { DB } from "../../platform/database/schema.js";
import { render } from "../../platform/i18n/index.js";
import { newId } from "../../platform/ids.js";
import { notificationsRepo } from "../notifications/repository.js";
import type { TicketRow } from "../tickets/repository.js";
import { queueStaffMail } from "./notify.js";

/**
 * An `assign` tells the new assignee in the app and, if the assignee keeps it on, by e-mail; in the
 * transition's transaction. Nobody is told about assigning a ticket to themselves.
 */
export async function onAssignmentNotice(
  ctx: AppContext,
  trx: Transaction<DB>,
  e: { actor: Actor; row: TicketRow; action: TransitionAction; patch: Partial<TicketRow>; now: string },
): Promise<void> {
  const to = e.patch.assignee_id;
  if (e.action !== "assign" || !to || to === e.actor.id) return;
  const message = coded("notification.assigned", {
    folio: e.row.folio,
    title: e.row.title,
    by: e.actor.name,
  });
  await notificationsRepo.insertMany(trx, [
    {
      id: newId(),
      user_id: to,
      ticket_id: e.row.id,
      kind: "assigned",
      message: render("es-MX", message.code, message.params),
      code: message.code,
      params: JSON.stringify(message.params),
      created_at: e.now,
      read_at: null,
    },
  ]);
  await queueStaffMail(ctx, trx, [to], "assignment", message, e.row);
}
