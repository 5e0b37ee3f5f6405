import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileCalendar, DEFAULT_CALENDAR_CONFIG } from "../calendar/index.js";
import {
  divHalfUp,
  itemLine,
  lineFits,
  MAX_AMOUNT_CENTS,
  minutesAmountCents,
  subtotalFits,
  timeLine,
  totalsOf,
} from "./money.js";
import { burnDown, hourBank, newOverageMinutes, overageLines } from "./overage.js";
import { checkPeriod, dueOn, inForceDuring, periodInWords, periodOfInstant } from "./periods.js";
import { dominantMode, type RateRule, resolveRate } from "./rates.js";
import { duePeriod, firstBusinessDay } from "./schedule.js";

describe("half-up rounding", () => {
  it.each([
    [5, 2, 3],
    [4, 2, 2],
    [7, 2, 4],
    [1, 3, 0],
    [2, 3, 1],
    [0, 7, 0],
    [149, 100, 1],
    [150, 100, 2],
  ])("%i / %i → %i", (n, d, want) => expect(divHalfUp(n, d)).toBe(want));

  it("never differs from the exact quotient by more than half a unit", () => {
    fc.assert(
      fc.property(fc.nat(1e9), fc.integer({ min: 1, max: 1e6 }), (n, d) => {
        expect(Math.abs(divHalfUp(n, d) - n / d)).toBeLessThanOrEqual(0.5);
      }),
    );
  });

  it("refuses fractional or negative input", () => {
    expect(() => divHalfUp(1.5, 2)).toThrow(RangeError);
    expect(() => divHalfUp(-1, 2)).toThrow(RangeError);
  });
});

describe("lines and totals", () => {
  it("a line fits up to MAX_AMOUNT_CENTS, and every line that fits is priced without a RangeError", () => {
    expect(lineFits(1, MAX_AMOUNT_CENTS)).toBe(true);
    expect(lineFits(100_000, 1_000_000)).toBe(true);
    expect(lineFits(1, MAX_AMOUNT_CENTS + 1)).toBe(false);
    expect(lineFits(10, 10_000_000_001)).toBe(false);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.nat(MAX_AMOUNT_CENTS), (q, price) => {
        if (lineFits(q, price)) expect(itemLine("x", q, price).amountCents).toBe(q * price);
      }),
    );
  });

  it("a subtotal fits up to MAX_AMOUNT_CENTS", () => {
    expect(subtotalFits([60_000_000_000, 40_000_000_000])).toBe(true);
    expect(subtotalFits([MAX_AMOUNT_CENTS, 1])).toBe(false);
    expect(subtotalFits(Array(10).fill(90_000_000_000))).toBe(false);
  });

  it.each([
    // minutes, hourly rate, amount
    [61, 60_000, 61_000],
    [70, 45_000, 52_500],
    [1, 33_333, 556], // 555.55 → 556
    [120, 55_000, 110_000],
  ])("%i min at %i cents/h → %i cents", (min, rate, want) => {
    expect(minutesAmountCents(min, rate)).toBe(want);
    expect(timeLine("x", min, rate).amountCents).toBe(want);
  });

  it("IVA is 16 % of the subtotal, half-up to the cent, not a sum of per-line taxes", () => {
    // 3 lines of 0.03: per-line tax 0.0048 → 0.00 each; on the subtotal 0.09 × 16 % = 0.0144 → 0.01
    const lines = [itemLine("a", 1, 3), itemLine("b", 1, 3), itemLine("c", 1, 3)];
    expect(totalsOf(lines, 1600)).toEqual({ subtotalCents: 9, taxCents: 1, totalCents: 10 });
    // 1,234.57 × 16 % = 197.5312 → 197.53
    expect(totalsOf([itemLine("d", 1, 123_457)], 1600)).toEqual({
      subtotalCents: 123_457,
      taxCents: 19_753,
      totalCents: 143_210,
    });
    // 0.50 × 16 % = 0.08 exactly; 3.125 → 3.13 (the half goes up)
    expect(totalsOf([itemLine("e", 1, 1953)], 1600).taxCents).toBe(312); // 312.48
    expect(totalsOf([itemLine("f", 1, 78_125)], 1600).taxCents).toBe(12_500);
    expect(totalsOf([itemLine("g", 1, 3125)], 100).taxCents).toBe(31); // 31.25 → 31
    expect(totalsOf([itemLine("h", 1, 50)], 1000).taxCents).toBe(5);
    expect(totalsOf([itemLine("i", 1, 5)], 1000).taxCents).toBe(1); // 0.5 → 1
  });
});

describe("rate resolution", () => {
  const rules: RateRule[] = [
    { category: null, mode: null, hourlyRateCents: 50_000 },
    { category: null, mode: "onsite", hourlyRateCents: 70_000 },
    { category: "redes", mode: null, hourlyRateCents: 60_000 },
    { category: "redes", mode: "onsite", hourlyRateCents: 90_000 },
  ];
  it.each([
    ["redes", "onsite", 90_000, "category_mode"],
    ["redes", "remote", 60_000, "category"],
    ["correo", "onsite", 70_000, "mode"],
    ["correo", "remote", 50_000, "default"],
    [null, "onsite", 70_000, "mode"],
    [null, null, 50_000, "default"],
  ] as const)("%s/%s → %i (%s)", (c, m, rate, source) => {
    expect(resolveRate(rules, c, m)).toEqual({ hourlyRateCents: rate, source });
  });
  it("has no rate without any matching rule", () => {
    expect(resolveRate([], "redes", "remote")).toEqual({ hourlyRateCents: null, source: "none" });
  });
  it("takes the mode with the most time", () => {
    expect(
      dominantMode([
        { mode: "onsite", minutes: 30 },
        { mode: "remote", minutes: 20 },
        { mode: "remote", minutes: 20 },
      ]),
    ).toBe("remote");
    expect(dominantMode([])).toBeNull();
    expect(
      dominantMode([
        { mode: "phone", minutes: 10 },
        { mode: "office", minutes: 10 },
      ]),
    ).toBe("office");
  });
});

describe("overage by month", () => {
  it.each([
    // included, billed before, overage billed before, new, overage now
    [600, 0, 0, 690, 90],
    [600, 0, 0, 500, 0],
    [600, 690, 90, 30, 30], // reviewed late: only the new minutes past the bank
    [600, 500, 0, 200, 100], // crosses the bank: only the part beyond it
    [0, 0, 0, 45, 45], // no hours included
    // the first invoice (690 min, 90 over) was cancelled after a later one billed 45 more (45 over)
    [600, 45, 45, 690, 90],
  ])("included %i, billed %i (%i over), new %i → %i", (inc, billed, over, fresh, want) => {
    const m = { month: "2026-01", includedMinutes: inc, billedMinutes: billed, billedOverageMinutes: over };
    expect(newOverageMinutes({ ...m, newMinutes: fresh })).toBe(want);
  });
  it("bills the same total however the minutes are split across runs", () => {
    fc.assert(
      fc.property(fc.nat(2000), fc.array(fc.nat(500), { maxLength: 6 }), (inc, parts) => {
        let billed = 0;
        let sum = 0;
        for (const p of parts) {
          const m = { month: "m", includedMinutes: inc, billedMinutes: billed, billedOverageMinutes: sum };
          sum += newOverageMinutes({ ...m, newMinutes: p });
          billed += p;
        }
        expect(sum).toBe(Math.max(0, billed - inc));
      }),
    );
  });
  it("prices each month's overage to the minute at the overage rate", () => {
    const lines = overageLines(
      [
        {
          month: "2026-02",
          includedMinutes: 600,
          billedMinutes: 0,
          billedOverageMinutes: 0,
          newMinutes: 610,
        },
        {
          month: "2026-01",
          includedMinutes: 600,
          billedMinutes: 0,
          billedOverageMinutes: 0,
          newMinutes: 675,
        },
      ],
      45_000,
    );
    expect(lines).toEqual([
      { month: "2026-01", minutes: 75, amountCents: 56_250 },
      { month: "2026-02", minutes: 10, amountCents: 7500 },
    ]);
  });
  it("tells the hour bank and its burn-down", () => {
    expect(hourBank(600, 690)).toEqual({
      includedMinutes: 600,
      usedMinutes: 690,
      leftMinutes: 0,
      overageMinutes: 90,
    });
    expect(burnDown(600, ["d1", "d2", "d3"], new Map([["d2", 120]]))).toEqual([
      { date: "d1", leftMinutes: 600 },
      { date: "d2", leftMinutes: 480 },
      { date: "d3", leftMinutes: 480 },
    ]);
  });
});

describe("periods and dates", () => {
  it.each([
    ["2026-11", "2026-12-01", { ok: true }],
    ["2026-12", "2026-12-01", { ok: true }],
    ["2027-01", "2026-12-01", { ok: false, code: "billing.period_future" }],
    ["2026-13", "2026-12-01", { ok: false, code: "billing.period_format" }],
    ["0000-01", "2026-12-01", { ok: false, code: "billing.period_past" }],
    ["1999-12", "2026-12-01", { ok: false, code: "billing.period_past" }],
    ["2000-01", "2026-12-01", { ok: true }],
    ["2026-1", "2026-12-01", { ok: false, code: "billing.period_format" }],
    ["202611", "2026-12-01", { ok: false, code: "billing.period_format" }],
  ])("%s on %s", (p, today, want) => expect(checkPeriod(p, today)).toEqual(want));

  it.each([
    ["2026-11", "noviembre de 2026"],
    ["2026-01", "enero de 2026"],
    ["2000-12", "diciembre de 2000"],
    ["2026-13", "2026-13"],
  ])("%s reads «%s» on an invoice", (p, words) => expect(periodInWords(p)).toBe(words));

  it("puts an instant in its local month", () => {
    // 1 Feb 05:30 UTC is still 31 Jan in Mexico City
    expect(periodOfInstant("2026-02-01T05:30:00.000Z", "America/Mexico_City")).toBe("2026-01");
    expect(periodOfInstant("2026-02-01T06:30:00.000Z", "America/Mexico_City")).toBe("2026-02");
    expect(periodOfInstant("2026-01-31T23:30:00Z", "Asia/Tokyo")).toBe("2026-02");
    expect(periodOfInstant("2026-12-31T23:30:00.000Z", "Asia/Kolkata")).toBe("2027-01");
    expect(periodOfInstant("2026-12-31T18:29:59.000Z", "Asia/Kolkata")).toBe("2026-12");
    expect(periodOfInstant("2026-01-01T05:59:59.999Z", "America/Mexico_City")).toBe("2025-12");
  });

  it.each([
    ["2026-03-10", "cash", null, "2026-03-10"],
    ["2026-03-10", "credit", 30, "2026-04-09"],
    ["2026-12-15", "credit", 20, "2027-01-04"],
  ] as const)("issued %s %s %s → due %s", (issued, terms, days, want) => {
    expect(dueOn(issued, { terms, creditDays: days })).toBe(want);
  });

  it("tells contracts in force during a month", () => {
    expect(inForceDuring("2026-02", "2026-02-28", null)).toBe(true);
    expect(inForceDuring("2026-02", "2026-03-01", null)).toBe(false);
    expect(inForceDuring("2026-02", "2025-01-01", "2026-02-01")).toBe(true);
    expect(inForceDuring("2026-02", "2025-01-01", "2026-01-31")).toBe(false);
  });

  it("runs on the first business day of the month in the calendar's zone", () => {
    const cal = compileCalendar(DEFAULT_CALENDAR_CONFIG);
    // 1 Feb 2026 is a Sunday and 2 Feb the Constitution Day rest day (first Monday): Tuesday 3 Feb.
    expect(firstBusinessDay(cal, "2026-02")).toBe("2026-02-03");
    // 1 Jan is a rest day; 2 Jan 2026 is a Friday.
    expect(firstBusinessDay(cal, "2026-01")).toBe("2026-01-02");
    expect(duePeriod(cal, Date.parse("2026-02-02T18:00:00Z"))).toBeNull();
    expect(duePeriod(cal, Date.parse("2026-02-03T07:00:00Z"))).toBe("2026-02");
    expect(duePeriod(cal, Date.parse("2026-02-20T07:00:00Z"))).toBe("2026-02");
  });
});
