import { describe, expect, it } from "vitest";
import { repriceTimeLine, timeLine } from "./money.js";

describe("re-pricing a draft's time line", () => {
  it("keeps description and hours, prices the minutes at the new rate, drops the no-rate flag", () => {
    const made = { ...timeLine("Servicio OS-1: Red (remota)", 120, 0), warning: "no_rate" as const };
    expect(repriceTimeLine(made, 120, 45_050)).toEqual({
      description: "Servicio OS-1: Red (remota)",
      quantity: 2,
      unitPriceCents: 45_050,
      amountCents: 90_100,
    });
  });

  it("prorates to the minute while the quantity still shows the billed minutes", () => {
    // 61 min → 1.0167 h; 61 × 600.00 / 60 = 610.00 (not 1.017 × 600.00 = 610.20).
    expect(repriceTimeLine(timeLine("x", 61, 1), 61, 60_000)).toMatchObject({ amountCents: 61_000 });
  });

  it("bills a quantity the leader typed as an item: 1.5 h × 333.33 = 499.995 → 500.00", () => {
    const typed = { description: "x", quantity: 1.5, unitPriceCents: 1, amountCents: 2 };
    expect(repriceTimeLine(typed, 120, 33_333)).toEqual({
      ...typed,
      unitPriceCents: 33_333,
      amountCents: 50_000,
    });
  });
});
