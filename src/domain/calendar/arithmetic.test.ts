import { describe, expect, it } from "vitest";
import {
  addBusinessMinutes,
  businessMinutesBetween,
  isOpen,
  MAX_DEADLINE_MINUTES,
  maxBusinessMinutes,
  nextOpening,
  weeklyOpenMinutes,
} from "./arithmetic.js";
import { compileCalendar } from "./calendar.js";
import { at, calendar, config, everyDay, MX, wall } from "./test-support.js";
import { CalendarRangeError, DEFAULT_CALENDAR_CONFIG } from "./types.js";

const cal = compileCalendar(DEFAULT_CALENDAR_CONFIG);
const add = (from: string, minutes: number) => wall(addBusinessMinutes(cal, at(from), minutes));

describe("addBusinessMinutes on the default calendar", () => {
  it.each<[string, string, number, string]>([
    // SPEC §4 example: contract urgent, registered Friday 16:30.
    ["Friday afternoon rolls to Monday", "2026-11-27T16:30", 60, "2026-11-30T09:30"],
    ["…and to Tuesday when Monday is a holiday", "2026-11-13T16:30", 60, "2026-11-17T09:30"],
    ["same-day contract normal", "2026-03-03T10:15", 120, "2026-03-03T12:15"],
    ["a deadline landing on closing time stays at 17:00", "2026-03-03T16:00", 60, "2026-03-03T17:00"],
    ["overnight rollover", "2026-03-04T16:00", 240, "2026-03-05T12:00"],
    ["registered at night starts at next opening", "2026-03-03T20:00", 120, "2026-03-04T11:00"],
    ["registered before opening", "2026-03-03T07:45", 60, "2026-03-03T10:00"],
    ["registered on Saturday", "2026-03-07T11:00", 480, "2026-03-09T17:00"],
    ["registered on Sunday, event urgent", "2026-03-08T23:59", 240, "2026-03-09T13:00"],
    ["a whole week (5 × 8 h)", "2026-03-02T09:00", 2400, "2026-03-06T17:00"],
    ["skips Constitution Day", "2026-01-30T16:00", 120, "2026-02-03T10:00"],
    ["skips Christmas and the weekend", "2026-12-24T16:00", 120, "2026-12-28T10:00"],
    ["skips New Year across the year boundary", "2026-12-31T16:00", 120, "2027-01-04T10:00"],
    ["skips 1 October 2024 (presidential transition)", "2024-09-30T16:00", 120, "2024-10-02T10:00"],
    ["fractional minutes, exact to the ms", "2026-03-03T09:00", 0.5, "2026-03-03T09:00:30.000"],
  ])("%s", (_name, from, minutes, expected) => {
    expect(add(from, minutes)).toBe(expected);
  });

  it("adds one millisecond for 1/60000 of a minute", () => {
    const from = at("2026-03-03T10:00");
    expect(addBusinessMinutes(cal, from, 1 / 60000)).toBe(from + 1);
  });

  it("with zero minutes returns the instant itself when open, else the next opening", () => {
    expect(add("2026-03-03T10:00", 0)).toBe("2026-03-03T10:00");
    expect(add("2026-03-03T09:00", 0)).toBe("2026-03-03T09:00");
    expect(add("2026-03-03T17:00", 0)).toBe("2026-03-04T09:00");
    expect(add("2026-03-06T18:00", 0)).toBe("2026-03-09T09:00");
    expect(add("2026-03-13T18:00", 0)).toBe("2026-03-17T09:00");
  });

  it("handles a two-thousand-hour span", () => {
    const from = at("2026-01-05T09:00");
    const due = addBusinessMinutes(cal, from, 2000 * 60);
    expect(businessMinutesBetween(cal, from, due)).toBe(2000 * 60);
  });

  it("refuses negative, NaN and infinite inputs", () => {
    const from = at("2026-03-03T10:00");
    expect(() => addBusinessMinutes(cal, from, -1)).toThrow(RangeError);
    expect(() => addBusinessMinutes(cal, from, Number.NaN)).toThrow("Business minutes");
    expect(() => addBusinessMinutes(cal, Number.POSITIVE_INFINITY, 1)).toThrow(RangeError);
  });

  it("refuses instants outside the supported years", () => {
    expect(() => addBusinessMinutes(cal, Date.UTC(2500, 0, 1), 1)).toThrow(CalendarRangeError);
  });
});

describe("closures and reopened holidays", () => {
  it("honours a partial closure from 13:00 on 24 December", () => {
    const c = calendar({ closures: [{ date: "2026-12-24", from: "13:00", reason: "Nochebuena" }] });
    expect(wall(addBusinessMinutes(c, at("2026-12-24T12:00"), 120))).toBe("2026-12-28T10:00");
    expect(wall(addBusinessMinutes(c, at("2026-12-24T12:00"), 60))).toBe("2026-12-24T13:00");
    expect(isOpen(c, at("2026-12-24T12:59"))).toBe(true);
    expect(isOpen(c, at("2026-12-24T13:00"))).toBe(false);
  });

  it("honours a closure until a time and one in the middle of the day", () => {
    const c = calendar({
      closures: [
        { date: "2026-03-03", to: "11:00", reason: "Inventario" },
        { date: "2026-03-04", from: "12:00", to: "14:00", reason: "Junta general" },
      ],
    });
    expect(wall(addBusinessMinutes(c, at("2026-03-03T08:00"), 30))).toBe("2026-03-03T11:30");
    expect(wall(addBusinessMinutes(c, at("2026-03-04T11:00"), 120))).toBe("2026-03-04T15:00");
    expect(businessMinutesBetween(c, at("2026-03-04T00:00"), at("2026-03-05T00:00"))).toBe(360);
  });

  it("honours a whole-day closure", () => {
    const c = calendar({ closures: [{ date: "2026-03-30", reason: "Mantenimiento" }] });
    expect(wall(addBusinessMinutes(c, at("2026-03-27T16:30"), 60))).toBe("2026-03-31T09:30");
  });

  it("opens a holiday an admin removed", () => {
    const c = calendar({ removedHolidays: ["2026-11-16"] });
    expect(wall(addBusinessMinutes(c, at("2026-11-13T16:30"), 60))).toBe("2026-11-16T09:30");
  });

  it("ignores statutory days when they are turned off", () => {
    const c = calendar({ statutoryHolidays: false });
    expect(wall(addBusinessMinutes(c, at("2026-11-13T16:30"), 60))).toBe("2026-11-16T09:30");
  });
});

describe("other weekly schedules", () => {
  it("skips a lunch break", () => {
    const c = calendar({
      weeklyHours: {
        ...config().weeklyHours,
        2: [
          { start: "09:00", end: "13:00" },
          { start: "14:00", end: "18:00" },
        ],
      },
    });
    expect(wall(addBusinessMinutes(c, at("2026-03-03T12:30"), 60))).toBe("2026-03-03T14:30");
    expect(wall(addBusinessMinutes(c, at("2026-03-03T12:00"), 60))).toBe("2026-03-03T13:00");
    expect(weeklyOpenMinutes(c)).toBe(4 * 480 + 480);
  });

  it("treats a 24/7 calendar without holidays as plain elapsed time", () => {
    const c = calendar({
      timeZone: "UTC",
      statutoryHolidays: false,
      weeklyHours: everyDay([{ start: "00:00", end: "24:00" }]),
    });
    const from = Date.UTC(2026, 11, 31, 22, 17, 3, 9);
    expect(addBusinessMinutes(c, from, 1234.5)).toBe(from + 1234.5 * 60000);
    expect(businessMinutesBetween(c, from, from + 10 * 86400000)).toBe(14400);
  });

  it("works on a calendar open only on Saturdays", () => {
    const closed = { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [{ start: "10:00", end: "12:00" }], 7: [] };
    const c = calendar({ weeklyHours: closed });
    expect(wall(addBusinessMinutes(c, at("2026-03-02T10:00"), 150))).toBe("2026-03-14T10:30");
  });
});

describe("businessMinutesBetween, isOpen, nextOpening", () => {
  it("counts open minutes in [a, b) and is negative backwards", () => {
    const a = at("2026-11-13T16:30");
    const b = at("2026-11-17T09:30");
    expect(businessMinutesBetween(cal, a, b)).toBe(60);
    expect(businessMinutesBetween(cal, b, a)).toBe(-60);
    expect(businessMinutesBetween(cal, a, a)).toBe(0);
    expect(Object.is(businessMinutesBetween(cal, at("2026-03-07T10:00"), at("2026-03-07T09:00")), 0)).toBe(
      true,
    );
  });

  it("sums whole years across year boundaries", () => {
    const minutes = businessMinutesBetween(cal, at("2024-01-01T00:00"), at("2027-01-01T00:00"));
    // 2024: 262 weekdays − 8 holidays on weekdays; 2025: 261 − 7; 2026: 261 − 7 (all of them on weekdays).
    expect(minutes).toBe((254 + 254 + 254) * 480);
  });

  it("isOpen is true at opening and false at closing", () => {
    expect(isOpen(cal, at("2026-03-03T09:00"))).toBe(true);
    expect(isOpen(cal, at("2026-03-03T16:59"))).toBe(true);
    expect(isOpen(cal, at("2026-03-03T17:00"))).toBe(false);
    expect(isOpen(cal, at("2026-03-16T10:00"))).toBe(false);
    expect(isOpen(cal, at("2026-03-07T10:00"))).toBe(false);
  });

  it("nextOpening", () => {
    expect(wall(nextOpening(cal, at("2026-03-13T17:00")))).toBe("2026-03-17T09:00");
    expect(wall(nextOpening(cal, at("2026-03-13T11:11")))).toBe("2026-03-13T11:11");
  });

  it("accepts a plain { config } object as calendar", () => {
    const plain = { config: structuredClone(DEFAULT_CALENDAR_CONFIG) };
    expect(wall(addBusinessMinutes(plain, at("2026-11-27T16:30"), 60), MX)).toBe("2026-11-30T09:30");
  });
});

describe("limits", () => {
  it("maxBusinessMinutes is ten 52-week years of the weekly hours", () => {
    expect(maxBusinessMinutes(cal)).toBe(52 * 10 * 2400);
    expect(MAX_DEADLINE_MINUTES).toBe(maxBusinessMinutes(cal));
  });

  it("computes a deadline of maxBusinessMinutes", () => {
    const from = at("2026-01-05T09:00");
    const due = addBusinessMinutes(cal, from, maxBusinessMinutes(cal));
    expect(new Date(due).getUTCFullYear()).toBe(2036);
    expect(businessMinutesBetween(cal, from, due)).toBe(maxBusinessMinutes(cal));
  });

  it("stops at the calculation horizon instead of looping", () => {
    const tiny = calendar({
      weeklyHours: { 1: [{ start: "09:00", end: "09:01" }], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] },
    });
    expect(() => addBusinessMinutes(tiny, at("2026-03-03T10:00"), 52 * 100)).toThrow(CalendarRangeError);
  });
});
