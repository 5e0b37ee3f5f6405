import { closedDaysInMonth, explainDeadline, maxBusinessMinutes } from "../../domain/calendar/index.js";
import type { Actor, AppContext } from "../context.js";
import { invalid } from "../errors.js";
import { requireStaff } from "./authz.js";
import { businessCalendar } from "./settings.js";

const iso = (ms: number) => new Date(ms).toISOString();

/** The what-if calculator reception reads from when a caller asks "when will you answer?". */
export async function deadline(ctx: AppContext, actor: Actor, from: string, minutes: number) {
  requireStaff(actor);
  const cal = await businessCalendar(ctx);
  if (minutes > maxBusinessMinutes(cal)) {
    throw invalid("Los minutos exceden diez años de horario hábil.", { field: "minutes" });
  }
  const e = explainDeadline(cal, Date.parse(from), minutes);
  return {
    dueAt: iso(e.dueAt),
    minutes,
    intervals: e.intervals.map((i) => ({ start: iso(i.start), end: iso(i.end), minutes: i.minutes })),
    skipped: e.skipped,
  };
}

export async function closedDays(ctx: AppContext, actor: Actor, year: number, month: number) {
  requireStaff(actor);
  return closedDaysInMonth(await businessCalendar(ctx), year, month);
}
