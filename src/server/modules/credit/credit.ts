import type {
  CreditRequest,
  CreditRequestBody,
  CreditStatus,
  RfcReviewItem,
} from "../../../contract/credit.js";
import { creditStanding } from "../../../domain/credit.js";
import { rfcCheckDigit } from "../../../domain/rfc.js";
import type { Actor, AppContext } from "../../context.js";
import { auditRepo } from "../../platform/audit/repository.js";
import { onDuplicate } from "../../platform/database/duplicates.js";
import { AppError, notFound, orNotFound } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { clientsRepo } from "../clients/repository.js";
import { creditPolicy } from "./policy.js";
import { type CreditRequestRow, creditRepo, unpaidInvoiceTotalCents } from "./repository.js";

const toRequest = (r: CreditRequestRow): CreditRequest => ({
  id: r.id,
  clientId: r.client_id,
  clientName: r.client_name,
  creditDays: r.credit_days,
  creditLimitCents: Number(r.credit_limit_cents),
  reason: r.reason,
  status: r.status,
  requestedBy: r.requested_by,
  requestedByName: r.requested_by_name,
  requestedAt: r.requested_at,
  decidedBy: r.decided_by,
  decidedByName: r.decided_by_name,
  decidedAt: r.decided_at,
  decisionReason: r.decision_reason,
});

const alreadyPending = () =>
  new AppError(
    "duplicate",
    "credit.request_pending",
    {},
    {
      code: "credit.request_pending",
    },
  );

export async function requestCredit(ctx: AppContext, actor: Actor, input: CreditRequestBody) {
  const client = await clientsRepo.byId(ctx.db, input.clientId);
  creditPolicy.request(actor, input.clientId);
  if (!client) throw notFound("client");
  // Generic RFCs (público en general, extranjero) are for cash sales only.
  if (client.generic_rfc !== null) {
    throw new AppError(
      "precondition_failed",
      "credit.generic_rfc",
      {},
      {
        code: "credit.generic_rfc",
      },
    );
  }
  if (await creditRepo.pendingFor(ctx.db, client.id)) throw alreadyPending();
  const now = ctx.clock().toISOString();
  const id = newId();
  await onDuplicate(
    ctx.db.transaction().execute(async (trx) => {
      await creditRepo.insert(trx, {
        id,
        client_id: client.id,
        credit_days: input.creditDays,
        credit_limit_cents: input.creditLimitCents,
        reason: input.reason,
        status: "pending",
        requested_by: actor.id,
        requested_at: now,
      });
      await auditRepo.record(trx, {
        entity: "credit_request",
        entityId: id,
        at: now,
        actorId: actor.id,
        action: "create",
        changes: input,
      });
    }),
    alreadyPending,
  );
  return toRequest(orNotFound(await creditRepo.byId(ctx.db, id), "credit_request"));
}

async function visibleRequest(ctx: AppContext, actor: Actor, id: string): Promise<CreditRequestRow> {
  const row = await creditRepo.byId(ctx.db, id);
  if (!row) throw notFound("credit_request");
  creditPolicy.view(actor, row.client_id, "credit_request");
  return row;
}

export async function getCreditRequest(ctx: AppContext, actor: Actor, id: string) {
  return toRequest(await visibleRequest(ctx, actor, id));
}

export async function listCreditRequests(
  ctx: AppContext,
  actor: Actor,
  q: { status?: string | undefined; clientId?: string | undefined; limit: number },
) {
  creditPolicy.list(actor);
  return (await creditRepo.list(ctx.db, q)).map(toRequest);
}

/**
 * Ventas decides a pending request. Approval sets the client's terms in the same transaction (who,
 * when, why kept on the request and in the client's audit trail); a request decided already is 409.
 */
export async function decideCreditRequest(
  ctx: AppContext,
  actor: Actor,
  id: string,
  decision: "approved" | "rejected",
  reason: string,
) {
  const row = await creditRepo.byId(ctx.db, id);
  if (!row) throw notFound("credit_request");
  creditPolicy.decide(actor, row.client_id);
  const decided = () =>
    new AppError(
      "invalid_transition",
      "credit.already_decided",
      {},
      {
        code: "credit.already_decided",
        status: row.status,
      },
    );
  if (row.status !== "pending") throw decided();
  const now = ctx.clock().toISOString();
  const ok = await ctx.db.transaction().execute(async (trx) => {
    if (!(await creditRepo.decide(trx, id, { status: decision, by: actor.id, at: now, reason })))
      return false;
    const base = { at: now, actorId: actor.id };
    await auditRepo.record(trx, {
      ...base,
      entity: "credit_request",
      entityId: id,
      action: decision,
      changes: { reason },
    });
    if (decision === "approved") {
      const limitCents = Number(row.credit_limit_cents);
      await creditRepo.grantCredit(trx, row.client_id, {
        days: row.credit_days,
        limitCents,
        by: actor.id,
        at: now,
      });
      await auditRepo.record(trx, {
        ...base,
        entity: "client",
        entityId: row.client_id,
        action: "credit_approved",
        changes: {
          paymentTerms: "credit",
          creditDays: row.credit_days,
          creditLimitCents: limitCents,
          creditRequestId: id,
          reason,
        },
      });
    }
    return true;
  });
  if (!ok) throw decided();
  return toRequest(orNotFound(await creditRepo.byId(ctx.db, id), "credit_request"));
}

/** The flag intake and the client page show: a credit client over its limit with unpaid invoices. */
export async function creditStatus(ctx: AppContext, actor: Actor, clientId: string): Promise<CreditStatus> {
  const client = await clientsRepo.byId(ctx.db, clientId);
  creditPolicy.view(actor, clientId, "client");
  if (!client) throw notFound("client");
  const paymentTerms = client.payment_terms === "credit" ? "credit" : "cash";
  const creditLimitCents = client.credit_limit_cents === null ? null : Number(client.credit_limit_cents);
  const unpaidCents = await unpaidInvoiceTotalCents(ctx.db, clientId);
  const standing = creditStanding({ paymentTerms, creditLimitCents, unpaidCents });
  const pending = await creditRepo.pendingFor(ctx.db, clientId);
  return {
    clientId,
    paymentTerms,
    creditDays: client.credit_days,
    creditLimitCents,
    creditApprovedBy: client.credit_approved_by,
    creditApprovedAt: client.credit_approved_at,
    standing: standing.code,
    unpaidCents,
    overLimit: standing.code === "credit.over_limit",
    overByCents: standing.overByCents,
    pendingRequest: pending ? toRequest(pending) : null,
  };
}

export async function rfcReview(ctx: AppContext, actor: Actor, limit: number): Promise<RfcReviewItem[]> {
  creditPolicy.list(actor);
  const rows = await creditRepo.rfcReview(ctx.db, limit);
  return rows.map((r) => ({
    clientId: r.id,
    name: r.name,
    rfc: r.rfc ?? "",
    expectedCheckDigit: rfcCheckDigit(r.rfc ?? "") ?? "?",
    confirmedBy: r.rfc_confirmed_by,
    confirmedByName: r.confirmed_by_name,
    confirmedAt: r.rfc_confirmed_at,
  }));
}
