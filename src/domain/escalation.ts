import { type Coded, coded } from "./messages.js";
import type { SlaStateName } from "./sla.js";

/** 0: on time; 1: near the response deadline; 2: past it. Escalation only ever rises. */
export type EscalationLevel = 0 | 1 | 2;

export function escalationLevelOf(state: SlaStateName): EscalationLevel {
  if (state === "breached") return 2;
  return state === "near" ? 1 : 0;
}

/**
 * The level to raise a ticket to, or null when nobody needs to hear about it again. `open`: whether
 * the desk is open now. "Near" is counted in business minutes, so a deadline at Monday 09:30 is
 * "near" from Friday's closing on: warned then, the desk would hear it on Saturday with nobody to act
 * and not again when it matters. It waits for the opening (a breach is never waited for).
 */
export function escalationStep(current: number, state: SlaStateName, open: boolean): EscalationLevel | null {
  const level = escalationLevelOf(state);
  if (level === 1 && !open) return null;
  return level > current ? level : null;
}

/** What the notification says, as a code (`notification.sla_breached` / `notification.sla_near`). */
export function escalationMessage(level: EscalationLevel, folio: string, title: string): Coded {
  return coded(level === 2 ? "notification.sla_breached" : "notification.sla_near", { folio, title });
}
