import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { addBusinessMinutes, businessMinutesBetween, isOpen } from "./arithmetic.js";
import type { BusinessCalendar } from "./calendar.js";
import { explainDeadline } from "./explain.js";
import { mexicanStatutoryHolidays } from "./holidays.js";
import { calendar, everyDay } from "./test-support.js";
import type { CalendarConfig } from "./types.js";

const NY_OFFICE: Partial<CalendarConfig> = {
  timeZone: "America/New_York",
  weeklyHours: {
    ...everyDay([
      { start: "09:00", end: "13:00" },
      { start: "14:00", end: "17:30" },
    ]),
    6: [{ start: "10:00", end: "12:00" }],
    7: [],
  },
  closures: [
    { date: "2020-12-24", from: "12:00", reason: "Nochebuena" },
    { date: "2021-07-05", reason: "Puente" },
    { date: "2030-03-11", from: "10:00", to: "15:00", reason: "Auditoría" },
  ],
  removedHolidays: ["2019-02-04"],
};

// Ranges that contain the DST switch hours, to stress the wall → instant mapping.
const MADRID_NIGHTS: Partial<CalendarConfig> = {
  timeZone: "Europe/Madrid",
  statutoryHolidays: false,
  weeklyHours: everyDay([
    { start: "01:30", end: "02:30" },
    { start: "02:45", end: "03:15" },
    { start: "22:00", end: "24:00" },
  ]),
};

const calendars: [string, BusinessCalendar][] = [
  ["Mexico City default", calendar()],
  ["New York office", calendar(NY_OFFICE)],
  ["Madrid night shift", calendar(MADRID_NIGHTS)],
];

const instant = fc.integer({ min: Date.UTC(2015, 0, 1), max: Date.UTC(2035, 11, 31) });
const minutes = fc.oneof(fc.integer({ min: 0, max: 200 * 60 }), fc.integer({ min: 0, max: 2000 * 60 }));
const fractional = fc.integer({ min: 0, max: 12_000 * 60_000 }).map((ms) => ms / 60_000);
const runs = { numRuns: 300 };

describe.each(calendars)("properties: %s", (_name, cal) => {
  it("add-then-measure returns the same minutes", () => {
    fc.assert(
      fc.property(instant, fc.oneof(minutes, fractional), (from, m) => {
        const due = addBusinessMinutes(cal, from, m);
        expect(businessMinutesBetween(cal, from, due)).toBeCloseTo(m, 9);
      }),
      runs,
    );
  });

  it("results fall in open time or exactly at a closing boundary", () => {
    fc.assert(
      fc.property(instant, minutes, (from, m) => {
        const due = addBusinessMinutes(cal, from, m);
        expect(due).toBeGreaterThanOrEqual(from);
        if (m === 0) expect(isOpen(cal, due)).toBe(true);
        else expect(isOpen(cal, due) || (isOpen(cal, due - 1) && !isOpen(cal, due))).toBe(true);
      }),
      runs,
    );
  });

  it("is monotone in from and in minutes", () => {
    fc.assert(
      fc.property(instant, instant, minutes, minutes, (a, b, m1, m2) => {
        const [f1, f2] = a <= b ? [a, b] : [b, a];
        const [n1, n2] = m1 <= m2 ? [m1, m2] : [m2, m1];
        expect(addBusinessMinutes(cal, f1, n1)).toBeLessThanOrEqual(addBusinessMinutes(cal, f2, n1));
        expect(addBusinessMinutes(cal, f1, n1)).toBeLessThanOrEqual(addBusinessMinutes(cal, f1, n2));
      }),
      runs,
    );
  });

  it("businessMinutesBetween is additive and antisymmetric", () => {
    fc.assert(
      fc.property(instant, instant, instant, (a, b, c) => {
        const ab = businessMinutesBetween(cal, a, b);
        const bc = businessMinutesBetween(cal, b, c);
        expect(ab + bc).toBeCloseTo(businessMinutesBetween(cal, a, c), 6);
        expect(businessMinutesBetween(cal, b, a)).toBe(ab === 0 ? 0 : -ab);
      }),
      runs,
    );
  });

  it("chained additions equal one addition", () => {
    fc.assert(
      fc.property(instant, minutes, minutes, (from, m1, m2) => {
        const stepped = addBusinessMinutes(cal, addBusinessMinutes(cal, from, m1), m2);
        const direct = addBusinessMinutes(cal, from, m1 + m2);
        // Stepping may stop at a closing boundary where the direct sum continues past it.
        expect(businessMinutesBetween(cal, stepped, direct)).toBe(0);
      }),
      runs,
    );
  });

  it("the explanation's intervals add up to the minutes requested", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 20_000 }), (from, m) => {
        const e = explainDeadline(cal, from, m);
        const total = e.intervals.reduce((s, i) => s + (i.end - i.start), 0);
        expect(total).toBe(m * 60_000);
        for (const i of e.intervals) expect(isOpen(cal, i.start)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

/** Independent oracle: reads the wall clock with Luxon and applies the configuration literally. */
function oracleIsOpen(cfg: Partial<CalendarConfig>, ms: number): boolean {
  const dt = DateTime.fromMillis(ms, { zone: cfg.timeZone });
  const date = dt.toISODate() ?? "";
  const minute = dt.hour * 60 + dt.minute + (dt.second * 1000 + dt.millisecond) / 60_000;
  const toMin = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
  const ranges = cfg.weeklyHours?.[dt.weekday as 1] ?? [];
  if (!ranges.some((r) => minute >= toMin(r.start) && minute < toMin(r.end))) return false;
  const holidays = mexicanStatutoryHolidays(dt.year).map((h) => h.date);
  if (holidays.includes(date) && !(cfg.removedHolidays ?? []).includes(date)) return false;
  return !(cfg.closures ?? []).some(
    (c) => c.date === date && minute >= toMin(c.from ?? "00:00") && minute < toMin(c.to ?? "24:00"),
  );
}

describe("isOpen agrees with a wall-clock oracle", () => {
  const ny = calendar(NY_OFFICE);
  it("New York office, 2015–2035, including DST weekends", () => {
    fc.assert(
      fc.property(instant, (t) => {
        expect(isOpen(ny, t)).toBe(oracleIsOpen(NY_OFFICE, t));
      }),
      { numRuns: 3000 },
    );
  });

  it("around every closure and holiday boundary of 2020–2021", () => {
    for (let t = Date.UTC(2020, 11, 20); t < Date.UTC(2021, 0, 10); t += 7 * 60_000) {
      expect(isOpen(ny, t)).toBe(oracleIsOpen(NY_OFFICE, t));
    }
  });
});
