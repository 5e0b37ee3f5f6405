import { z } from "zod";
import type { TicketDetail, TicketListQuery } from "../../../contract/tickets.js";
import { addBusinessMinutes, type BusinessCalendar } from "../../../domain/calendar/index.js";
import { responseTargetMinutes, type ServiceKind } from "../../../domain/sla.js";
import { ticketSearchTerms } from "../../../domain/text.js";
import type { Actor, AppContext } from "../../context.js";
import { isStaff } from "../../platform/authz.js";
import { CursorText, decodePageCursor, encodePageCursor } from "../../platform/http/page-cursor.js";
import { ticketDetailFor, ticketFor } from "../clients/client-view.js";
import { type ContractRow, contractsRepo } from "../clients/repository.js";
import { mailRepo } from "../mail/repository.js";
import { slaSettings } from "../settings/settings.js";
import { messageFromClient, workRepo } from "../work/repository.js";
import { assertDeadlineInRange } from "./deadline-range.js";
import { historyReason } from "./history-reason.js";
import type { TicketListRow } from "./list-columns.js";
import { listScope, requireVisible } from "./policy.js";
import { historyRepo, ticketsRepo } from "./repository.js";
import { toTicket, toTicketSummary, viewEnv } from "./ticket-view.js";

/** A contract's own response targets (null: the general ones), as read with the contract. */
export type ContractTargets = Pick<ContractRow, "sla_normal_minutes" | "sla_urgent_minutes">;

/** The targets of a ticket's recorded contract (none when it has no contract). */
export async function contractTargets(
  ctx: AppContext,
  contractId: string | null,
): Promise<ContractTargets | null> {
  return contractId ? ((await contractsRepo.byId(ctx.db, contractId)) ?? null) : null;
}

export async function responseDue(
  ctx: AppContext,
  cal: BusinessCalendar,
  t: { kind: ServiceKind; urgent: boolean; contract: ContractTargets | null; receivedMs: number },
): Promise<string> {
  const sla = await slaSettings(ctx);
  const override = t.contract
    ? { normal: t.contract.sla_normal_minutes, urgent: t.contract.sla_urgent_minutes }
    : null;
  const minutes = responseTargetMinutes(t.kind, t.urgent, sla.targets, override);
  const due = addBusinessMinutes(cal, t.receivedMs, minutes);
  return new Date(assertDeadlineInRange(due, "receivedAt")).toISOString();
}

export async function getTicketSummary(ctx: AppContext, actor: Actor, id: string) {
  const row = requireVisible(actor, await ticketsRepo.view(ctx.db, id));
  return ticketFor(actor, toTicket(row, await viewEnv(ctx), actor));
}

export async function getTicket(ctx: AppContext, actor: Actor, id: string) {
  const row = requireVisible(actor, await ticketsRepo.view(ctx.db, id));
  const env = await viewEnv(ctx);
  const staff = isStaff(actor);
  const [history, entries, charges, messages, senderEmail] = await Promise.all([
    historyRepo.list(ctx.db, id),
    workRepo.timeEntries(ctx.db, id),
    workRepo.charges(ctx.db, id),
    workRepo.messages(ctx.db, id, staff),
    staff && row.unknown_sender === 1
      ? mailRepo.firstSender(ctx.db, id).then((m) => m?.from_addr ?? null)
      : null,
  ]);
  const ticket = toTicket(row, env, actor);
  const detail: TicketDetail = {
    ...ticket,
    // For the technician on the road: call the contact, drive to the client.
    contactPhone: row.contact_phone,
    clientAddress: row.client_address,
    senderEmail,
    history: history.map((h) => {
      const changes = historyChanges(h.changes);
      return {
        id: Number(h.id),
        at: h.at,
        actorId: h.actor_id,
        actorName: h.actor_name,
        action: h.action,
        fromStatus: h.from_status,
        toStatus: h.to_status,
        reason: historyReason(h.reason, changes, actor.locale),
        changes,
      };
    }),
    timeEntries: entries.map(toTimeEntry),
    charges: charges.map(toCharge),
    chargesTotalCents: charges.reduce((sum, c) => sum + Number(c.amount_cents), 0),
    messages: messages.map((m) => ({
      id: m.id,
      ticketId: m.ticket_id,
      authorId: m.author_id,
      authorName: m.author_name,
      kind: m.kind,
      visibility: m.visibility,
      body: m.body,
      createdAt: m.created_at,
      emailFrom: m.email_from,
      fromClient: messageFromClient(m),
    })),
  };
  return ticketDetailFor(actor, detail);
}

export function toTimeEntry(e: Awaited<ReturnType<typeof workRepo.timeEntries>>[number]) {
  return {
    id: e.id,
    ticketId: e.ticket_id,
    userId: e.user_id,
    userName: e.user_name,
    startedAt: e.started_at,
    endedAt: e.ended_at,
    minutes: e.minutes,
    mode: e.mode,
    activity: e.activity,
    createdAt: e.created_at,
    version: e.version,
  };
}

export function toCharge(c: Awaited<ReturnType<typeof workRepo.charges>>[number]) {
  return {
    id: c.id,
    ticketId: c.ticket_id,
    kind: c.kind,
    description: c.description,
    quantity: c.quantity,
    unitPriceCents: Number(c.unit_price_cents),
    amountCents: Number(c.amount_cents),
    createdBy: c.created_by,
    createdAt: c.created_at,
    version: c.version,
  };
}

interface Cursor {
  urgent: number;
  due: string;
  id: string;
}
const encodeCursor = (c: Cursor) => encodePageCursor([c.urgent, c.due, c.id]);
// The urgency is 0 or 1, as stored: PostgreSQL compares the cursor's with the integer column and
// fails on any other number (0.5, 1e20).
const CursorJson = z.tuple([z.union([z.literal(0), z.literal(1)]), CursorText, CursorText]);
function decodeCursor(text: string): Cursor {
  const [urgent, due, id] = decodePageCursor(text, CursorJson);
  return { urgent, due, id };
}

const HistoryChanges = z.record(z.string(), z.unknown());
/** A history row's `changes` as written by historyRepo.add (an object); anything else shows as none. */
function historyChanges(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  const parsed = HistoryChanges.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : null;
}

export async function listTickets(ctx: AppContext, actor: Actor, query: z.output<typeof TicketListQuery>) {
  const scope = listScope(actor, query);
  const env = await viewEnv(ctx);
  // A client contact's rows are its own shape, cut from the full ticket.
  const summary = query.view === "summary" && isStaff(actor);
  const { rows, stoppedAt } = await ticketsRepo.list(ctx.db, {
    statuses: query.status,
    clientId: scope.clientId,
    assigneeId: scope.assigneeId,
    unassigned: query.unassigned,
    urgent: query.urgent,
    breachedAt:
      query.breached === undefined
        ? undefined
        : { now: new Date(env.now).toISOString(), breached: query.breached },
    terms: ticketSearchTerms(query.q ?? ""),
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
    limit: query.limit + 1,
    summary,
  });
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const full = rows.length > query.limit && last !== undefined;
  const progress = {
    nextCursor: full
      ? encodeCursor({ urgent: last.urgent, due: last.response_due_at, id: last.id })
      : stoppedAt && encodeCursor(stoppedAt),
    // A search no index helps stopped walking before the page filled: the cursor goes on past it.
    partial: !full && stoppedAt !== null,
  };
  if (summary)
    return { ...progress, view: "summary" as const, items: page.map((r) => toTicketSummary(r, env, actor)) };
  // Without `summary` the repository read every column of TicketListRow.
  return { ...progress, items: page.map((r) => ticketFor(actor, toTicket(r as TicketListRow, env, actor))) };
}
