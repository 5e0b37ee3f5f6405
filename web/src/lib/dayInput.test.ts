import { describe, expect, it } from "vitest";
import { dayTypoKey, showDay, toHourMinute, toIsoDay } from "./dayInput";

describe("days typed and shown the Mexican way, kept as ISO", () => {
  it.each([
    ["24/12/2026", "2026-12-24"],
    ["1/5/2027", "2027-05-01"],
    ["24-12-2026", "2026-12-24"],
    [" 2026-12-24 ", "2026-12-24"],
    ["31/02/2026", null],
    ["12/24/2026", null],
    ["navidad", null],
    ["", null],
    // Years the API refuses are typos here too (0026 is no year, 1999 is before its range).
    ["24/12/0026", null],
    ["24/12/1999", null],
    ["2101-01-01", null],
    ["01/01/2000", "2000-01-01"],
  ])("%s → %s", (typed, iso) => {
    expect(toIsoDay(typed)).toBe(iso);
  });

  it("reads and shows month first in English", () => {
    expect(toIsoDay("12/24/2026", "mdy")).toBe("2026-12-24");
    expect(toIsoDay("24/12/2026", "mdy")).toBeNull();
    expect(toIsoDay("2026-12-24", "mdy")).toBe("2026-12-24");
    expect(showDay("2026-12-24", "mdy")).toBe("12/24/2026");
  });

  it("shows a stored day as DD/MM/AAAA and leaves a typo as typed", () => {
    expect(showDay("2026-12-24")).toBe("24/12/2026");
    expect(showDay("24/13/2026")).toBe("24/13/2026");
  });
});

describe("a time typed on the 24-hour clock, written as the API keeps it", () => {
  it.each([
    ["9:30", "09:30"],
    ["930", "09:30"],
    ["0930", "09:30"],
    ["9", "09:00"],
    ["17", "17:00"],
    [" 18:05 ", "18:05"],
    ["24:00", "24:00"],
    ["0", "00:00"],
    // Left as typed, for the form's check to name.
    ["24:30", "24:30"],
    ["9:75", "9:75"],
    ["25", "25"],
    ["9 pm", "9 pm"],
    ["", ""],
  ])("%s → %s", (typed, time) => {
    expect(toHourMinute(typed)).toBe(time);
  });
});

describe("what a field says of a text that is no day", () => {
  it.each([
    ["31/02/2026", "dmy", "common.nonexistentDay"],
    ["29/02/2027", "dmy", "common.nonexistentDay"],
    ["32/01/2026", "dmy", "common.nonexistentDay"],
    ["15/13/2026", "dmy", "common.nonexistentDay"],
    ["2026-02-30", "dmy", "common.nonexistentDay"],
    ["02/31/2026", "mdy", "common.nonexistentDay"],
    // Not written as a day, or a year the API refuses: how to write one.
    ["navidad", "dmy", "common.badDay"],
    ["24/12/1999", "dmy", "common.badDay"],
    ["31/02/2101", "dmy", "common.badDay"],
  ] as const)("%s (%s) → %s", (typed, order, key) => {
    expect(dayTypoKey(typed, order)).toBe(key);
  });
});
