import type { Ticket, TicketSummary } from "../../../contract/tickets.js";
import type { BusinessCalendar } from "../../../domain/calendar/index.js";
import { billableMinutes } from "../../../domain/rounding.js";
import { slaState } from "../../../domain/sla.js";
import { availableActions, type WorkflowTicket } from "../../../domain/workflow.js";
import type { Actor, AppContext } from "../../context.js";
import { businessCalendar, slaSettings } from "../settings/settings.js";
import type { TicketListRow, TicketSummaryRow } from "./list-columns.js";
import type { TicketRow } from "./repository.js";

export interface ViewEnv {
  cal: BusinessCalendar;
  now: number;
  near: number;
  rounding: { contract: number; event: number };
}

export async function viewEnv(ctx: AppContext): Promise<ViewEnv> {
  const [cal, sla] = await Promise.all([businessCalendar(ctx), slaSettings(ctx)]);
  return { cal, now: ctx.clock().getTime(), near: sla.nearThresholdMinutes, rounding: sla.rounding };
}

export function workflowTicket(
  row: Pick<TicketRow, "status" | "client_id" | "assignee_id" | "accepted_at">,
  timeEntryCount: number,
): WorkflowTicket {
  return {
    status: row.status,
    clientId: row.client_id,
    assigneeId: row.assignee_id,
    timeEntryCount,
    accepted: row.accepted_at !== null,
  };
}

const ms = (iso: string) => Date.parse(iso);

/** What a row and a full ticket both derive from the stored columns. */
function derived(row: TicketSummaryRow, env: ViewEnv, actor: Actor) {
  const sla = slaState(env.cal, {
    responseDueAt: ms(row.response_due_at),
    respondedAt: row.responded_at ? ms(row.responded_at) : null,
    // A ticket cancelled unanswered is judged at its cancellation, not at every later read.
    now: row.closed_at && !row.responded_at ? Math.min(env.now, ms(row.closed_at)) : env.now,
    nearThresholdMinutes: env.near,
  });
  const kind: Ticket["serviceKind"] = row.service_kind === "contract" ? "contract" : "event";
  // The action list only needs "has time entries" for attend; raw minutes > 0 says the same.
  const wf = workflowTicket(row, row.raw_minutes > 0 ? 1 : 0);
  const via: "portal" | "link" | "onsite" =
    row.accepted_via === "portal" || row.accepted_via === "link" ? row.accepted_via : "onsite";
  return {
    kind,
    breached: sla.responseBreached,
    minutesLeft: Math.round(sla.businessMinutesLeft),
    state: sla.state,
    billable: row.billable_minutes ?? billableMinutes(row.raw_minutes, kind, env.rounding),
    acceptance: row.accepted_at ? { at: row.accepted_at, signerName: row.accepted_by_name, via } : null,
    actions: availableActions(actor, wf),
  };
}

// Each shape is one object literal, not a row spread into a ticket: a spread object of this size
// went to V8's slow properties and made serializing a page of 50 about 25 times slower (2.5 ms).

/** A queue row (`view=summary`): what the web app's lists show and act on (see SUMMARY_COLUMNS). */
export function toTicketSummary(row: TicketSummaryRow, env: ViewEnv, actor: Actor): TicketSummary {
  const d = derived(row, env, actor);
  return {
    id: row.id,
    folio: row.folio,
    status: row.status,
    clientId: row.client_id,
    clientName: row.client_name,
    contactName: row.contact_name,
    title: row.title,
    urgent: row.urgent === 1,
    category: row.category,
    serviceKind: d.kind,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    responseDueAt: row.response_due_at,
    respondedAt: row.responded_at,
    responseBreached: d.breached,
    businessMinutesLeft: d.minutesLeft,
    slaState: d.state,
    rawMinutes: row.raw_minutes,
    billableMinutes: d.billable,
    billingStatus: row.billing_status,
    acceptance: d.acceptance,
    unknownSender: row.unknown_sender === 1,
    returnedBy: row.returned_by ?? null,
    version: row.version,
    availableActions: d.actions,
  };
}

export function toTicket(row: TicketListRow, env: ViewEnv, actor: Actor): Ticket {
  const d = derived(row, env, actor);
  return {
    id: row.id,
    folio: row.folio,
    status: row.status,
    clientId: row.client_id,
    clientName: row.client_name,
    contactId: row.contact_id,
    contactName: row.contact_name,
    title: row.title,
    description: row.description,
    urgent: row.urgent === 1,
    channel: row.channel,
    category: row.category,
    serviceKind: d.kind,
    contractId: row.contract_id,
    assigneeId: row.assignee_id,
    assigneeName: row.assignee_name,
    receivedAt: row.received_at,
    responseDueAt: row.response_due_at,
    respondedAt: row.responded_at,
    responseBreached: d.breached,
    businessMinutesLeft: d.minutesLeft,
    slaState: d.state,
    estimatedSolutionMinutes: row.estimated_solution_minutes,
    estimatedSolutionAt: row.estimated_solution_at,
    rawMinutes: row.raw_minutes,
    billableMinutes: d.billable,
    billableFrozen: row.billable_minutes !== null,
    billingStatus: row.billing_status,
    acceptance: d.acceptance,
    acceptanceOverrideReason: row.acceptance_override_reason,
    unknownSender: row.unknown_sender === 1,
    returnedBy: row.returned_by ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    closedAt: row.closed_at,
    version: row.version,
    availableActions: d.actions,
  };
}
