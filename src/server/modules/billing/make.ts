/** Making an invoice row: folio, client snapshot, totals, payment terms and due date. */
import type { Transaction } from "kysely";
import type { Invoice } from "../../../contract/billing.js";
import type { Line } from "../../../domain/billing/money.js";
import { totalsOf } from "../../../domain/billing/money.js";
import { dueOn } from "../../../domain/billing/periods.js";
import { localDateOf } from "../../../domain/calendar/index.js";
import type { AppContext } from "../../context.js";
import { auditRepo } from "../../platform/audit/repository.js";
import type { ClientsTable, DB } from "../../platform/database/schema.js";
import { render, type ServerLocale } from "../../platform/i18n/index.js";
import { newId } from "../../platform/ids.js";
import { businessCalendar } from "../settings/settings.js";
import { type InvoiceRow, invoicesRepo, type NewInvoice } from "./repository.js";
import { billingSettings } from "./settings.js";
import { storedLines } from "./stored-lines.js";

/** Today's date in the calendar's zone. */
export async function todayLocal(ctx: AppContext): Promise<string> {
  return localDateOf(await businessCalendar(ctx), ctx.clock().getTime());
}

export interface InvoiceDraft {
  kind: "contract" | "event";
  runKey: string;
  client: Pick<ClientsTable, "id" | "name" | "rfc" | "generic_rfc" | "payment_terms" | "credit_days">;
  contractId: string | null;
  ticketId: string | null;
  period: string | null;
  lines: Line[];
}

/** What every invoice of one run shares: read once per run, not once per contract. */
export interface DraftDefaults {
  today: string;
  taxBasisPoints: number;
}

export async function draftDefaults(ctx: AppContext): Promise<DraftDefaults> {
  return { today: await todayLocal(ctx), taxBasisPoints: (await billingSettings(ctx)).taxBasisPoints };
}

/**
 * Inserts a draft and its audit entry (`create`; no actor when the monthly job made it) in the
 * caller's transaction (reads go through it: SQLite has one connection).
 */
export async function insertDraft(
  base: AppContext,
  trx: Transaction<DB>,
  d: InvoiceDraft,
  opts: { defaults?: DraftDefaults; actorId: string | null },
): Promise<NewInvoice> {
  const ctx: AppContext = { ...base, db: trx };
  const resolved = opts.defaults ?? (await draftDefaults(ctx));
  const year = folioYear(resolved);
  const n = await invoicesRepo.nextFolioNumber(trx, year);
  const row: NewInvoice = { folio: folioOf(year, n), ...draftRow(d, resolved, ctx.clock().toISOString()) };
  await invoicesRepo.insert(trx, row);
  await auditRepo.record(trx, {
    entity: "invoice",
    entityId: row.id,
    at: row.created_at,
    actorId: opts.actorId,
    action: "create",
    changes: { ...createdChanges(row), folio: row.folio },
  });
  return row;
}

/** What the audit keeps of a new invoice (its folio is added where it is numbered). */
export const createdChanges = (row: Omit<NewInvoice, "folio">) => ({
  kind: row.kind,
  runKey: row.run_key,
  contractId: row.contract_id,
  ticketId: row.ticket_id,
  period: row.period,
  totalCents: row.total_cents,
});

/** The year whose folio counter numbers the invoices made today. */
export const folioYear = (defaults: DraftDefaults) => Number(defaults.today.slice(0, 4));

/** Mesa's folio: PF-<year>-<number of that year, six digits at least>. */
export const folioOf = (year: number, n: number) => `PF-${year}-${String(n).padStart(6, "0")}`;

/** The invoice row of a draft but its folio (the caller numbers it from the year's counter). */
export function draftRow(d: InvoiceDraft, defaults: DraftDefaults, now: string): Omit<NewInvoice, "folio"> {
  const { today, taxBasisPoints } = defaults;
  return {
    id: newId(),
    kind: d.kind,
    run_key: d.runKey,
    client_id: d.client.id,
    client_name: d.client.name,
    // Cash sales to the public carry the generic RFC (XAXX…/XEXX…), kept apart from the unique `rfc`.
    client_rfc: d.client.rfc ?? d.client.generic_rfc,
    contract_id: d.contractId,
    ticket_id: d.ticketId,
    period: d.period,
    lines: JSON.stringify(d.lines),
    ...totalsColumns(d.lines, taxBasisPoints),
    payment_terms: d.client.payment_terms,
    credit_days: d.client.credit_days,
    due_on: dueOn(today, { terms: d.client.payment_terms, creditDays: d.client.credit_days }),
    status: "draft",
    erp_folio: null,
    issued_at: null,
    exported_at: null,
    paid_at: null,
    cancelled_at: null,
    cancel_reason: null,
    mailed_to: null,
    created_at: now,
    updated_at: now,
  };
}

export function totalsColumns(lines: Line[], taxBasisPoints: number) {
  const t = totalsOf(lines, taxBasisPoints);
  return {
    subtotal_cents: t.subtotalCents,
    tax_basis_points: taxBasisPoints,
    tax_cents: t.taxCents,
    total_cents: t.totalCents,
  };
}

/** What Mesa itself writes as a cancellation reason: a catalogue code, worded for each reader. */
export const NO_CHARGE_CANCEL_REASON = "billing.cancel_reason.ticket_no_charge";
const SYSTEM_REASON = /^billing\.cancel_reason\.[a-z_]+$/;

/** A reason a person typed stays as typed; one Mesa wrote (a code) reads in the reader's language. */
function cancelReason(stored: string | null, locale: ServerLocale): string | null {
  return stored !== null && SYSTEM_REASON.test(stored) ? render(locale, stored) : stored;
}

/** The API shape (SPEC §10 `GET /api/invoices` plus folio, client snapshot and lifecycle dates). */
export function toInvoice(r: InvoiceRow, locale: ServerLocale): Invoice {
  return {
    id: r.id,
    folio: r.folio,
    kind: r.kind,
    clientId: r.client_id,
    clientName: r.client_name,
    clientRfc: r.client_rfc,
    contractId: r.contract_id,
    ticketId: r.ticket_id,
    ticketFolio: r.ticket_folio,
    period: r.period,
    lines: storedLines(r.lines),
    subtotalCents: Number(r.subtotal_cents),
    taxBasisPoints: Number(r.tax_basis_points),
    taxCents: Number(r.tax_cents),
    totalCents: Number(r.total_cents),
    paymentTerms: r.payment_terms,
    dueOn: r.due_on,
    status: r.status,
    erpFolio: r.erp_folio,
    issuedAt: r.issued_at,
    exportedAt: r.exported_at,
    paidAt: r.paid_at,
    cancelledAt: r.cancelled_at,
    cancelReason: cancelReason(r.cancel_reason, locale),
    mailedTo: r.mailed_to,
    createdAt: r.created_at,
    version: r.version,
  };
}
