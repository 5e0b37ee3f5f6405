/**
 * Billable time (SPEC §5, seed §1.1/§1.2): the ticket's total attention time rounded up once,
 * to the quarter hour for contract work and to the whole hour for per-event work.
 */
import type { ServiceKind } from "./sla.js";

export interface RoundingIncrements {
  contract: number;
  event: number;
}

export const DEFAULT_ROUNDING: RoundingIncrements = Object.freeze({ contract: 15, event: 60 });

/** Rounds up to a multiple of `increment`: 61 → 75 (15), 61 → 120 (60); 0 and exact multiples stay. */
export function roundUpMinutes(rawMinutes: number, increment: number): number {
  if (!Number.isSafeInteger(rawMinutes) || rawMinutes < 0) {
    throw new RangeError("Logged minutes must be a whole number, zero or more");
  }
  if (!Number.isSafeInteger(increment) || increment <= 0) {
    throw new RangeError("The rounding increment must be a positive whole number of minutes");
  }
  return Math.ceil(rawMinutes / increment) * increment;
}

export function billableMinutes(
  rawMinutes: number,
  kind: ServiceKind,
  inc: RoundingIncrements = DEFAULT_ROUNDING,
): number {
  return roundUpMinutes(rawMinutes, kind === "contract" ? inc.contract : inc.event);
}
