/**
 * Contract invoice runs (issue #14 item 4): per contract in force during the period, one invoice with
 * the period's monthly fee, the overage of earlier months not yet billed and the extra charges of its
 * tickets not yet billed. Reads are batched per page of contracts (run-page.ts); the writes of each
 * contract are one transaction: a failure leaves that contract's invoice absent and the others whole;
 * a re-run makes only what is missing (run_key and the billed-item keys are unique, so two instances
 * running together make each invoice once).
 */
import { checkPeriod, periodBounds } from "../../../domain/billing/periods.js";
import type { AppContext } from "../../context.js";
import { isUniqueViolation } from "../../platform/database/database.js";
import { codedError } from "../../platform/i18n/index.js";
import { errorText } from "../../platform/jobs/runner.js";
import { businessCalendar } from "../settings/settings.js";
import { type DraftDefaults, draftDefaults, insertDraft, todayLocal } from "./make.js";
import { invoicesRepo } from "./repository.js";
import {
  type Contract,
  type ContractFacts,
  type InvoicePlan,
  planInvoice,
  readPage,
  runKeyOf,
} from "./run-page.js";
import { contractRunRepo } from "./run-repository.js";

const PAGE = 500;
/** Attempts for a contract whose items another writer billed between the page read and its transaction. */
const ATTEMPTS = 3;

export interface RunOutcome {
  period: string;
  created: number;
  failed: { contractId: string; error: string }[];
}

interface Run {
  ctx: AppContext;
  period: string;
  zone: string;
  defaults: DraftDefaults;
  out: RunOutcome;
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
  const run: Run = {
    ctx,
    period,
    zone,
    defaults: await draftDefaults(ctx),
    out: { period, created: 0, failed: [] },
  };
  let after = "";
  for (;;) {
    // Streamed a page of contracts at a time: memory stays flat however many contracts there are.
    const page = await contractRunRepo.contractsPage(ctx.db, first, last, after, PAGE);
    await billPage(run, page);
    const tail = page.at(-1);
    if (!tail || page.length < PAGE) break;
    after = tail.id;
  }
  if (run.out.failed.length === 0)
    await contractRunRepo.completeRun(ctx.db, period, ctx.clock().toISOString());
  return run.out;
}

async function billPage(run: Run, page: Contract[]): Promise<void> {
  const facts = await readPage(run.ctx.db, page, run.period, run.zone);
  for (const contract of page) {
    const f = facts.get(contract.id);
    // Absent: its invoice for the period was made before (a re-run makes nothing new).
    if (f) await billContract(run, contract, f);
  }
}

/**
 * Bills one contract from its page's facts. A unique violation means another writer got there between
 * the page read and this transaction: another instance made this invoice, or billed some of its items
 * into another one. Its facts are read again (alone) and the contract retried, so nothing is billed
 * twice and nothing is skipped.
 */
async function billContract(run: Run, contract: Contract, pageFacts: ContractFacts): Promise<void> {
  let f: ContractFacts | undefined = pageFacts;
  for (let attempt = 1; f; attempt++) {
    try {
      if (await writeInvoice(run, contract, planInvoice(contract, run.period, f))) run.out.created++;
      return;
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= ATTEMPTS) {
        run.out.failed.push({ contractId: contract.id, error: errorText(err) });
        return;
      }
    }
    f = (await readPage(run.ctx.db, [contract], run.period, run.zone)).get(contract.id);
  }
}

/** The contract's invoice and the marks of what it billed, in one transaction. True when it made one. */
async function writeInvoice(run: Run, contract: Contract, plan: InvoicePlan): Promise<boolean> {
  if (plan.lines.length === 0) return false;
  return run.ctx.db.transaction().execute(async (trx) => {
    await contractRunRepo.relaxCommit(trx, run.ctx.dialect);
    const row = await insertDraft(
      run.ctx,
      trx,
      {
        kind: "contract",
        runKey: runKeyOf(contract.id, run.period),
        client: plan.client,
        contractId: contract.id,
        ticketId: null,
        period: run.period,
        lines: plan.lines,
      },
      run.defaults,
    );
    const billed = { invoice_id: row.id, contract_id: contract.id };
    await invoicesRepo.markTickets(
      trx,
      plan.tickets.map((t) => ({ ...t, ...billed })),
    );
    await invoicesRepo.markOverage(
      trx,
      plan.overage.map((o) => ({ ...o, ...billed })),
    );
    await invoicesRepo.markCharges(
      trx,
      plan.chargeIds.map((id) => ({ charge_id: id, invoice_id: row.id })),
    );
    return true;
  });
}
