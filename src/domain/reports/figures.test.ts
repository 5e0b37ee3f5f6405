import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BOM, csvField, toCsv } from "./csv.js";
import { average, distribution, histogram, percent, percentile } from "./figures.js";

describe("nearest-rank percentiles", () => {
  it.each([
    [[], 50, null],
    [[7], 50, 7],
    [[7], 90, 7],
    [[1, 2, 3, 4], 50, 2],
    [[1, 2, 3, 4], 90, 4],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90, 9],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50, 5],
    [[10, 20, 30], 0, 10],
    [[10, 20, 30], 100, 30],
  ])("%j at p%i is %j", (xs, p, expected) => {
    expect(percentile(xs, p)).toBe(expected);
  });

  it("always answers a value of the list, no lower than the median for p90", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1 }), (xs) => {
        const d = distribution(xs);
        expect(xs).toContain(d.median);
        expect(d.p90!).toBeGreaterThanOrEqual(d.median!);
      }),
    );
  });

  it("sorts numerically, not as text", () => {
    expect(distribution([100, 9, 20])).toEqual({ count: 3, median: 20, p90: 100 });
  });
});

describe("histogram, percent, average", () => {
  it.each([
    [[], [0, 0, 0]],
    [
      [0, 30, 31, 60, 61, 1000],
      [2, 2, 2],
    ],
  ])("bins %j", (xs, expected) => {
    expect(histogram(xs, [30, 60])).toEqual(expected);
  });
  it.each([
    [0, 0, null],
    [2, 5, 40],
    [1, 3, 33.3],
    [2, 3, 66.7],
  ])("%i of %i is %j %", (a, b, expected) => {
    expect(percent(a, b)).toBe(expected);
  });
  it.each([
    [null, null],
    ["4.3333333", 4.33],
    [5, 5],
    ["x", null],
  ])("average of %j is %j", (v, expected) => {
    expect(average(v)).toBe(expected);
  });
});

describe("CSV", () => {
  it.each([
    [null, ""],
    [12, "12"],
    [-3, "-3"],
    [true, "1"],
    ["Óptica Núñez", "Óptica Núñez"],
    ['Cable "UTP", 3 m', '"Cable ""UTP"", 3 m"'],
    ["dos\nlíneas", '"dos\nlíneas"'],
    ["a;b", '"a;b"'],
    ["=SUMA(A1)", "'=SUMA(A1)"],
  ])("field %j → %j", (v, expected) => {
    expect(csvField(v)).toBe(expected);
  });

  it("writes the BOM once and ends every line with CRLF", () => {
    expect(toCsv(["a", "b"], [[1, null]])).toBe(`${BOM}a,b\r\n1,\r\n`);
    expect(Buffer.from(toCsv(["é"], []), "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });
});
