import type { Ticket } from "../contract";
import type { MessageKey, Vars } from "../i18n";
import { formatMinutes } from "./format";

type Sla = Pick<Ticket, "slaState" | "businessMinutesLeft" | "respondedAt">;

/**
 * The number a duration's words agree with, as formatMinutes writes it: `1 h` and `1 min` are one
 * (Spanish «Queda 1 h hábil»), `1 h 30 min`, `2 h` and `0 min` are more («Quedan … hábiles»).
 */
export function durationCount(minutes: number): number {
  const abs = Math.abs(Math.round(minutes));
  if (abs < 60) return abs;
  return abs % 60 === 0 ? abs / 60 : abs;
}

/** The SLA badge's words: time left, time since breach, or — once answered — how late the answer was. */
export function slaText(t: (key: MessageKey, vars?: Vars) => string, sla: Sla): string {
  const { slaState, businessMinutesLeft, respondedAt } = sla;
  const late = {
    time: formatMinutes(Math.abs(businessMinutesLeft)),
    count: durationCount(businessMinutesLeft),
  };
  if (slaState === "met") return t("sla.met");
  if (slaState !== "breached")
    return t("sla.left", {
      time: formatMinutes(businessMinutesLeft),
      count: durationCount(businessMinutesLeft),
    });
  // A late answer is history, not an alarm: "Vencido hace 2 h" on a closed ticket read as still open.
  if (respondedAt) return businessMinutesLeft === 0 ? t("sla.respondedLate") : t("sla.respondedLateBy", late);
  // Past a deadline outside business hours no business minute has passed yet: never "hace 0 min".
  return businessMinutesLeft === 0 ? t("sla.breached") : t("sla.breachedBy", late);
}

/** Only an unanswered breach is an alarm (filled badge); a late answer is shown, not shouted. */
export const slaAlarm = (sla: Sla) => sla.slaState === "breached" && !sla.respondedAt;
