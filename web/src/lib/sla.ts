import type { Ticket } from "../contract";
import type { MessageKey, Vars } from "../i18n";
import { formatMinutes } from "./format";

type Sla = Pick<Ticket, "slaState" | "businessMinutesLeft" | "respondedAt">;

/** The SLA badge's words: time left, time since breach, or — once answered — how late the answer was. */
export function slaText(t: (key: MessageKey, vars?: Vars) => string, sla: Sla): string {
  const { slaState, businessMinutesLeft, respondedAt } = sla;
  const late = formatMinutes(Math.abs(businessMinutesLeft));
  if (slaState === "met") return t("sla.met");
  if (slaState !== "breached") return t("sla.left", { time: formatMinutes(businessMinutesLeft) });
  // A late answer is history, not an alarm: "Vencido hace 2 h" on a closed ticket read as still open.
  if (respondedAt)
    return businessMinutesLeft === 0 ? t("sla.respondedLate") : t("sla.respondedLateBy", { time: late });
  // Past a deadline outside business hours no business minute has passed yet: never "hace 0 min".
  return businessMinutesLeft === 0 ? t("sla.breached") : t("sla.breachedBy", { time: late });
}

/** Only an unanswered breach is an alarm (filled badge); a late answer is shown, not shouted. */
export const slaAlarm = (sla: Sla) => sla.slaState === "breached" && !sla.respondedAt;
