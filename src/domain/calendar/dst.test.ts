/**
 * Wall-clock ranges across DST switches. Rule under test (see zone.ts): a skipped wall time
 * maps to the transition instant, a repeated one to its first occurrence.
 */
import { describe, expect, it } from "vitest";
import { addBusinessMinutes, businessMinutesBetween, isOpen } from "./arithmetic.js";
import { at, calendar, everyDay, MX, wall } from "./test-support.js";

const NY = "America/New_York";
const MAD = "Europe/Madrid";
const noHolidays = { statutoryHolidays: false };

describe("America/New_York", () => {
  const nightShift = calendar({
    ...noHolidays,
    timeZone: NY,
    weeklyHours: everyDay([{ start: "01:00", end: "04:00" }]),
  });

  it("spring forward: a range containing the skipped hour lasts 2 real hours", () => {
    // 2026-03-08 02:00 EST → 03:00 EDT.
    expect(businessMinutesBetween(nightShift, at("2026-03-08T00:00", NY), at("2026-03-09T00:00", NY))).toBe(
      120,
    );
    expect(wall(addBusinessMinutes(nightShift, at("2026-03-08T01:00", NY), 60), NY)).toBe("2026-03-08T03:00");
    expect(wall(addBusinessMinutes(nightShift, at("2026-03-08T01:00", NY), 61), NY)).toBe("2026-03-08T03:01");
    expect(wall(addBusinessMinutes(nightShift, at("2026-03-08T01:00", NY), 120), NY)).toBe(
      "2026-03-08T04:00",
    );
    expect(addBusinessMinutes(nightShift, at("2026-03-08T01:00", NY), 120)).toBe(Date.UTC(2026, 2, 8, 8));
  });

  it("fall back: a range containing the repeated hour lasts 4 real hours", () => {
    // 2026-11-01 02:00 EDT → 01:00 EST.
    expect(businessMinutesBetween(nightShift, at("2026-11-01T00:00", NY), at("2026-11-02T00:00", NY))).toBe(
      240,
    );
    const open = Date.UTC(2026, 10, 1, 5); // 01:00 EDT
    expect(addBusinessMinutes(nightShift, open - 1, 0)).toBe(open);
    expect(addBusinessMinutes(nightShift, open, 240)).toBe(Date.UTC(2026, 10, 1, 9)); // 04:00 EST
  });

  it("a range starting inside the skipped hour opens at the transition", () => {
    const c = calendar({
      ...noHolidays,
      timeZone: NY,
      weeklyHours: everyDay([{ start: "02:30", end: "05:00" }]),
    });
    expect(addBusinessMinutes(c, Date.UTC(2026, 2, 8, 0), 0)).toBe(Date.UTC(2026, 2, 8, 7)); // 03:00 EDT
    expect(businessMinutesBetween(c, at("2026-03-08T00:00", NY), at("2026-03-09T00:00", NY))).toBe(120);
  });

  it("a range entirely inside the skipped hour is empty that day", () => {
    const c = calendar({
      ...noHolidays,
      timeZone: NY,
      weeklyHours: everyDay([{ start: "02:10", end: "02:50" }]),
    });
    expect(businessMinutesBetween(c, at("2026-03-08T00:00", NY), at("2026-03-09T00:00", NY))).toBe(0);
    expect(wall(addBusinessMinutes(c, at("2026-03-08T00:00", NY), 1), NY)).toBe("2026-03-09T02:11");
  });

  it("adjacent ranges split inside the repeated hour stay contiguous (first occurrence)", () => {
    const c = calendar({
      ...noHolidays,
      timeZone: NY,
      weeklyHours: everyDay([
        { start: "00:30", end: "01:30" },
        { start: "01:30", end: "02:30" },
      ]),
    });
    const day = [at("2026-11-01T00:00", NY), at("2026-11-02T00:00", NY)] as const;
    expect(businessMinutesBetween(c, ...day)).toBe(180);
    expect(isOpen(c, Date.UTC(2026, 10, 1, 5, 45))).toBe(true); // 01:45 EDT
    expect(isOpen(c, Date.UTC(2026, 10, 1, 6, 15))).toBe(true); // 01:15 EST
    expect(addBusinessMinutes(c, Date.UTC(2026, 10, 1, 4, 30), 60)).toBe(Date.UTC(2026, 10, 1, 5, 30));
  });

  it("office hours are unaffected on the switch weekend", () => {
    const office = calendar({ ...noHolidays, timeZone: NY });
    expect(wall(addBusinessMinutes(office, at("2026-03-06T16:00", NY), 120), NY)).toBe("2026-03-09T10:00");
    expect(wall(addBusinessMinutes(office, at("2026-10-30T16:00", NY), 120), NY)).toBe("2026-11-02T10:00");
  });
});

describe("Europe/Madrid", () => {
  const always = calendar({
    ...noHolidays,
    timeZone: MAD,
    weeklyHours: everyDay([{ start: "00:00", end: "24:00" }]),
  });

  it("the spring-forward day has 23 open hours and the fall-back day 25", () => {
    expect(businessMinutesBetween(always, at("2026-03-29T00:00", MAD), at("2026-03-30T00:00", MAD))).toBe(
      23 * 60,
    );
    expect(businessMinutesBetween(always, at("2026-10-25T00:00", MAD), at("2026-10-26T00:00", MAD))).toBe(
      25 * 60,
    );
  });

  it("a range over the repeated hour (02:00–04:00) lasts 3 real hours", () => {
    const c = calendar({
      ...noHolidays,
      timeZone: MAD,
      weeklyHours: everyDay([{ start: "02:00", end: "04:00" }]),
    });
    const day = [at("2026-10-25T00:00", MAD), at("2026-10-26T00:00", MAD)] as const;
    expect(businessMinutesBetween(c, ...day)).toBe(180);
    expect(wall(addBusinessMinutes(c, day[0], 179), MAD)).toBe("2026-10-25T03:59");
  });
});

describe("America/Mexico_City before 2023 (DST abolished in October 2022)", () => {
  const office = calendar();

  it("keeps 09:00–17:00 local across the last fall-back (2022-10-30)", () => {
    const due = addBusinessMinutes(office, at("2022-10-28T16:00", MX), 120);
    expect(wall(due, MX)).toBe("2022-10-31T10:00");
    expect(due).toBe(Date.UTC(2022, 9, 31, 16)); // CST, UTC−6
    expect(at("2022-10-28T16:00", MX)).toBe(Date.UTC(2022, 9, 28, 21)); // CDT, UTC−5
  });

  it("keeps 09:00–17:00 local across the spring-forward of 2022-04-03", () => {
    expect(wall(addBusinessMinutes(office, at("2022-04-01T16:30", MX), 60), MX)).toBe("2022-04-04T09:30");
    expect(businessMinutesBetween(office, at("2022-03-28T09:00", MX), at("2022-04-04T09:00", MX))).toBe(2400);
  });

  it("has a 25-hour day on 2022-10-30 and plain 24-hour days after the abolition", () => {
    const always = calendar({ ...noHolidays, weeklyHours: everyDay([{ start: "00:00", end: "24:00" }]) });
    expect(businessMinutesBetween(always, at("2022-10-30T00:00"), at("2022-10-31T00:00"))).toBe(1500);
    expect(businessMinutesBetween(always, at("2023-04-02T00:00"), at("2023-04-03T00:00"))).toBe(1440);
  });
});
