/** Hour bank, satisfaction and work not yet billed. */
import type {
  HourBankReport,
  ReportFilters,
  SatisfactionReport,
  UnbilledReport,
} from "../../../contract/reports.js";
import { hourBank } from "../../../domain/billing/overage.js";
import { average, percent } from "../../../domain/reports/figures.js";
import { spanLabel } from "../../../domain/reports/range.js";
import type { Actor, AppContext } from "../../context.js";
import { allowedFilters } from "./policy.js";
import { billingRepo } from "./repository-billing.js";
import { monthsOf, n, nOrNull, reportEnv } from "./service.js";
import { hourBankFromSummary } from "./service-rollups.js";
import { ready, satisfactionFromSummary } from "./service-summary.js";

const LIST_LIMIT = 2000;
const kindOf = (v: unknown) => (v === "contract" ? ("contract" as const) : ("event" as const));

/**
 * The used minutes are the billable minutes of reviewed contract tickets, in the month of their
 * last time entry (SPEC §5) — the rule the monthly billing run applies — for every contract and
 * month of the range at once; the overage is billing's own arithmetic (domain/billing/overage).
 */
export async function hourBankReport(
  ctx: AppContext,
  actor: Actor,
  query: ReportFilters,
): Promise<HourBankReport> {
  const f = allowedFilters(actor, "hour-bank", query);
  const env = await reportEnv(ctx, f);
  const months = monthsOf(f, env);
  const summed = (await ready(ctx)) ? await hourBankFromSummary(ctx, env, f, months) : null;
  const rows = summed ?? (await billingRepo.hourBank(ctx.db, env.span, months, f));
  return {
    rows: rows.map((r) => {
      const included = nOrNull(r.included);
      const used = n(r.used);
      return {
        contractId: String(r.contract_id),
        clientName: String(r.client_name),
        contractType: String(r.type),
        month: spanLabel(months, n(r.bucket)),
        includedMinutes: included,
        usedMinutes: used,
        overMinutes: included === null ? 0 : hourBank(included, used).overageMinutes,
        tickets: n(r.tickets),
      };
    }),
  };
}

function satRow(r: Record<string, unknown>) {
  const closed = n(r.closed);
  const answered = n(r.answered);
  return {
    key: r.key === null || r.key === undefined ? null : String(r.key),
    label: r.label === null || r.label === undefined ? null : String(r.label),
    closed,
    answered,
    unreachable: n(r.unreachable),
    responseRatePct: percent(answered, closed),
    overall: average(r.overall),
    technician: average(r.technician),
    timeliness: average(r.timeliness),
  };
}

/** Surveys of the tickets closed in the range; the response rate is answered over closed. */
export async function satisfactionReport(
  ctx: AppContext,
  actor: Actor,
  query: ReportFilters,
): Promise<SatisfactionReport> {
  const f = allowedFilters(actor, "satisfaction", query);
  const env = await reportEnv(ctx, f);
  const months = monthsOf(f, env);
  const summed = (await ready(ctx)) ? await satisfactionFromSummary(ctx, f, months, env.zone) : null;
  if (summed) return summed;
  const [totals, byTech, byClient, trend] = await Promise.all([
    billingRepo.satisfactionTotals(ctx.db, env.span, f),
    billingRepo.satisfactionBy(ctx.db, env.span, f, "technician"),
    billingRepo.satisfactionBy(ctx.db, env.span, f, "client"),
    billingRepo.satisfactionTrend(ctx.db, env.span, months, f),
  ]);
  return {
    totals: satRow({ ...totals[0], key: null, label: null }),
    byTechnician: byTech.map(satRow),
    byClient: byClient.map(satRow),
    trend: trend.map((r) => ({
      period: spanLabel(months, n(r.bucket)),
      closed: n(r.closed),
      answered: n(r.answered),
      overall: average(r.overall),
    })),
  };
}

/**
 * Closed tickets marked `to_invoice`, and extra charges no invoice holds yet on billable work
 * (repository-billing.ts says which: the same the monthly run and the event drafts bill).
 */
export async function unbilledReport(
  ctx: AppContext,
  actor: Actor,
  query: ReportFilters,
): Promise<UnbilledReport> {
  const f = allowedFilters(actor, "unbilled", query);
  const env = await reportEnv(ctx, f);
  const [tickets, ticketTotals, charges, chargeTotals] = await Promise.all([
    billingRepo.unbilledTickets(ctx.db, env.span, f, LIST_LIMIT),
    billingRepo.unbilledTicketTotals(ctx.db, env.span, f),
    billingRepo.unbilledCharges(ctx.db, env.span, f, LIST_LIMIT),
    billingRepo.unbilledChargeTotals(ctx.db, env.span, f),
  ]);
  return {
    tickets: tickets.map((r) => ({
      id: String(r.id),
      folio: String(r.folio),
      clientName: String(r.client_name),
      serviceKind: kindOf(r.service_kind),
      closedAt: r.closed_at ? String(r.closed_at) : null,
      billableMinutes: nOrNull(r.billable_minutes),
      chargesCents: n(r.charges_cents),
    })),
    charges: charges.map((r) => ({
      id: String(r.id),
      folio: String(r.folio),
      clientName: String(r.client_name),
      kind: String(r.kind),
      description: String(r.description),
      quantity: n(r.quantity),
      unitPriceCents: n(r.unit_price_cents),
      amountCents: n(r.amount_cents),
      createdAt: String(r.created_at),
    })),
    totals: {
      tickets: n(ticketTotals[0]?.tickets),
      billableMinutes: n(ticketTotals[0]?.minutes),
      charges: n(chargeTotals[0]?.charges),
      chargesCents: n(chargeTotals[0]?.cents),
    },
  };
}
