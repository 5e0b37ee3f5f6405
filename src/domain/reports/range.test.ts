import { describe, expect, it } from "vitest";
import { buckets, localRange, monthsAndDays, todayAndWeek } from "./range.js";

const MX = "America/Mexico_City";

describe("local report ranges", () => {
  it.each([
    [
      "a month in Mexico City",
      "2026-11-01",
      "2026-11-30",
      MX,
      "2026-11-01T06:00:00.000Z",
      "2026-12-01T06:00:00.000Z",
    ],
    ["one day", "2026-11-16", "2026-11-16", MX, "2026-11-16T06:00:00.000Z", "2026-11-17T06:00:00.000Z"],
    [
      "a day crossing a DST change",
      "2026-03-08",
      "2026-03-08",
      "America/New_York",
      "2026-03-08T05:00:00.000Z",
      "2026-03-09T04:00:00.000Z",
    ],
    ["UTC", "2026-01-01", "2026-12-31", "UTC", "2026-01-01T00:00:00.000Z", "2027-01-01T00:00:00.000Z"],
  ])("%s", (_n, from, to, zone, start, end) => {
    expect(localRange(from, to, zone)).toMatchObject({ start, end });
  });
});

describe("buckets", () => {
  it.each([
    [
      "weeks start on Monday, clipped to the range and labelled by the first day they count",
      "2026-11-01",
      "2026-11-10",
      "week",
      [
        ["2026-11-01", "2026-11-01T06:00:00.000Z", "2026-11-02T06:00:00.000Z"],
        ["2026-11-02", "2026-11-02T06:00:00.000Z", "2026-11-09T06:00:00.000Z"],
        ["2026-11-09", "2026-11-09T06:00:00.000Z", "2026-11-11T06:00:00.000Z"],
      ],
    ],
    [
      "months, clipped",
      "2026-11-15",
      "2027-01-10",
      "month",
      [
        ["2026-11", "2026-11-15T06:00:00.000Z", "2026-12-01T06:00:00.000Z"],
        ["2026-12", "2026-12-01T06:00:00.000Z", "2027-01-01T06:00:00.000Z"],
        ["2027-01", "2027-01-01T06:00:00.000Z", "2027-01-11T06:00:00.000Z"],
      ],
    ],
  ] as const)("%s", (_n, from, to, size, expected) => {
    expect(buckets(from, to, MX, size).map((b) => [b.label, b.start, b.end])).toEqual(expected);
  });

  it("five years of weeks stay contiguous", () => {
    const bs = buckets("2021-01-01", "2025-12-31", MX, "week");
    for (let i = 1; i < bs.length; i++) expect(bs[i]!.start).toBe(bs[i - 1]!.end);
    expect(bs.at(-1)!.end).toBe(localRange("2021-01-01", "2025-12-31", MX).end);
  });
});

describe("today and this week", () => {
  it.each([
    ["a Tuesday morning", "2026-12-01T16:05:00Z", "2026-12-01T06:00:00.000Z", "2026-11-30T06:00:00.000Z"],
    [
      "late Sunday night local (already Monday in UTC)",
      "2026-11-30T05:30:00Z",
      "2026-11-29T06:00:00.000Z",
      "2026-11-23T06:00:00.000Z",
    ],
  ])("%s", (_n, now, today, week) => {
    expect(todayAndWeek(Date.parse(now), MX)).toEqual({ today, week });
  });
});

describe("monthly and daily summary rows of a range", () => {
  it.each([
    ["a whole year by month", "2025-12-01", "2026-11-30", ["2026-01-01"], 12, []],
    [
      "whole months inside, days at both ends",
      "2026-01-15",
      "2026-04-10",
      [],
      2,
      [
        { from: "2026-01-15", to: "2026-01-31" },
        { from: "2026-04-01", to: "2026-04-10" },
      ],
    ],
    ["part of one month", "2026-11-05", "2026-11-20", [], 0, [{ from: "2026-11-05", to: "2026-11-20" }]],
    // Weeks split every month here: days only.
    [
      "weekly periods",
      "2026-10-01",
      "2026-11-30",
      ["2026-10-05", "2026-11-02", "2026-11-30"],
      0,
      [{ from: "2026-10-01", to: "2026-11-30" }],
    ],
  ] as const)("%s", (_n, from, to, ends, months, days) => {
    const split = monthsAndDays(from, to, ends);
    expect(split.months).toHaveLength(months);
    expect(split.days).toEqual(days);
  });
});
