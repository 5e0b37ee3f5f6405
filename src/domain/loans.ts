/** Loaners (equipo de repuesto) and warranty cases: the pure rules. */

export const LOANER_STATES = ["available", "lent", "repair", "retired"] as const;
export type LoanerState = (typeof LOANER_STATES)[number];

export const WARRANTY_STATUSES = ["open", "sent", "returned", "rejected", "cancelled"] as const;
export type WarrantyStatus = (typeof WARRANTY_STATUSES)[number];

/**
 * A warranty case counts as handled (the firm did the manufacturer's paperwork, so an event ticket
 * carries the execution fee) once it was sent to the manufacturer, whatever the manufacturer answered.
 */
export function isWarrantyHandled(status: WarrantyStatus): boolean {
  return status === "sent" || status === "returned" || status === "rejected";
}

/** A loan is overdue from the day after its due date (local dates, `YYYY-MM-DD`) until it comes back. */
export function isLoanOverdue(loan: { dueOn: string; returnedAt: string | null }, today: string): boolean {
  return loan.returnedAt === null && loan.dueOn < today;
}

/** Why a loaner cannot be lent, or null when it can (only contract tickets get loaners, seed §1.1). */
export function lendRefusal(
  loaner: { state: LoanerState },
  ticket: { serviceKind: string; status: string },
): "loaner.not_available" | "loaner.contract_only" | "loaner.ticket_closed" | null {
  if (loaner.state !== "available") return "loaner.not_available";
  if (ticket.serviceKind !== "contract") return "loaner.contract_only";
  if (ticket.status === "closed" || ticket.status === "cancelled") return "loaner.ticket_closed";
  return null;
}
