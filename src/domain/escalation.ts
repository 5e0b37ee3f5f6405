import type { SlaStateName } from "./sla.js";

/** 0: on time; 1: near the response deadline; 2: past it. Escalation only ever rises. */
export type EscalationLevel = 0 | 1 | 2;

export function escalationLevelOf(state: SlaStateName): EscalationLevel {
  if (state === "breached") return 2;
  return state === "near" ? 1 : 0;
}

/** The level to raise a ticket to, or null when nobody needs to hear about it again. */
export function escalationStep(current: number, state: SlaStateName): EscalationLevel | null {
  const level = escalationLevelOf(state);
  return level > current ? level : null;
}

export function escalationMessage(level: EscalationLevel, folio: string, title: string): string {
  return level === 2
    ? `${folio} venció su tiempo de respuesta sin atención: ${title}`
    : `${folio} está por vencer su tiempo de respuesta: ${title}`;
}
