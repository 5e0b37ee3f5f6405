/**
 * Tickets follow their invoice (issue #14 item 5): issuing marks the tickets it bills `invoiced`;
 * cancelling puts them back to `to_invoice` (unless another live invoice still bills them); an event
 * ticket changed to `no_charge` loses its draft. Each ticket change leaves a history entry.
 */
import type { Transaction } from "kysely";
import type { BillingStatus } from "../../../contract/tickets.js";
import type { AppContext } from "../../context.js";
import { auditRepo } from "../../platform/audit/repository.js";
import type { DB } from "../../platform/database/schema.js";
import type { InvoiceHistoryReason } from "../tickets/history-reason.js";
import { historyRepo } from "../tickets/repository.js";
import { NO_CHARGE_CANCEL_REASON } from "./make.js";
import { type InvoiceRow, invoicesRepo } from "./repository.js";
import { invoiceTicketsRepo } from "./ticket-repository.js";

interface Move {
  from: BillingStatus;
  to: BillingStatus;
  /** A catalogue code (tickets/history-reason.ts words it for each reader with the invoice's folio). */
  reason: InvoiceHistoryReason;
  invoiceFolio: string;
}

async function move(trx: Transaction<DB>, ids: string[], m: Move, actorId: string | null, at: string) {
  const moved = await invoiceTicketsRepo.moveBillingStatus(trx, ids, m.from, m.to, at);
  for (const ticketId of moved) {
    await historyRepo.add(trx, {
      ticketId,
      at,
      actorId,
      action: "update",
      reason: m.reason,
      changes: { billingStatus: { from: m.from, to: m.to }, invoiceFolio: m.invoiceFolio },
    });
  }
}

/** In the transaction: the invoice's `to_invoice` tickets become `invoiced`. */
export async function markTicketsInvoiced(
  trx: Transaction<DB>,
  inv: InvoiceRow,
  actorId: string,
  at: string,
) {
  const ids = await invoiceTicketsRepo.ticketIds(trx, inv.id);
  await move(
    trx,
    ids,
    { from: "to_invoice", to: "invoiced", reason: "billing.history.invoice_issued", invoiceFolio: inv.folio },
    actorId,
    at,
  );
}

/**
 * In the cancellation's transaction, in place of a bare release: the invoice gives back what it billed,
 * and its `invoiced` tickets no other live invoice bills go back to `to_invoice`.
 */
export async function releaseTickets(trx: Transaction<DB>, inv: InvoiceRow, actorId: string, at: string) {
  const ids = await invoiceTicketsRepo.ticketIds(trx, inv.id);
  await invoicesRepo.release(trx, inv.id);
  const kept = await invoiceTicketsRepo.stillBilled(trx, ids);
  const back = ids.filter((id) => !kept.has(id));
  await move(
    trx,
    back,
    {
      from: "invoiced",
      to: "to_invoice",
      reason: "billing.history.invoice_cancelled",
      invoiceFolio: inv.folio,
    },
    actorId,
    at,
  );
}

/** In the ticket edit's transaction: a ticket made `no_charge` has its event draft cancelled, if still a draft. */
export async function cancelTicketDraft(
  base: AppContext,
  trx: Transaction<DB>,
  ticketId: string,
  actorId: string,
) {
  const inv = await invoicesRepo.byRunKey(trx, `ticket:${ticketId}`);
  if (inv?.status !== "draft") return;
  const at = base.clock().toISOString();
  const patch = {
    status: "cancelled" as const,
    cancelled_at: at,
    cancel_reason: NO_CHARGE_CANCEL_REASON,
    run_key: null,
    updated_at: at,
  };
  // Whatever its version: a draft edited meanwhile still bills a ticket that is no_charge now.
  if (!(await invoiceTicketsRepo.cancelDraft(trx, inv.id, patch))) return;
  await auditRepo.record(trx, {
    entity: "invoice",
    entityId: inv.id,
    at,
    actorId,
    action: "cancel",
    changes: patch,
  });
  await invoicesRepo.release(trx, inv.id);
}
