import type { z } from "zod";
import type { TicketPatchBody } from "../../../contract/tickets.js";
import { billingStatusSettable } from "../../../domain/billing/close.js";
import { addBusinessMinutes, type BusinessCalendar } from "../../../domain/calendar/index.js";
import { categoryDecidesKind, coveringContract, kindMarks } from "../../../domain/contract-coverage.js";
import type { ServiceKind } from "../../../domain/sla.js";
import { ticketSearchText } from "../../../domain/text.js";
import type { Actor, AppContext } from "../../context.js";
import { stillThere } from "../../platform/database/still-there.js";
import { AppError, forbidden, invalid, notFound } from "../../platform/errors.js";
import { makeEventDraft } from "../billing/event.js";
import { cancelTicketDraft } from "../billing/ticket-billing.js";
import { invoiceTicketsRepo } from "../billing/ticket-repository.js";
import { clientsRepo, contactsRepo } from "../clients/repository.js";
import { businessCalendar, requireCategory } from "../settings/settings.js";
import { contractInForce, contractsInForce } from "./contract-in-force.js";
import { assertDeadlineInRange } from "./deadline-range.js";
import {
  assertMayEdit,
  mayCorrectBillableTime,
  mayReclassify,
  maySetBillingStatus,
  requireVisible,
} from "./policy.js";
import { historyRepo, type TicketRow, ticketsRepo } from "./repository.js";
import { phonesOfContact } from "./search-repository.js";
import { type ContractTargets, contractTargets, getTicketSummary, responseDue } from "./tickets.js";
import { staleConflict } from "./transitions.js";

type Patch = z.output<typeof TicketPatchBody>;
const OPEN = ["new", "assigned", "in_progress", "attended"];

/** Who may change which field: classification is reception's and the leader's; money is the leader's. */
function checkFieldRights(actor: Actor, row: TicketRow, p: Patch): void {
  const classifies =
    p.title !== undefined ||
    p.description !== undefined ||
    p.urgent !== undefined ||
    p.category !== undefined ||
    p.contactId !== undefined ||
    p.serviceKind !== undefined ||
    p.estimatedSolutionMinutes !== undefined;
  if (classifies && !mayReclassify(actor)) throw forbidden("ticket.reclassify_role");
  if (classifies && !OPEN.includes(row.status)) throw invalid("ticket.reclassify_late");
  if (p.billingStatus !== undefined && !maySetBillingStatus(actor))
    throw forbidden("ticket.billing_status_leader");
  if (p.billingStatus !== undefined && !billingStatusSettable(row.status))
    throw new AppError("precondition_failed", "ticket.billing_status_early", {}, { field: "billingStatus" });
  if (p.billableMinutes !== undefined) {
    if (!mayCorrectBillableTime(actor)) throw forbidden("ticket.billable_senior");
    if (row.billable_minutes === null) throw new AppError("precondition_failed", "ticket.billable_at_review");
  }
  const needsReason = p.serviceKind !== undefined || p.billableMinutes !== undefined;
  if (needsReason && !p.reason?.trim()) throw new AppError("reason_required", "ticket.reason_required");
}

/**
 * The contract of a kind set by hand: the one in force at receipt that covers the ticket's category,
 * else any in force. A change by hand carries a reason, and reception may know better than the type's
 * coverage (a client's quotation may cover more); what it may not do is make a póliza up.
 */
async function contractForKind(
  ctx: AppContext,
  cal: BusinessCalendar,
  row: TicketRow,
  kind: ServiceKind,
  category: string | null,
) {
  if (kind === "event") return null;
  const inForce = await contractsInForce(ctx, cal, row.client_id, Date.parse(row.received_at));
  const contract = coveringContract(inForce, category) ?? inForce[0];
  if (!contract) throw new AppError("precondition_failed", "ticket.no_contract_at_receipt");
  return contract;
}

/**
 * A new category decides the kind again, as intake would have with it: the póliza in force at receipt
 * that covers it, else per event. Null when nothing changes, or when the rule says the kind stands
 * (categoryDecidesKind: set by hand, or already responded to).
 */
async function kindForCategory(
  ctx: AppContext,
  cal: BusinessCalendar,
  row: TicketRow,
  category: string | null,
) {
  const kindSetByHand = await historyRepo.kindSetByHand(ctx.db, row.id);
  if (!categoryDecidesKind({ responded: row.responded_at !== null, kindSetByHand })) return null;
  const contract = await contractInForce(ctx, cal, row.client_id, Date.parse(row.received_at), category);
  const kind: ServiceKind = contract ? "contract" : "event";
  if (kind === row.service_kind && (contract?.id ?? null) === row.contract_id) return null;
  return { kind, contract };
}

/**
 * «Facturado» by hand while a draft invoice bills the ticket (its own, the month's contract run, a
 * correction) would drop it from what is left to bill without ever billing it: issuing the draft is
 * what makes it invoiced.
 */
async function refuseInvoicedWithDraft(ctx: AppContext, ticketId: string): Promise<void> {
  const folio = await invoiceTicketsRepo.draftBilling(ctx.db, ticketId);
  if (folio)
    throw new AppError(
      "precondition_failed",
      "ticket.invoiced_with_draft",
      { folio },
      { field: "billingStatus" },
    );
}

async function buildPatch(ctx: AppContext, row: TicketRow, p: Patch): Promise<Partial<TicketRow>> {
  const out: Partial<TicketRow> = {};
  if (p.title !== undefined) out.title = p.title;
  if (p.description !== undefined) out.description = p.description;
  if (p.category !== undefined) {
    if (p.category) await requireCategory(ctx, p.category);
    out.category = p.category;
  }
  if (p.contactId !== undefined && p.contactId !== null) {
    const c = await contactsRepo.byId(ctx.db, p.contactId);
    if (!c) throw notFound("contact", { field: "contactId" });
    if (c.client_id !== row.client_id)
      throw invalid("ticket.contact_not_of_ticket_client", {}, { field: "contactId" });
  }
  if (p.contactId !== undefined) out.contact_id = p.contactId;
  if (p.billingStatus === "invoiced") await refuseInvoicedWithDraft(ctx, row.id);
  if (p.billingStatus !== undefined) out.billing_status = p.billingStatus;
  if (p.billableMinutes !== undefined) out.billable_minutes = p.billableMinutes;
  let kind: ServiceKind = p.serviceKind ?? row.service_kind;
  const urgent = p.urgent ?? row.urgent === 1;
  const cal = await businessCalendar(ctx);
  let contract: ContractTargets | null | undefined;
  const categoryChanged = p.category !== undefined && p.category !== row.category;
  if (p.serviceKind !== undefined && (p.serviceKind !== row.service_kind || categoryChanged)) {
    // Named by hand, changed or kept beside a new category: the póliza that covers the category.
    if (kind !== row.service_kind) out.service_kind = kind;
    const category = p.category === undefined ? row.category : p.category;
    const chosen = await contractForKind(ctx, cal, row, kind, category);
    if ((chosen?.id ?? null) !== row.contract_id) out.contract_id = chosen?.id ?? null;
    contract = chosen;
  } else if (p.serviceKind === undefined && categoryChanged) {
    const decided = await kindForCategory(ctx, cal, row, p.category ?? null);
    if (decided) {
      kind = decided.kind;
      out.service_kind = kind;
      out.contract_id = decided.contract?.id ?? null;
      contract = decided.contract;
    }
  }
  if (out.service_kind !== undefined || out.contract_id !== undefined || urgent !== (row.urgent === 1)) {
    out.urgent = urgent ? 1 : 0;
    out.response_due_at = await responseDue(ctx, cal, {
      kind,
      urgent,
      contract: contract === undefined ? await contractTargets(ctx, row.contract_id) : contract,
      receivedMs: Date.parse(row.received_at),
    });
  }
  if (p.estimatedSolutionMinutes !== undefined) {
    out.estimated_solution_minutes = p.estimatedSolutionMinutes;
    out.estimated_solution_at = p.estimatedSolutionMinutes
      ? new Date(
          assertDeadlineInRange(
            addBusinessMinutes(cal, Date.parse(row.received_at), p.estimatedSolutionMinutes),
            "estimatedSolutionMinutes",
          ),
        ).toISOString()
      : null;
  }
  return out;
}

function diff(row: TicketRow, patch: Partial<TicketRow>): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, v] of Object.entries(patch)) {
    const before = row[k as keyof TicketRow];
    if (before !== v && k !== "search_text") out[k] = { from: before, to: v };
  }
  return out;
}

export async function updateTicket(ctx: AppContext, actor: Actor, id: string, p: Patch) {
  const row = requireVisible(actor, await ticketsRepo.byId(ctx.db, id));
  // A client contact edits no field of a ticket (SPEC §10): refused even when it names none, after
  // the 404 that hides another company's tickets.
  assertMayEdit(actor);
  if (p.version !== undefined && p.version !== row.version) throw await staleConflict(ctx, actor, id);
  checkFieldRights(actor, row, p);
  const patch = await buildPatch(ctx, row, p);
  const changes = diff(row, patch);
  const marks = kindMarks({
    kindChanged: !!changes.service_kind,
    kindNamed: p.serviceKind,
    kindBefore: row.service_kind,
  });
  // Keeping the kind by hand is recorded even when nothing else changes: later categories leave it.
  if (Object.keys(changes).length === 0 && !marks.kindKeptByHand) return getTicketSummary(ctx, actor, id);
  if (patch.title !== undefined || patch.description !== undefined || patch.contact_id !== undefined) {
    const client = stillThere(await clientsRepo.byId(ctx.db, row.client_id), "client");
    const contactId = patch.contact_id === undefined ? row.contact_id : patch.contact_id;
    const contact = contactId ? await contactsRepo.byId(ctx.db, contactId) : undefined;
    patch.search_text = ticketSearchText({
      folio: row.folio,
      title: patch.title ?? row.title,
      description: patch.description ?? row.description,
      clientName: client.name,
      contactName: contact?.name,
      contactPhones: await phonesOfContact(ctx.db, contact?.id ?? null),
    });
  }
  const now = ctx.clock().toISOString();
  const ok = await ctx.db.transaction().execute(async (trx) => {
    const written = { ...patch, updated_at: now };
    if (!(await ticketsRepo.update(trx, row, written, (db) => businessCalendar({ ...ctx, db }))))
      return false;
    await historyRepo.add(trx, {
      ticketId: id,
      at: now,
      actorId: actor.id,
      action: "update",
      reason: p.reason?.trim() || null,
      changes: { ...changes, ...marks },
    });
    // A closed event ticket the leader changes to `to_invoice` gets its draft now (makeEventDraft checks).
    if (patch.billing_status === "to_invoice") await makeEventDraft(ctx, trx, id, actor.id);
    // …and one made `no_charge` loses its draft (an issued invoice is cancelled by hand, with a reason).
    if (patch.billing_status === "no_charge") await cancelTicketDraft(ctx, trx, id, actor.id);
    return true;
  });
  if (!ok) throw await staleConflict(ctx, actor, id);
  return getTicketSummary(ctx, actor, id);
}
