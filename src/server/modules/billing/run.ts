/**
 * Contract invoice runs (issue #14 item 4): per contract in force during the period, one invoice with
 * the period's monthly fee, the overage of earlier months not yet billed and the extra charges of its
 * tickets not yet billed; per contract ended before the period that still owes such overage or
 * charges (its last month, tickets reviewed late), one invoice of those without a fee. Reads are batched per page of contracts (run-page.ts), the next page read
 * while the current one is written; the writes of each contract are one transaction
 * (run-write-repository.ts): a failure leaves that contract's invoice absent and the others whole;
 * a re-run makes only what is missing (run_key and the billed-item keys are unique, so two instances
 * running together make each invoice once).
 */
import { checkPeriod, periodBounds } from "../../../domain/billing/periods.js";
import type { AppContext } from "../../context.js";
import { isUniqueViolation } from "../../platform/database/database.js";
import { codedError } from "../../platform/i18n/index.js";
import { errorText } from "../../platform/jobs/runner.js";
import { businessCalendar } from "../settings/settings.js";
import {
  createdChanges,
  type DraftDefaults,
  draftDefaults,
  draftRow,
  folioYear,
  insertDraft,
  todayLocal,
} from "./make.js";
import {
  type Contract,
  type ContractFacts,
  type InvoicePlan,
  planInvoice,
  readPage,
  runKeyOf,
} from "./run-page.js";
import { contractRunRepo } from "./run-repository.js";
import { insertContractInvoicePg, insertMarksSqlite } from "./run-write-repository.js";

const PAGE = 500;
/**
 * Contracts written at once on PostgreSQL, each on its own pooled connection (the pool has 10): a
 * contract's write is one short round trip, so a few in flight keep the server busy while each waits.
 * SQLite has one connection and answers synchronously: one at a time.
 */
const IN_FLIGHT = { postgres: 4, sqlite: 1 } as const;
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
  actorId: string | null;
  out: RunOutcome;
}

/** Refuses a period that is not YYYY-MM or has not started in the calendar's zone. */
export async function assertPeriod(ctx: AppContext, period: string): Promise<void> {
  const check = checkPeriod(period, await todayLocal(ctx));
  if (!check.ok)
    throw codedError("validation_failed", { code: check.code, params: { period } }, { field: "period" });
}

/** `actorId`: who asked for the run (POST /api/billing/runs); null for the monthly job. */
export async function runPeriod(
  ctx: AppContext,
  period: string,
  actorId: string | null = null,
): Promise<RunOutcome> {
  await assertPeriod(ctx, period);
  const zone = (await businessCalendar(ctx)).config.timeZone;
  await contractRunRepo.startRun(ctx.db, period, ctx.clock().toISOString());
  const run: Run = {
    ctx,
    period,
    zone,
    defaults: await draftDefaults(ctx),
    actorId,
    out: { period, created: 0, failed: [] },
  };
  // The contracts in force during the period, then those ended before it that still owe reviewed work.
  await billContracts(run, contractRunRepo.contractsPage);
  await billContracts(run, contractRunRepo.endedContractsPage);
  if (run.out.failed.length === 0)
    await contractRunRepo.completeRun(ctx.db, period, ctx.clock().toISOString());
  return run.out;
}

type PageOf = typeof contractRunRepo.contractsPage;

/**
 * Streamed a page of contracts at a time (memory stays flat however many there are); the next page's
 * facts are read while this page is written (its contracts are others: nothing is read stale).
 */
async function billContracts(run: Run, pageOf: PageOf): Promise<void> {
  let next = readContractsPage(run, pageOf, "");
  for (;;) {
    const { page, facts } = await next;
    const last = page.length === PAGE ? (page.at(-1)?.id ?? null) : null;
    if (last !== null) {
      next = readContractsPage(run, pageOf, last);
      // Handled when awaited next turn; if this page's writing throws first, its failure is not unhandled.
      next.catch(() => {});
    }
    await billPage(run, page, facts);
    if (last === null) break;
  }
}

async function readContractsPage(run: Run, pageOf: PageOf, after: string) {
  const { first, last } = periodBounds(run.period);
  const page = await pageOf(run.ctx.db, first, last, after, PAGE);
  return { page, facts: await readPage(run.ctx.db, page, run.period, run.zone) };
}

async function billPage(run: Run, page: Contract[], facts: Map<string, ContractFacts>): Promise<void> {
  // Absent facts: its invoice for the period was made before (a re-run makes nothing new).
  const todo = page.flatMap((c) => {
    const f = facts.get(c.id);
    return f ? [{ contract: c, facts: f }] : [];
  });
  const worker = async () => {
    for (let job = todo.shift(); job; job = todo.shift()) await billContract(run, job.contract, job.facts);
  };
  const workers = Array.from({ length: Math.min(IN_FLIGHT[run.ctx.dialect], todo.length) }, worker);
  // Every worker ends before the page does (allSettled), then the first unexpected failure is raised.
  const ended = await Promise.allSettled(workers);
  const broken = ended.find((r) => r.status === "rejected");
  if (broken) throw broken.reason;
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
  const { ctx, period, defaults, actorId } = run;
  const draft = {
    kind: "contract" as const,
    runKey: runKeyOf(contract.id, period),
    client: plan.client,
    contractId: contract.id,
    ticketId: null,
    period,
    lines: plan.lines,
  };
  if (ctx.dialect === "postgres") {
    const row = draftRow(draft, defaults, ctx.clock().toISOString());
    await insertContractInvoicePg(ctx.db, row, folioYear(defaults), plan, {
      actorId,
      changes: createdChanges(row),
    });
    return true;
  }
  return ctx.db.transaction().execute(async (trx) => {
    const row = await insertDraft(ctx, trx, draft, { defaults, actorId });
    await insertMarksSqlite(trx, row.id, contract.id, plan);
    return true;
  });
}
