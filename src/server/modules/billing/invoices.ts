/**
 * Invoice lifecycle (issue #14 item 7): draft → issued → exported → paid, or cancelled. Lines and totals
 * change only while a draft; a correction of an issued invoice is a cancellation and a new invoice.
 * Every change is written to the audit log (entity `invoice`).
 */
import type { Transaction, Updateable } from "kysely";
import type { z } from "zod";
import type { InvoicePatch, InvoiceStatus } from "../../../contract/billing.js";
import { editedLines } from "../../../domain/billing/money.js";
import { dueOn, periodStartInstant } from "../../../domain/billing/periods.js";
import type { Actor, AppContext } from "../../context.js";
import { auditRepo } from "../../platform/audit/repository.js";
import type { DB, InvoicesTable } from "../../platform/database/schema.js";
import { notFound } from "../../platform/errors.js";
import { checkBaseVersion, staleEdit } from "../../platform/http/versions.js";
import { codedError } from "../../platform/i18n/index.js";
import { businessCalendar } from "../settings/settings.js";
import { queueInvoiceMail } from "./mail.js";
import { todayLocal, toInvoice, totalsColumns } from "./make.js";
import { requireBiller } from "./policy.js";
import { type InvoiceRow, invoicesRepo, lookupRepo } from "./repository.js";
import { storedLines } from "./stored-lines.js";
import { markTicketsInvoiced, releaseTickets } from "./ticket-billing.js";

type Action = "issue" | "cancel" | "pay" | "export" | "edit";
const ALLOWED: Record<Action, readonly InvoiceStatus[]> = {
  edit: ["draft"],
  issue: ["draft"],
  cancel: ["draft", "issued", "exported"],
  export: ["issued"],
  pay: ["issued", "exported"],
};

export function refuseUnless(row: InvoiceRow, action: Action): void {
  if (ALLOWED[action].includes(row.status)) return;
  if (action === "edit") {
    throw codedError(
      "invalid_transition",
      { code: "billing.invoice_frozen", params: { folio: row.folio, status: row.status } },
      { status: row.status },
    );
  }
  throw codedError(
    "invalid_transition",
    { code: "billing.invoice_status", params: { action, status: row.status } },
    { status: row.status },
  );
}

export async function listInvoices(
  ctx: AppContext,
  actor: Actor,
  q: { period?: string | undefined; clientId?: string | undefined; status?: string | undefined },
) {
  requireBiller(actor);
  const rows = await invoicesRepo.list(ctx.db, {
    ...q,
    month: q.period ? await monthSpan(ctx, q.period) : undefined,
    limit: 1000,
  });
  return rows.map((r) => toInvoice(r, actor.locale));
}

/**
 * A month as instants in the calendar's zone: an event's invoice has no billing period of its own
 * and belongs to the month it was made in (when the ticket closed), as a contract's belongs to its run's.
 */
async function monthSpan(ctx: AppContext, period: string) {
  const zone = (await businessCalendar(ctx)).config.timeZone;
  const [y, m] = period.split("-").map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
  return { from: periodStartInstant(period, zone), to: periodStartInstant(next, zone) };
}

export async function invoiceRow(ctx: AppContext, actor: Actor, id: string): Promise<InvoiceRow> {
  requireBiller(actor);
  const row = await invoicesRepo.byId(ctx.db, id);
  if (!row) throw notFound("invoice");
  return row;
}

/** One invoice, with the address issuing mails it to (see InvoiceDetail). */
export async function getInvoice(ctx: AppContext, actor: Actor, id: string) {
  const row = await invoiceRow(ctx, actor, id);
  return { ...toInvoice(row, actor.locale), mailTo: await lookupRepo.billingAddress(ctx.db, row.client_id) };
}

/** Writes a change conditional on the version read, with its audit entry; 409 when someone was first. */
async function change(
  ctx: AppContext,
  actor: Actor,
  row: InvoiceRow,
  action: string,
  patch: Updateable<InvoicesTable>,
  also?: (trx: Transaction<DB>) => Promise<void>,
) {
  const now = ctx.clock().toISOString();
  const ok = await ctx.db.transaction().execute(async (trx) => {
    if (!(await invoicesRepo.updateIfVersion(trx, row.id, row.version, { ...patch, updated_at: now })))
      return false;
    await auditRepo.record(trx, {
      entity: "invoice",
      entityId: row.id,
      at: now,
      actorId: actor.id,
      action,
      changes: patch,
    });
    await also?.(trx);
    return true;
  });
  const fresh = await invoicesRepo.byId(ctx.db, row.id);
  if (!ok || !fresh) throw staleEdit("invoice", fresh ? toInvoice(fresh, actor.locale) : null);
  return toInvoice(fresh, actor.locale);
}

export async function editDraft(
  ctx: AppContext,
  actor: Actor,
  id: string,
  body: z.output<typeof InvoicePatch>,
) {
  const row = await invoiceRow(ctx, actor, id);
  refuseUnless(row, "edit");
  await checkBaseVersion(body.version, row.version, "invoice", () => toInvoice(row, actor.locale));
  const lines = editedLines(storedLines(row.lines), body.lines);
  return change(ctx, actor, row, "edit", {
    lines: JSON.stringify(lines),
    ...totalsColumns(lines, row.tax_basis_points),
  });
}

/**
 * The RFC an invoice is issued to: its snapshot, else the client's RFC or generic RFC now (one given
 * since the draft was made). The ERP cannot stamp an invoice without one: issuing it is refused.
 */
async function rfcToIssue(ctx: AppContext, row: InvoiceRow): Promise<string> {
  if (row.client_rfc) return row.client_rfc;
  const client = await lookupRepo.client(ctx.db, row.client_id);
  const rfc = client?.rfc ?? client?.generic_rfc;
  if (rfc) return rfc;
  throw codedError(
    "conflict",
    { code: "billing.no_rfc", params: { folios: row.folio, client: row.client_name } },
    { clientId: row.client_id },
  );
}

/** Issuing freezes the invoice, dates it (due date from the terms) and mails it to the client. */
export async function issueInvoice(ctx: AppContext, actor: Actor, id: string, version?: number) {
  const row = await invoiceRow(ctx, actor, id);
  refuseUnless(row, "issue");
  await checkBaseVersion(version, row.version, "invoice", () => toInvoice(row, actor.locale));
  const rfc = await rfcToIssue(ctx, row);
  const today = await todayLocal(ctx);
  const due = dueOn(today, { terms: row.payment_terms, creditDays: row.credit_days });
  const to = await lookupRepo.billingAddress(ctx.db, row.client_id);
  const issued = {
    status: "issued" as const,
    issued_at: ctx.clock().toISOString(),
    due_on: due,
    mailed_to: to,
    ...(rfc === row.client_rfc ? {} : { client_rfc: rfc }),
  };
  return change(ctx, actor, row, "issue", issued, async (trx) => {
    await markTicketsInvoiced(trx, row, actor.id, issued.issued_at);
    if (to) await queueInvoiceMail(ctx, trx, { ...row, ...issued }, to);
  });
}

/**
 * A cancelled invoice gives back what it billed (its tickets back to `to_invoice`); a re-run or
 * `POST /api/tickets/:id/invoice` bills it anew.
 */
export async function cancelInvoice(ctx: AppContext, actor: Actor, id: string, reason: string) {
  const row = await invoiceRow(ctx, actor, id);
  refuseUnless(row, "cancel");
  const patch = {
    status: "cancelled" as const,
    cancelled_at: ctx.clock().toISOString(),
    cancel_reason: reason,
    run_key: null,
  };
  return change(ctx, actor, row, "cancel", patch, (trx) =>
    releaseTickets(trx, row, actor.id, patch.cancelled_at),
  );
}

export async function markPaid(ctx: AppContext, actor: Actor, id: string, paidOn?: string) {
  const row = await invoiceRow(ctx, actor, id);
  refuseUnless(row, "pay");
  const at = paidOn ? `${paidOn}T12:00:00.000Z` : ctx.clock().toISOString();
  return change(ctx, actor, row, "pay", { status: "paid", paid_at: at });
}
