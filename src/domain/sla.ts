/** Response-time SLA (SPEC §4): targets by service kind and urgency, and the live state of a ticket. */
import { type BusinessCalendar, businessMinutesBetween } from "./calendar/index.js";

export type ServiceKind = "contract" | "event";

/** Business minutes to the first response. */
export interface SlaTargets {
  contractNormal: number;
  contractUrgent: number;
  eventNormal: number;
  eventUrgent: number;
}

/** From the seed: póliza 2 h / 1 h urgent; evento 8 h / 4 h urgent, all in business hours. */
export const DEFAULT_SLA_TARGETS: SlaTargets = Object.freeze({
  contractNormal: 120,
  contractUrgent: 60,
  eventNormal: 480,
  eventUrgent: 240,
});

export const DEFAULT_NEAR_THRESHOLD_MINUTES = 30;

/**
 * A contract may quote its own targets ("cotización de cada cliente"); a null or missing
 * override falls back to the firm-wide target. Overrides only apply to contract work.
 */
export function responseTargetMinutes(
  kind: ServiceKind,
  urgent: boolean,
  targets: SlaTargets,
  contractOverride?: { normal?: number | null; urgent?: number | null } | null,
): number {
  if (kind === "contract") {
    const override = urgent ? contractOverride?.urgent : contractOverride?.normal;
    if (typeof override === "number") return override;
    return urgent ? targets.contractUrgent : targets.contractNormal;
  }
  return urgent ? targets.eventUrgent : targets.eventNormal;
}

export type SlaStateName = "ok" | "near" | "breached" | "met";

export interface SlaState {
  responseDueAt: number;
  respondedAt: number | null;
  responseBreached: boolean;
  /** Business minutes from now (or the response) to the deadline; negative when past it. */
  businessMinutesLeft: number;
  state: SlaStateName;
}

export function slaState(
  cal: BusinessCalendar,
  input: { responseDueAt: number; respondedAt: number | null; now: number; nearThresholdMinutes?: number },
): SlaState {
  const { responseDueAt, respondedAt, now } = input;
  const near = input.nearThresholdMinutes ?? DEFAULT_NEAR_THRESHOLD_MINUTES;
  const reference = respondedAt ?? now;
  // Breach is judged on elapsed wall time: a reply at 17:05 to a 17:00 deadline is late even
  // though no business minute passed in between.
  const responseBreached = reference > responseDueAt;
  const businessMinutesLeft = businessMinutesBetween(cal, reference, responseDueAt);
  let state: SlaStateName;
  if (responseBreached) state = "breached";
  else if (respondedAt !== null) state = "met";
  else state = businessMinutesLeft <= near ? "near" : "ok";
  return { responseDueAt, respondedAt, responseBreached, businessMinutesLeft, state };
}
