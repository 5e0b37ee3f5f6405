/** Who may add or correct a ticket's charges, and the bound their sum keeps (one invoice line each). */
import { MAX_AMOUNT_CENTS, subtotalFits } from "../../../domain/billing/money.js";
import type { Actor, AppContext } from "../../context.js";
import { AppError, conflict } from "../../platform/errors.js";
import type { TicketRow } from "../tickets/repository.js";
import { mayChargeAnyTicket } from "./policy.js";
import { workRepo } from "./repository.js";
import { requireWorker } from "./ticket-work.js";

export function requireChargeable(actor: Actor, row: TicketRow): void {
  if (!mayChargeAnyTicket(actor)) requireWorker(actor, row);
  if (["closed", "cancelled"].includes(row.status)) {
    throw new AppError("invalid_transition", "work.charge_on_closed", {}, { status: row.status });
  }
}

/**
 * A charge becomes a line of the ticket's invoice (its event draft, or its share of the contract's
 * run): the ticket's charges together must fit in one. Read in the charge's transaction, after the
 * ticket row: a charge added since bumped the ticket's version, so this one is run again and sees it.
 */
export async function requireChargesFit(trx: AppContext["db"], ticketId: string, amountCents: number) {
  const total = await workRepo.chargesTotalCents(trx, ticketId);
  if (subtotalFits([total, amountCents])) return;
  throw conflict(
    "billing.charges_over_limit",
    {},
    { field: "unitPriceCents", chargesTotalCents: total, maxCents: MAX_AMOUNT_CENTS },
  );
}
