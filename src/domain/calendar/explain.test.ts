import { describe, expect, it } from "vitest";
import { compileCalendar } from "./calendar.js";
import { closedDaysInMonth, explainDeadline, holidaysInYear, localDateOf } from "./explain.js";
import { at, calendar, wall } from "./test-support.js";
import { DEFAULT_CALENDAR_CONFIG } from "./types.js";

const cal = compileCalendar(DEFAULT_CALENDAR_CONFIG);

describe("explainDeadline", () => {
  it("explains the SPEC example with a holiday Monday", () => {
    const e = explainDeadline(cal, at("2026-11-13T16:30"), 60);
    expect(wall(e.dueAt)).toBe("2026-11-17T09:30");
    expect(e.intervals.map((i) => [wall(i.start), wall(i.end), i.minutes])).toEqual([
      ["2026-11-13T16:30", "2026-11-13T17:00", 30],
      ["2026-11-17T09:00", "2026-11-17T09:30", 30],
    ]);
    expect(e.skipped).toEqual([
      { date: "2026-11-14", kind: "weekend", weekday: 6 },
      { date: "2026-11-15", kind: "weekend", weekday: 7 },
      { date: "2026-11-16", kind: "holiday", holiday: "revolution_day" },
    ]);
  });

  it("lists partial closures, holidays and admin closures in order", () => {
    const c = calendar({
      closures: [
        { date: "2026-12-24", from: "13:00", reason: "Nochebuena" },
        { date: "2026-12-28", reason: "Inventario anual" },
      ],
    });
    const e = explainDeadline(c, at("2026-12-24T12:00"), 120);
    expect(wall(e.dueAt)).toBe("2026-12-29T10:00");
    expect(e.skipped).toEqual([
      { date: "2026-12-24", kind: "closure", reason: "Nochebuena", from: "13:00", to: "24:00" },
      { date: "2026-12-25", kind: "holiday", holiday: "christmas" },
      { date: "2026-12-26", kind: "weekend", weekday: 6 },
      { date: "2026-12-27", kind: "weekend", weekday: 7 },
      { date: "2026-12-28", kind: "closure", reason: "Inventario anual" },
    ]);
    expect(e.intervals.reduce((s, i) => s + i.minutes, 0)).toBe(120);
  });

  it("omits a partial closure already past or outside open hours", () => {
    const c = calendar({
      closures: [
        { date: "2026-03-03", to: "10:00", reason: "Junta" },
        { date: "2026-03-04", from: "18:00", reason: "Evento nocturno" },
      ],
    });
    const e = explainDeadline(c, at("2026-03-03T11:00"), 480);
    expect(wall(e.dueAt)).toBe("2026-03-04T11:00");
    expect(e.skipped).toEqual([]);
  });

  it("reports a weekday without hours as closed_day", () => {
    const c = calendar({ weeklyHours: { ...structuredClone(DEFAULT_CALENDAR_CONFIG.weeklyHours), 3: [] } });
    const e = explainDeadline(c, at("2026-03-03T16:00"), 120);
    expect(wall(e.dueAt)).toBe("2026-03-05T10:00");
    expect(e.skipped).toEqual([{ date: "2026-03-04", kind: "closed_day", weekday: 3 }]);
  });

  it("includes the day of registration when it is closed", () => {
    const e = explainDeadline(cal, at("2026-03-07T10:00"), 0);
    expect(wall(e.dueAt)).toBe("2026-03-09T09:00");
    expect(e.intervals).toEqual([]);
    expect(e.skipped.map((s) => s.date)).toEqual(["2026-03-07", "2026-03-08"]);
  });

  it("is empty for a zero-minute deadline during open hours", () => {
    const from = at("2026-03-03T10:00");
    expect(explainDeadline(cal, from, 0)).toEqual({ dueAt: from, intervals: [], skipped: [] });
  });

  it("crosses the year boundary", () => {
    const e = explainDeadline(cal, at("2026-12-31T16:00"), 120);
    expect(e.intervals.map((i) => i.minutes)).toEqual([60, 60]);
    expect(e.skipped.map((s) => s.holiday ?? s.weekday)).toEqual(["new_year", 6, 7]);
  });
});

describe("closedDaysInMonth", () => {
  it("lists weekends, holidays and closures of November 2026", () => {
    const c = calendar({ closures: [{ date: "2026-11-20", from: "15:00", reason: "Posada" }] });
    const days = closedDaysInMonth(c, 2026, 11);
    expect(days.filter((d) => d.kind === "weekend")).toHaveLength(9);
    expect(days.filter((d) => d.kind !== "weekend")).toEqual([
      { date: "2026-11-16", kind: "holiday", holiday: "revolution_day" },
      { date: "2026-11-20", kind: "closure", reason: "Posada", from: "15:00", to: "24:00" },
    ]);
  });

  it("reports a holiday on a weekend as a holiday, and omits reopened ones", () => {
    const c = calendar({ removedHolidays: ["2027-02-01"] });
    expect(closedDaysInMonth(c, 2027, 5).find((d) => d.date === "2027-05-01")?.kind).toBe("holiday");
    expect(closedDaysInMonth(c, 2027, 2).some((d) => d.date === "2027-02-01")).toBe(false);
  });

  it("rejects a bad month", () => {
    expect(() => closedDaysInMonth(cal, 2026, 13)).toThrow(RangeError);
  });
});

describe("helpers", () => {
  it("localDateOf uses the calendar's zone", () => {
    expect(localDateOf(cal, Date.UTC(2027, 0, 1, 3))).toBe("2026-12-31");
    expect(localDateOf(cal, Date.UTC(2027, 0, 1, 6))).toBe("2027-01-01");
  });

  it("holidaysInYear flags reopened holidays", () => {
    const c = calendar({ removedHolidays: ["2026-11-16"] });
    expect(holidaysInYear(c, 2026).filter((h) => h.removed)).toEqual([
      { date: "2026-11-16", key: "revolution_day", removed: true },
    ]);
    expect(holidaysInYear(calendar({ statutoryHolidays: false }), 2026)).toEqual([]);
  });
});
