import { describe, expect, it } from "vitest";
import { compileCalendar } from "./calendar.js";
import { config, everyDay } from "./test-support.js";
import { type CalendarConfig, CalendarConfigError, DEFAULT_CALENDAR_CONFIG, type Weekday } from "./types.js";
import { validateCalendarConfig } from "./validate.js";

const closedWeek = { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] } as Record<Weekday, []>;

function pathsOf(cfg: CalendarConfig): string[] {
  return validateCalendarConfig(cfg).map((i) => i.path);
}

describe("validateCalendarConfig", () => {
  it("accepts the default configuration", () => {
    expect(validateCalendarConfig(DEFAULT_CALENDAR_CONFIG)).toEqual([]);
  });

  it("accepts several ranges, 24:00 as end, partial closures and UTC", () => {
    const cfg = config({
      timeZone: "UTC",
      weeklyHours: everyDay([
        { start: "00:00", end: "08:00" },
        { start: "20:00", end: "24:00" },
      ]),
      closures: [
        { date: "2026-12-24", from: "13:00", reason: "Nochebuena" },
        { date: "2026-12-31", to: "11:00", reason: "Inventario" },
        { date: "2026-12-30", from: "10:00", to: "12:00", reason: "Junta" },
      ],
      removedHolidays: ["2026-11-16"],
    });
    expect(validateCalendarConfig(cfg)).toEqual([]);
  });

  it.each<[string, Partial<CalendarConfig>, string]>([
    ["unknown time zone", { timeZone: "Mars/Olympus" }, "timeZone"],
    ["empty time zone", { timeZone: "" }, "timeZone"],
    [
      "bad HH:mm",
      { weeklyHours: { ...closedWeek, 1: [{ start: "9:00", end: "17:00" }] } },
      "weeklyHours.1[0].start",
    ],
    [
      "hour 25",
      { weeklyHours: { ...closedWeek, 2: [{ start: "09:00", end: "25:00" }] } },
      "weeklyHours.2[0].end",
    ],
    [
      "24:00 as start",
      { weeklyHours: { ...closedWeek, 3: [{ start: "24:00", end: "24:00" }] } },
      "weeklyHours.3[0].start",
    ],
    [
      "inverted range",
      { weeklyHours: { ...closedWeek, 1: [{ start: "17:00", end: "09:00" }] } },
      "weeklyHours.1[0]",
    ],
    [
      "empty range",
      { weeklyHours: { ...closedWeek, 1: [{ start: "09:00", end: "09:00" }] } },
      "weeklyHours.1[0]",
    ],
    [
      "overlapping ranges",
      {
        weeklyHours: {
          ...closedWeek,
          4: [
            { start: "13:00", end: "18:00" },
            { start: "09:00", end: "14:00" },
          ],
        },
      },
      "weeklyHours.4[0]",
    ],
    ["a week without open hours", { weeklyHours: closedWeek }, "weeklyHours"],
    ["a date that does not exist", { closures: [{ date: "2026-02-30", reason: "x" }] }, "closures[0].date"],
    ["a badly written date", { closures: [{ date: "2026-2-3", reason: "x" }] }, "closures[0].date"],
    [
      "a closure ending before it starts",
      { closures: [{ date: "2026-03-03", from: "15:00", to: "10:00", reason: "x" }] },
      "closures[0]",
    ],
    [
      "a closure with a bad time",
      { closures: [{ date: "2026-03-03", from: "3pm", reason: "x" }] },
      "closures[0].from",
    ],
    ["a closure without reason", { closures: [{ date: "2026-03-03", reason: " " }] }, "closures[0].reason"],
    ["a bad reopened holiday", { removedHolidays: ["2026-13-01"] }, "removedHolidays[0]"],
  ])("reports %s", (_name, overrides, path) => {
    expect(pathsOf(config(overrides))).toContain(path);
  });

  it("returns codes with parameters, never sentences (the caller words them in its language)", () => {
    const [issue] = validateCalendarConfig(config({ timeZone: "Nowhere/City" }));
    expect(issue).toEqual({ path: "timeZone", code: "zone_unknown", params: { zone: "Nowhere/City" } });
    const overlapping = {
      ...closedWeek,
      3: [
        { start: "09:00", end: "13:00" },
        { start: "12:00", end: "17:00" },
      ],
    };
    expect(validateCalendarConfig(config({ weeklyHours: overlapping }))).toEqual([
      { path: "weeklyHours.3[1]", code: "ranges_overlap", params: { weekday: 3 } },
    ]);
  });

  it("accepts touching ranges (a lunch break of zero minutes is not an overlap)", () => {
    const weeklyHours = {
      ...closedWeek,
      1: [
        { start: "09:00", end: "13:00" },
        { start: "13:00", end: "17:00" },
      ],
    };
    expect(validateCalendarConfig(config({ weeklyHours }))).toEqual([]);
  });
});

describe("compileCalendar", () => {
  it("throws CalendarConfigError with every issue", () => {
    const bad = config({ timeZone: "Nope/Nope", closures: [{ date: "2026-02-30", reason: "x" }] });
    try {
      compileCalendar(bad);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CalendarConfigError);
      const e = err as CalendarConfigError;
      expect(e.issues.map((i) => i.path)).toEqual(["timeZone", "closures[0].date"]);
      expect(e.message).toBe(
        "Invalid calendar configuration: timeZone: zone_unknown; closures[0].date: date_invalid",
      );
    }
  });

  it("copies the configuration so later edits do not leak in", () => {
    const cfg = config();
    const cal = compileCalendar(cfg);
    cfg.closures.push({ date: "2026-03-03", reason: "x" });
    expect(cal.config.closures).toEqual([]);
  });

  it("reuses the compiled calendar for an identical configuration, and freezes it", () => {
    const a = compileCalendar(config({ closures: [{ date: "2026-03-03", reason: "x" }] }));
    const b = compileCalendar(config({ closures: [{ date: "2026-03-03", reason: "x" }] }));
    expect(a).toBe(b);
    expect(Object.isFrozen(a.config.closures[0])).toBe(true);
  });

  it("keeps the default configuration frozen", () => {
    expect(Object.isFrozen(DEFAULT_CALENDAR_CONFIG.weeklyHours[1])).toBe(true);
  });
});
