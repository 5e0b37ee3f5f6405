/**
 * Hour bank and overage (SPEC §5, issue #14 items 4 and 5). A reviewed ticket's billable minutes
 * belong to the month of its last time entry; what a month uses beyond its included minutes is billed
 * at the overage rate, prorated to the minute. A ticket reviewed after its month was billed adds to
 * that month: only the overage not billed before is billed now (never lost, never twice), and a
 * cancelled invoice gives back both its minutes and its overage, whatever the order.
 */
import { minutesAmountCents } from "./money.js";

export interface MonthUse {
  month: string; // YYYY-MM
  includedMinutes: number;
  /** Minutes of this month already billed by earlier runs. */
  billedMinutes: number;
  /** Overage minutes of this month already billed by earlier runs. */
  billedOverageMinutes: number;
  /** Minutes of this month's tickets not yet billed. */
  newMinutes: number;
}

/** Overage minutes that become due now for one month. */
export function newOverageMinutes(m: MonthUse): number {
  const due = Math.max(0, m.billedMinutes + m.newMinutes - m.includedMinutes);
  return Math.max(0, due - m.billedOverageMinutes);
}

/** Per month: the overage minutes now due and their amount at the hourly overage rate. */
export function overageLines(months: readonly MonthUse[], overageRateCents: number) {
  return [...months]
    .sort((a, b) => a.month.localeCompare(b.month))
    .map((m) => {
      const minutes = newOverageMinutes(m);
      return { month: m.month, minutes, amountCents: minutesAmountCents(minutes, overageRateCents) };
    })
    .filter((l) => l.minutes > 0);
}

/** The hour bank of a month: included, used, left and overage minutes. */
export function hourBank(includedMinutes: number, usedMinutes: number) {
  return {
    includedMinutes,
    usedMinutes,
    leftMinutes: Math.max(0, includedMinutes - usedMinutes),
    overageMinutes: Math.max(0, usedMinutes - includedMinutes),
  };
}

/** Burn-down: minutes left at the end of each day of the month, from the days' used minutes. */
export function burnDown(includedMinutes: number, days: readonly string[], usedByDay: Map<string, number>) {
  let left = includedMinutes;
  return days.map((date) => {
    left -= usedByDay.get(date) ?? 0;
    return { date, leftMinutes: left };
  });
}
