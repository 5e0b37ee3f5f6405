import type { Kysely, Transaction } from "kysely";
import { coded } from "../../../domain/messages.js";
import type { Role } from "../../../domain/workflow.js";
import type { AppContext } from "../../context.js";
import type { DB } from "../../platform/database/schema.js";
import type { TicketRow } from "../tickets/repository.js";
import { rolesOf } from "../users/repository.js";
import { noticeStaff } from "./notice.js";
import { prefsRepo } from "./repository.js";

/** Who takes in new requests: reception and the leaders (those who assign; escalation tells them too). */
const DESK: readonly Role[] = ["reception", "leader"];

/** The active users of the desk (DESK). */
export async function deskUserIds(db: Kysely<DB>): Promise<string[]> {
  const staff = await prefsRepo.activeUsers(db);
  return staff.filter((u) => rolesOf(u).some((r) => DESK.includes(r))).map((u) => u.id);
}
/** How much of a client's message the notice quotes. */
const EXCERPT = 140;

const excerpt = (body: string) => {
  const line = body.replace(/\s+/g, " ").trim();
  return line.length > EXCERPT ? `${line.slice(0, EXCERPT - 1)}…` : line;
};

/**
 * A client's urgent request (portal, e-mail, or a client contact's own API call) tells the desk at
 * once, in the app and, for those who keep it on, by e-mail; in the ticket's own transaction.
 */
export async function onUrgentRequestNotice(
  ctx: AppContext,
  trx: Transaction<DB>,
  e: { row: TicketRow; clientName: string; actorId: string | null; now: string },
): Promise<void> {
  if (e.row.urgent !== 1) return;
  await noticeStaff(ctx, trx, {
    to: await deskUserIds(trx),
    except: e.actorId,
    ticket: e.row,
    kind: "urgent_request",
    mailKind: "urgent_request",
    message: coded("notification.urgent_request", {
      folio: e.row.folio,
      title: e.row.title,
      client: e.clientName,
    }),
    now: e.now,
  });
}

/**
 * A client's message on a ticket (portal, e-mail reply, or its own API call) tells the ticket's
 * assignee, or reception while nobody active has it; in the message's transaction.
 */
export async function onClientMessageNotice(
  ctx: AppContext,
  trx: Transaction<DB>,
  e: { row: TicketRow; by: string; body: string; actorId: string | null; now: string },
): Promise<void> {
  const staff = await prefsRepo.activeUsers(trx);
  const assignee = staff.find((u) => u.id === e.row.assignee_id);
  const to = assignee
    ? [assignee.id]
    : staff.filter((u) => rolesOf(u).includes("reception")).map((u) => u.id);
  await noticeStaff(ctx, trx, {
    to,
    except: e.actorId,
    ticket: e.row,
    kind: "client_message",
    mailKind: "client_message",
    message: coded("notification.client_message", {
      folio: e.row.folio,
      title: e.row.title,
      by: e.by,
      excerpt: excerpt(e.body),
    }),
    now: e.now,
  });
}
