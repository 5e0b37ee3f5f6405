import { describe, expect, it } from "vitest";
import { mexicanStatutoryHolidays } from "./holidays.js";

// Table computed independently of the implementation (n-th Monday via Python datetime), not derived from it.
const EXPECTED: [number, string[]][] = [
  [2015, ["01-01", "02-02", "03-16", "05-01", "09-16", "11-16", "12-25"]],
  [2016, ["01-01", "02-01", "03-21", "05-01", "09-16", "11-21", "12-25"]],
  [2017, ["01-01", "02-06", "03-20", "05-01", "09-16", "11-20", "12-25"]],
  [2018, ["01-01", "02-05", "03-19", "05-01", "09-16", "11-19", "12-01", "12-25"]],
  [2019, ["01-01", "02-04", "03-18", "05-01", "09-16", "11-18", "12-25"]],
  [2020, ["01-01", "02-03", "03-16", "05-01", "09-16", "11-16", "12-25"]],
  [2021, ["01-01", "02-01", "03-15", "05-01", "09-16", "11-15", "12-25"]],
  [2022, ["01-01", "02-07", "03-21", "05-01", "09-16", "11-21", "12-25"]],
  [2023, ["01-01", "02-06", "03-20", "05-01", "09-16", "11-20", "12-25"]],
  [2024, ["01-01", "02-05", "03-18", "05-01", "09-16", "10-01", "11-18", "12-25"]],
  [2025, ["01-01", "02-03", "03-17", "05-01", "09-16", "11-17", "12-25"]],
  [2026, ["01-01", "02-02", "03-16", "05-01", "09-16", "11-16", "12-25"]],
  [2027, ["01-01", "02-01", "03-15", "05-01", "09-16", "11-15", "12-25"]],
  [2028, ["01-01", "02-07", "03-20", "05-01", "09-16", "11-20", "12-25"]],
  [2029, ["01-01", "02-05", "03-19", "05-01", "09-16", "11-19", "12-25"]],
  [2030, ["01-01", "02-04", "03-18", "05-01", "09-16", "10-01", "11-18", "12-25"]],
  [2031, ["01-01", "02-03", "03-17", "05-01", "09-16", "11-17", "12-25"]],
];

describe("mexicanStatutoryHolidays", () => {
  it.each(EXPECTED)("%i", (year, dates) => {
    expect(mexicanStatutoryHolidays(year).map((h) => h.date)).toEqual(dates.map((d) => `${year}-${d}`));
  });

  it("names the 2026 rest days by key (the catalogues word them)", () => {
    expect(mexicanStatutoryHolidays(2026)).toEqual([
      { date: "2026-01-01", key: "new_year" },
      { date: "2026-02-02", key: "constitution_day" },
      { date: "2026-03-16", key: "benito_juarez" },
      { date: "2026-05-01", key: "labour_day" },
      { date: "2026-09-16", key: "independence_day" },
      { date: "2026-11-16", key: "revolution_day" },
      { date: "2026-12-25", key: "christmas" },
    ]);
  });

  it.each([
    [2024, "2024-10-01"],
    [2030, "2030-10-01"],
    [2036, "2036-10-01"],
    [2018, "2018-12-01"],
    [2012, "2012-12-01"],
    [2006, "2006-12-01"],
  ])("includes the presidential transition of %i", (year, date) => {
    const found = mexicanStatutoryHolidays(year).find((h) => h.date === date);
    expect(found?.key).toBe("presidential_transition");
  });

  it.each([2019, 2023, 2025, 2029, 2031])("has no transition day in %i", (year) => {
    expect(mexicanStatutoryHolidays(year).some((h) => h.key === "presidential_transition")).toBe(false);
  });

  it("keeps the fixed dates before the 2006 reform", () => {
    const dates = mexicanStatutoryHolidays(2005).map((h) => h.date);
    expect(dates).toEqual([
      "2005-01-01",
      "2005-02-05",
      "2005-03-21",
      "2005-05-01",
      "2005-09-16",
      "2005-11-20",
      "2005-12-25",
    ]);
  });

  it("rejects a non-integer year", () => {
    expect(() => mexicanStatutoryHolidays(2026.5)).toThrow(RangeError);
  });
});
