import { describe, expect, it } from "vitest";
import type { CalendarSettings } from "../../contract";
import { weekIssues } from "./weekIssues";

const closed = { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] };
const week = (monday: { start: string; end: string }[]): CalendarSettings["weeklyHours"] => ({
  ...closed,
  1: monday,
  2: [{ start: "09:00", end: "18:00" }],
});
const t = (key: string) => key;

describe("the weekly hours' ranges refused on their own fields", () => {
  it.each([
    ["a usable day", [{ start: "09:00", end: "14:00" }], {}],
    ["up to midnight", [{ start: "18:00", end: "24:00" }], {}],
    [
      "end before start",
      [{ start: "09:00", end: "07:00" }],
      { "weeklyHours.1.0.end": "calendar.endBeforeStart" },
    ],
    [
      "end at its start",
      [{ start: "09:00", end: "09:00" }],
      { "weeklyHours.1.0.end": "calendar.endBeforeStart" },
    ],
    [
      "the second range inside the first",
      [
        { start: "09:00", end: "14:00" },
        { start: "13:00", end: "18:00" },
      ],
      { "weeklyHours.1.1.start": "calendar.rangesOverlap" },
    ],
    // Not yet HH:MM: the schema's refusal, not this one.
    ["a time being typed", [{ start: "9 am", end: "14:00" }], {}],
  ])("%s", (_name, monday, expected) => {
    expect(weekIssues(week(monday), t)).toEqual(expected);
  });
});
