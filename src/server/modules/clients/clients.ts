import type { z } from "zod";
import type { Client, ClientBody, ClientListQuery, ClientPatch } from "../../../contract/clients.js";
import { foldForSearch, normalizePhone, searchTerms } from "../../../domain/text.js";
import type { Actor, AppContext } from "../../context.js";
import { auditRepo } from "../../platform/audit/repository.js";
import { onDuplicate } from "../../platform/database/duplicates.js";
import { stillThere } from "../../platform/database/still-there.js";
import { AppError, conflict, forbidden, invalid, notFound } from "../../platform/errors.js";
import { checkBaseVersion, staleEdit } from "../../platform/http/versions.js";
import { newId } from "../../platform/ids.js";
import { rfcColumns, shownRfc } from "../credit/rfc-fields.js";
import { ticketsRepo } from "../tickets/repository.js";
import { rolesOf, usersRepo } from "../users/repository.js";
import { checkBillingContact } from "./billing-contact.js";
import { clientFor } from "./client-view.js";
import { decodeClientCursor, encodeClientCursor } from "./list-cursor.js";
import { assertMayEditClients, assertMayReadClient, assertMaySearchClients, mayEndCredit } from "./policy.js";
import { type ClientRow, clientsRepo } from "./repository.js";

export function toClient(r: ClientRow): Client {
  return {
    id: r.id,
    name: r.name,
    rfc: shownRfc(r),
    phone: r.phone,
    email: r.email,
    billingAddress: r.billing_address,
    paymentTerms: r.payment_terms === "credit" ? "credit" : "cash",
    creditDays: r.credit_days,
    creditLimitCents: r.credit_limit_cents,
    creditApprovedBy: r.credit_approved_by,
    creditApprovedAt: r.credit_approved_at,
    accountTechnicianId: r.account_technician_id,
    billingContactId: r.billing_contact_id,
    notes: r.notes,
    rfcCheckFailed: r.rfc_check_failed === 1,
    rfcConfirmedBy: r.rfc_confirmed_by,
    rfcConfirmedAt: r.rfc_confirmed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

const clientSearchText = (r: Pick<ClientRow, "name" | "rfc" | "phone" | "email">) =>
  foldForSearch([r.name, r.rfc ?? "", r.phone ? normalizePhone(r.phone) : "", r.email ?? ""].join(" "));

// Checked before writing; the unique index settles two requests racing with the same RFC.
const duplicateRfc = () => conflict("client.rfc_taken", {}, { field: "rfc" });

async function checkAccountTechnician(ctx: AppContext, id: string | null | undefined): Promise<void> {
  if (!id) return;
  const u = await usersRepo.byId(ctx.db, id);
  const roles = u ? rolesOf(u) : [];
  if (!u || !roles.some((r) => r === "technician" || r === "senior")) {
    throw invalid("client.account_technician_role", {}, { field: "accountTechnicianId" });
  }
}

/**
 * Credit is granted only by Ventas on the client's explicit request (seed §1.2; the credit module's
 * `/api/credit-requests`), never by the client editor; new clients pay cash. The editor may only take
 * credit away (Ventas), back to cash.
 */
function creditFields(
  actor: Actor,
  input: z.output<typeof ClientPatch>,
  current: ClientRow | null,
): Partial<ClientRow> {
  const grants =
    input.paymentTerms === "credit" ||
    (input.creditDays !== undefined && input.creditDays !== null) ||
    (input.creditLimitCents !== undefined && input.creditLimitCents !== null);
  if (grants) {
    throw new AppError(
      "credit_request_required",
      "client.credit_via_request",
      {},
      {
        field: "paymentTerms",
        use: "/api/credit-requests",
      },
    );
  }
  if (input.paymentTerms !== "cash" || current?.payment_terms !== "credit") return {};
  if (!mayEndCredit(actor)) throw forbidden("client.credit_sales_only");
  return { payment_terms: "cash", credit_days: null, credit_limit_cents: null };
}

export async function createClient(ctx: AppContext, actor: Actor, input: z.output<typeof ClientBody>) {
  assertMayEditClients(actor);
  if (input.rfc && (await clientsRepo.byRfc(ctx.db, input.rfc))) {
    throw duplicateRfc();
  }
  await checkAccountTechnician(ctx, input.accountTechnicianId);
  const now = ctx.clock().toISOString();
  const rfcCols = rfcColumns(actor, input.rfc ?? null, input.rfcCheckDigitConfirmed, now);
  const base = {
    name: input.name,
    rfc: shownRfc(rfcCols),
    phone: input.phone ?? null,
    email: input.email ?? null,
  };
  const row: ClientRow = {
    id: newId(),
    ...base,
    ...rfcCols,
    billing_address: input.billingAddress ?? null,
    payment_terms: "cash",
    credit_days: null,
    credit_limit_cents: null,
    credit_approved_by: null,
    credit_approved_at: null,
    account_technician_id: input.accountTechnicianId ?? null,
    billing_contact_id: input.billingContactId ?? null,
    notes: input.notes ?? null,
    search_text: clientSearchText(base),
    created_at: now,
    updated_at: now,
    version: 1,
    ...creditFields(actor, input, null),
  };
  await onDuplicate(
    ctx.db.transaction().execute(async (trx) => {
      // A new client has no contacts yet: any billing contact named is another client's (422).
      await checkBillingContact(ctx, trx, row.id, input.billingContactId);
      await clientsRepo.insert(trx, row);
      await auditRepo.record(trx, {
        entity: "client",
        entityId: row.id,
        at: now,
        actorId: actor.id,
        action: "create",
        changes: input,
      });
    }),
    duplicateRfc,
  );
  return toClient(row);
}

/** Only the fields the PATCH names change; the search text follows the (possibly) new values. */
function clientPatch(
  actor: Actor,
  input: z.output<typeof ClientPatch>,
  current: ClientRow,
  now: string,
): Partial<ClientRow> {
  // The same RFC again keeps its earlier confirmation; a new one is checked afresh.
  const rfcCols: Partial<ReturnType<typeof rfcColumns>> =
    input.rfc === undefined || input.rfc === shownRfc(current)
      ? {}
      : rfcColumns(actor, input.rfc, input.rfcCheckDigitConfirmed, now);
  const next = {
    name: input.name ?? current.name,
    rfc: shownRfc({ ...current, ...rfcCols }),
    phone: input.phone === undefined ? current.phone : input.phone,
    email: input.email === undefined ? current.email : input.email,
  };
  const patch: Partial<ClientRow> = {
    ...next,
    ...rfcCols,
    rfc: rfcCols.rfc === undefined ? current.rfc : rfcCols.rfc,
    search_text: clientSearchText(next),
    updated_at: now,
    ...creditFields(actor, input, current),
  };
  if (input.billingAddress !== undefined) patch.billing_address = input.billingAddress;
  if (input.accountTechnicianId !== undefined) patch.account_technician_id = input.accountTechnicianId;
  if (input.billingContactId !== undefined) patch.billing_contact_id = input.billingContactId;
  if (input.notes !== undefined) patch.notes = input.notes;
  return patch;
}

export async function updateClient(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: z.output<typeof ClientPatch>,
) {
  assertMayEditClients(actor);
  const current = await clientsRepo.byId(ctx.db, id);
  if (!current) throw notFound("client");
  await checkBaseVersion(input.version, current.version, "client", () => toClient(current));
  if (input.rfc && input.rfc !== current.rfc && (await clientsRepo.byRfc(ctx.db, input.rfc))) {
    throw duplicateRfc();
  }
  await checkAccountTechnician(ctx, input.accountTechnicianId);
  const now = ctx.clock().toISOString();
  const patch = clientPatch(actor, input, current, now);
  const { version: _base, ...changes } = input;
  const written = await onDuplicate(
    ctx.db.transaction().execute(async (trx) => {
      await checkBillingContact(ctx, trx, id, input.billingContactId);
      if (!(await clientsRepo.update(trx, id, current.version, patch))) return false;
      if (patch.name !== current.name) await ticketsRepo.refreshClientName(trx, id);
      await auditRepo.record(trx, {
        entity: "client",
        entityId: id,
        at: now,
        actorId: actor.id,
        action: "update",
        changes,
      });
      return true;
    }),
    duplicateRfc,
  );
  const saved = toClient(stillThere(await clientsRepo.byId(ctx.db, id), "client"));
  if (!written) throw staleEdit("client", saved);
  return saved;
}

export async function getClient(ctx: AppContext, actor: Actor, id: string) {
  const row = await clientsRepo.byId(ctx.db, id);
  assertMayReadClient(actor, id);
  if (!row) throw notFound("client");
  return clientFor(actor, toClient(row));
}

/** A page of clients by name (then id); `nextCursor` reads on after it, null on the last page. */
export async function listClients(ctx: AppContext, actor: Actor, query: z.output<typeof ClientListQuery>) {
  if (actor.clientId && !actor.roles.some((r) => r !== "client")) {
    return { items: [await getClient(ctx, actor, actor.clientId)], nextCursor: null };
  }
  assertMaySearchClients(actor);
  const after = query.cursor === undefined ? undefined : decodeClientCursor(query.cursor);
  const rows = await clientsRepo.search(ctx.db, searchTerms(query.q ?? ""), query.limit + 1, after);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toClient),
    nextCursor: rows.length > query.limit && last ? encodeClientCursor(last) : null,
  };
}
