import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { billableMinutes, DEFAULT_ROUNDING, roundUpMinutes } from "./rounding.js";

describe("roundUpMinutes", () => {
  it.each([
    [61, 15, 75],
    [61, 60, 120],
    [0, 15, 0],
    [0, 60, 0],
    [1, 15, 15],
    [15, 15, 15],
    [16, 15, 30],
    [120, 60, 120],
    [121, 60, 180],
    [59, 60, 60],
  ])("%i min to a multiple of %i → %i", (raw, inc, expected) => {
    expect(roundUpMinutes(raw, inc)).toBe(expected);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])("rejects raw minutes %s", (raw) => {
    expect(() => roundUpMinutes(raw, 15)).toThrow(RangeError);
  });

  it.each([0, -15, 7.5])("rejects increment %s", (inc) => {
    expect(() => roundUpMinutes(10, inc)).toThrow("rounding increment");
  });

  it("is the smallest multiple not below the raw minutes", () => {
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.integer({ min: 1, max: 240 }), (raw, inc) => {
        const r = roundUpMinutes(raw, inc);
        expect(r % inc).toBe(0);
        expect(r).toBeGreaterThanOrEqual(raw);
        expect(r - raw).toBeLessThan(inc);
      }),
    );
  });
});

describe("billableMinutes", () => {
  it("rounds contract work to the quarter hour and event work to the hour (SPEC §5)", () => {
    expect(billableMinutes(61, "contract")).toBe(75);
    expect(billableMinutes(61, "event")).toBe(120);
    expect(billableMinutes(0, "event")).toBe(0);
    expect(billableMinutes(180, "event")).toBe(180);
    expect(DEFAULT_ROUNDING).toEqual({ contract: 15, event: 60 });
  });

  it("accepts custom increments", () => {
    expect(billableMinutes(61, "contract", { contract: 30, event: 60 })).toBe(90);
    expect(billableMinutes(61, "event", { contract: 15, event: 30 })).toBe(90);
  });
});
