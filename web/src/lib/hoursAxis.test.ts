import { describe, expect, it } from "vitest";
import { hoursAxis } from "./hoursAxis";

describe("hoursAxis: a chart's hours read as hours", () => {
  it("a 10 h bank with 2 h 15 min left: whole-hour ticks up to the bank, points as durations", () => {
    const axis = hoursAxis([10, 10, 2.25, null, null], "es-MX", "Horas disponibles");
    expect(axis.ticks).toEqual([0, 2, 4, 6, 8, 10]);
    expect(axis.domain).toEqual([0, 10]);
    expect(axis.ticks.map(axis.tick)).toEqual(["0 h", "2 h", "4 h", "6 h", "8 h", "10 h"]);
    expect(axis.value(2.25)).toBe("2 h 15 min");
    expect(axis.label).toBe("Horas disponibles");
  });

  it("keeps the bank on the axis when every day has less left, and goes below zero for overage", () => {
    expect(hoursAxis([7, 3, 10], "es-MX", "").ticks).toEqual([0, 2, 4, 6, 8, 10]);
    expect(hoursAxis([10, 4, -3], "es-MX", "").ticks).toEqual([-5, 0, 5, 10]);
  });

  it("hundreds of hours in round steps, grouped in the user's language", () => {
    const es = hoursAxis([1200, 950], "es-MX", "Horas");
    expect(es.ticks).toEqual([0, 500, 1000, 1500]);
    expect(es.tick(1500)).toBe("1,500 h");
    expect(hoursAxis([1200], "en", "Hours").tick(1500)).toBe("1,500 h");
    expect(hoursAxis([1.5, 0.75], "en", "Hours").ticks).toEqual([0, 1, 2]);
  });

  it("an empty month still has an axis", () => {
    expect(hoursAxis([null, null], "es-MX", "").ticks).toEqual([0, 1]);
  });
});
