/**
 * What a page of contracts owes for a period: each fact read for the whole page at once (about six
 * queries per page of 500 contracts instead of ten per contract), then each contract's invoice lines
 * planned from its own facts without further I/O.
 */
import type { Selectable } from "kysely";
import { itemLine, type Line, timeLine } from "../../../domain/billing/money.js";
import { overageLines } from "../../../domain/billing/overage.js";
import { periodBounds, periodInWords, periodOfInstant } from "../../../domain/billing/periods.js";
import type { ClientsTable, ContractsTable, DB } from "../../platform/database/schema.js";
import { invalid } from "../../platform/errors.js";
import type { Db } from "./run-repository.js";
import { contractRunRepo } from "./run-repository.js";

export type Contract = Selectable<ContractsTable>;
type Client = Pick<ClientsTable, "id" | "name" | "rfc" | "generic_rfc" | "payment_terms" | "credit_days">;
type BilledTicket = Omit<Selectable<DB["invoice_tickets"]>, "invoice_id" | "contract_id">;
interface Charge {
  id: string;
  description: string;
  quantity: number;
  unit_price_cents: number;
  folio: string;
}

/** A contract's unbilled items of months before the period, and what its months already billed. */
export interface ContractFacts {
  client: Client | undefined;
  tickets: BilledTicket[];
  charges: Charge[];
  billedMinutes: Map<string, number>;
  billedOverage: Map<string, number>;
}

export interface InvoicePlan {
  client: Client;
  lines: Line[];
  tickets: BilledTicket[];
  overage: { month: string; minutes: number }[];
  chargeIds: string[];
}

export const runKeyOf = (contractId: string, period: string) => `${contractId}:${period}`;

const hasHourBank = (c: Contract) => c.included_minutes_per_month !== null && c.overage_rate_cents !== null;

/** The facts of each contract of the page that has no invoice for the period yet (keyed by contract id). */
export async function readPage(db: Db, page: Contract[], period: string, zone: string) {
  const made = new Set(
    await contractRunRepo.madeRunKeys(
      db,
      page.map((c) => runKeyOf(c.id, period)),
    ),
  );
  const todo = page.filter((c) => !made.has(runKeyOf(c.id, period)));
  const ids = todo.map((c) => c.id);
  if (ids.length === 0) return new Map<string, ContractFacts>();
  const [clients, tickets, charges] = await Promise.all([
    contractRunRepo.clients(db, [...new Set(todo.map((c) => c.client_id))]),
    contractRunRepo.unbilledTickets(db, ids),
    contractRunRepo.unbilledCharges(db, ids),
  ]);
  const byClient = new Map<string, Client>(clients.map((c) => [c.id, c]));
  const facts = new Map<string, ContractFacts>(
    todo.map((c) => [
      c.id,
      {
        client: byClient.get(c.client_id),
        tickets: [],
        charges: [],
        billedMinutes: new Map(),
        billedOverage: new Map(),
      },
    ]),
  );
  for (const t of tickets) {
    // A reviewed ticket's minutes belong to the month of its last time entry; this period's wait for the next run.
    const month = periodOfInstant(String(t.last_at ?? t.updated_at), zone);
    if (month < period)
      facts
        .get(t.contract_id ?? "")
        ?.tickets.push({ ticket_id: t.id, minutes: Number(t.billable_minutes ?? 0), month });
  }
  for (const c of charges)
    if (periodOfInstant(c.created_at, zone) < period) facts.get(c.contract_id ?? "")?.charges.push(c);
  await readBilledMonths(db, todo, facts);
  return facts;
}

/** Minutes and overage already billed, only for the contracts with an hour bank and the months they now bill. */
async function readBilledMonths(db: Db, todo: Contract[], facts: Map<string, ContractFacts>) {
  const banked = todo
    .filter((c) => hasHourBank(c) && (facts.get(c.id)?.tickets.length ?? 0) > 0)
    .map((c) => c.id);
  const months = [...new Set(banked.flatMap((id) => facts.get(id)?.tickets.map((t) => t.month) ?? []))];
  const [minutes, overage] = await Promise.all([
    contractRunRepo.billedMinutes(db, banked, months),
    contractRunRepo.billedOverage(db, banked, months),
  ]);
  for (const r of minutes) facts.get(r.contract_id ?? "")?.billedMinutes.set(r.month, Number(r.minutes));
  for (const r of overage) facts.get(r.contract_id)?.billedOverage.set(r.month, Number(r.minutes));
}

/**
 * Whether the contract is in force some day of the period (the twin of contractsPage's filter; a
 * cancellation instant compares as text with the first day, as there).
 */
export function inForceDuring(c: Contract, period: string): boolean {
  const { first, last } = periodBounds(period);
  return (
    c.starts_on <= last &&
    (c.ends_on === null || c.ends_on >= first) &&
    (c.cancelled_at === null || c.cancelled_at >= first)
  );
}

/**
 * The contract's invoice for the period: its monthly fee (only if in force during the period: an
 * ended contract's later invoice bills what it still owes and no fee), the overage now due and its
 * extra charges.
 */
export function planInvoice(contract: Contract, period: string, f: ContractFacts): InvoicePlan {
  if (!f.client) throw invalid("billing.contract_without_client", { contract: contract.id });
  const lines: Line[] = [];
  if (Number(contract.monthly_fee_cents) > 0 && inForceDuring(contract, period)) {
    lines.push(
      itemLine(
        `Póliza ${contract.type} — cuota mensual de ${periodInWords(period)}`,
        1,
        Number(contract.monthly_fee_cents),
      ),
    );
  }
  const overage = overagePart(contract, f);
  lines.push(...overage.lines);
  lines.push(
    ...f.charges.map((c) =>
      itemLine(`${c.folio}: ${c.description}`, Number(c.quantity), Number(c.unit_price_cents)),
    ),
  );
  return {
    client: f.client,
    lines,
    tickets: f.tickets,
    overage: overage.months,
    chargeIds: f.charges.map((c) => c.id),
  };
}

function overagePart(contract: Contract, f: ContractFacts) {
  const included = contract.included_minutes_per_month;
  const rate = contract.overage_rate_cents === null ? null : Number(contract.overage_rate_cents);
  // Without an hour bank or an overage rate the fee covers all the time: tickets are marked, nothing is charged.
  if (included === null || rate === null) return { lines: [] as Line[], months: [] };
  const fresh = new Map<string, number>();
  for (const t of f.tickets) fresh.set(t.month, (fresh.get(t.month) ?? 0) + t.minutes);
  const months = overageLines(
    [...fresh].map(([month, newMinutes]) => ({
      month,
      includedMinutes: included,
      billedMinutes: f.billedMinutes.get(month) ?? 0,
      billedOverageMinutes: f.billedOverage.get(month) ?? 0,
      newMinutes,
    })),
    rate,
  );
  const lines = months.map((o) =>
    timeLine(`Horas excedentes de ${periodInWords(o.month)} (${o.minutes} min)`, o.minutes, rate),
  );
  return { lines, months: months.map((o) => ({ month: o.month, minutes: o.minutes })) };
}
