/**
 * Contract invoice runs (issue #14 item 4): per contract in force during the period, one invoice with
 * the period's monthly fee, the overage of earlier months not yet billed and the extra charges of its
 * tickets not yet billed. One transaction per contract: a failure leaves that contract's invoice
 * absent and the others whole; a re-run makes only what is missing (run_key and the billed-item keys
 * are unique, so two instances running together make each invoice once).
 */
import type { Selectable, Transaction } from "kysely";
import { itemLine, type Line, timeLine } from "../../../domain/billing/money.js";
import { overageLines } from "../../../domain/billing/overage.js";
import { checkPeriod, periodBounds, periodOfInstant } from "../../../domain/billing/periods.js";
import type { AppContext } from "../../context.js";
import { isUniqueViolation } from "../../platform/database/database.js";
import type { ContractsTable, DB } from "../../platform/database/schema.js";
import { invalid } from "../../platform/errors.js";
import { codedError } from "../../platform/i18n/index.js";
import { errorText } from "../../platform/jobs/runner.js";
import { businessCalendar } from "../settings/settings.js";
import { type DraftDefaults, draftDefaults, insertDraft, todayLocal } from "./make.js";
import { contractRunRepo, invoicesRepo, lookupRepo } from "./repository.js";

type Contract = Selectable<ContractsTable>;
const PAGE = 500;

export interface RunOutcome {
  period: string;
  created: number;
  failed: { contractId: string; error: string }[];
}

/** Refuses a period that is not YYYY-MM or has not started in the calendar's zone. */
export async function assertPeriod(ctx: AppContext, period: string): Promise<void> {
  const check = checkPeriod(period, await todayLocal(ctx));
  if (!check.ok)
    throw codedError("validation_failed", { code: check.code, params: { period } }, { field: "period" });
}

export async function runPeriod(ctx: AppContext, period: string): Promise<RunOutcome> {
  await assertPeriod(ctx, period);
  const zone = (await businessCalendar(ctx)).config.timeZone;
  const { first, last } = periodBounds(period);
  await contractRunRepo.startRun(ctx.db, period, ctx.clock().toISOString());
  const out: RunOutcome = { period, created: 0, failed: [] };
  const defaults = await draftDefaults(ctx);
  let after = "";
  for (;;) {
    // Streamed a page of contracts at a time: memory stays flat however many contracts there are.
    const page = await contractRunRepo.contractsPage(ctx.db, first, last, after, PAGE);
    for (const contract of page) {
      try {
        if (await billContract(ctx, contract, period, zone, defaults)) out.created++;
      } catch (err) {
        // Another instance made this invoice first: nothing is missing.
        if (isUniqueViolation(err)) continue;
        out.failed.push({ contractId: contract.id, error: errorText(err) });
      }
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }
  if (out.failed.length === 0) await contractRunRepo.completeRun(ctx.db, period, ctx.clock().toISOString());
  return out;
}

/** True when this call made the contract's invoice for the period. */
async function billContract(
  ctx: AppContext,
  contract: Contract,
  period: string,
  zone: string,
  defaults: DraftDefaults,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const runKey = `${contract.id}:${period}`;
    if (await invoicesRepo.byRunKey(trx, runKey)) return false;
    const client = await lookupRepo.client(trx, contract.client_id);
    if (!client) throw invalid("billing.contract_without_client", { contract: contract.id });
    const hours = await overagePart(trx, contract, period, zone);
    const extras = await chargesPart(trx, contract.id, period, zone);
    const lines: Line[] = [];
    if (Number(contract.monthly_fee_cents) > 0) {
      lines.push(
        itemLine(`Póliza ${contract.type} — cuota mensual ${period}`, 1, Number(contract.monthly_fee_cents)),
      );
    }
    lines.push(...hours.lines, ...extras.lines);
    if (lines.length === 0) return false;
    const row = await insertDraft(
      ctx,
      trx,
      {
        kind: "contract",
        runKey,
        client,
        contractId: contract.id,
        ticketId: null,
        period,
        lines,
      },
      defaults,
    );
    await invoicesRepo.markTickets(
      trx,
      hours.tickets.map((t) => ({ ...t, invoice_id: row.id, contract_id: contract.id })),
    );
    await invoicesRepo.markOverage(
      trx,
      hours.overage.map((o) => ({
        invoice_id: row.id,
        contract_id: contract.id,
        month: o.month,
        minutes: o.minutes,
      })),
    );
    await invoicesRepo.markCharges(
      trx,
      extras.ids.map((id) => ({ charge_id: id, invoice_id: row.id })),
    );
    return true;
  });
}

/** Reviewed tickets of months before the period, and the overage lines they make due now. */
async function overagePart(trx: Transaction<DB>, contract: Contract, period: string, zone: string) {
  const tickets = (await contractRunRepo.unbilledTickets(trx, contract.id))
    .map((t) => ({
      ticket_id: t.id,
      minutes: Number(t.billable_minutes ?? 0),
      month: periodOfInstant(String(t.last_at ?? t.updated_at), zone),
    }))
    .filter((t) => t.month < period);
  const fresh = new Map<string, number>();
  for (const t of tickets) fresh.set(t.month, (fresh.get(t.month) ?? 0) + t.minutes);
  const included = contract.included_minutes_per_month;
  const rate = contract.overage_rate_cents === null ? null : Number(contract.overage_rate_cents);
  // Without an hour bank or an overage rate the fee covers all the time: tickets are marked, nothing is charged.
  if (included === null || rate === null) return { tickets, lines: [] as Line[], overage: [] };
  const keys = [...fresh.keys()];
  const sums = async (rows: Promise<{ month: string; minutes: number }[]>) =>
    new Map((await rows).map((r) => [r.month, Number(r.minutes)]));
  const billed = await sums(contractRunRepo.billedMinutes(trx, contract.id, keys));
  const billedOver = await sums(contractRunRepo.billedOverage(trx, contract.id, keys));
  const months = [...fresh].map(([month, newMinutes]) => ({
    month,
    includedMinutes: included,
    billedMinutes: billed.get(month) ?? 0,
    billedOverageMinutes: billedOver.get(month) ?? 0,
    newMinutes,
  }));
  const overage = overageLines(months, rate);
  const lines = overage.map((o) =>
    timeLine(`Horas excedentes ${o.month} (${o.minutes} min)`, o.minutes, rate),
  );
  return { tickets, lines, overage };
}

/** Extra charges recorded in months before the period, one line each. */
async function chargesPart(trx: Transaction<DB>, contractId: string, period: string, zone: string) {
  const charges = (await contractRunRepo.unbilledCharges(trx, contractId)).filter(
    (c) => periodOfInstant(c.created_at, zone) < period,
  );
  return {
    ids: charges.map((c) => c.id),
    lines: charges.map((c) =>
      itemLine(`${c.folio}: ${c.description}`, Number(c.quantity), Number(c.unit_price_cents)),
    ),
  };
}
