import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRfc, isGenericRfc, rfcCheckDigit } from "./rfc.js";

describe("rfcCheckDigit (SAT módulo 11)", () => {
  // RFCs SAT publishes for CFDI testing and its own worked example: their last character is the digit.
  it.each([
    ["GODE561231GR8", "8", "física, SAT's worked example"],
    ["CACX7605101P8", "8", "física, SAT test RFC"],
    ["EKU9003173C9", "9", "moral, SAT test RFC (padded with a space)"],
    ["XIA190128J61", "1", "moral, SAT test RFC"],
    ["IIA040805DZ4", "4", "moral, SAT test RFC"],
    ["MAS0810247C0", "0", "moral whose digit is 11 → 0"],
    ["XEXX010101000", "0", "extranjero"],
  ])("%s → %s (%s)", (rfc, digit) => {
    expect(rfcCheckDigit(rfc)).toBe(digit);
    expect(checkRfc(rfc).code).not.toBe("rfc.check_digit_mismatch");
  });

  it.each([
    // " AAA010101AB": 37·13 + 10·(12+11+10) + 1·(8+6+4) + 10·3 + 11·2 = 881; 881 mod 11 = 1; 11 − 1 = 10 → "A".
    ["AAA010101AB0", "A"],
    ["ÑAA010101AA", null],
  ])("%s → %s", (rfc, digit) => {
    if (digit === null) expect(rfcCheckDigit(rfc)).toBeNull();
    else expect(rfcCheckDigit(rfc)).toBe(digit);
  });

  it("values Ñ (38) and & (24) as SAT's table says", () => {
    // " Ñ&A000229XY": Ñ·12 + &·11 + A·10 + 0·(9+8+7) + 2·6 + 2·5 + 9·4 + X·3 + Y·2
    const sum = 37 * 13 + 38 * 12 + 24 * 11 + 10 * 10 + 2 * 6 + 2 * 5 + 9 * 4 + 34 * 3 + 35 * 2;
    const expected = 11 - (sum % 11);
    expect(rfcCheckDigit("Ñ&A000229XY9")).toBe(
      expected === 11 ? "0" : expected === 10 ? "A" : String(expected),
    );
  });

  it.each([
    ["VECJ880326JR9", "3"],
    ["GODE561231GR1", "8"],
    ["EKU9003173C1", "9"],
    ["ABC010101AB2", "1"],
  ])("flags %s: expected %s", (rfc, expected) => {
    expect(checkRfc(rfc)).toEqual({ code: "rfc.check_digit_mismatch", expected, actual: rfc.slice(-1) });
  });

  it("accepts the generic RFCs as generic, though XAXX's digit would be 4", () => {
    expect(rfcCheckDigit("XAXX010101000")).toBe("4");
    expect(checkRfc("XAXX010101000")).toEqual({ code: "rfc.generic" });
    expect(checkRfc("xexx-010101-000")).toEqual({ code: "rfc.generic" });
    expect(isGenericRfc("GODE561231GR8")).toBe(false);
  });

  it("an RFC ending in its own check digit always passes, any other last character fails", () => {
    const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".split("");
    // Any 11 or 12 characters of SAT's table, then the last one.
    const body = fc.array(fc.constantFrom(...chars), { minLength: 11, maxLength: 12 }).map((a) => a.join(""));
    fc.assert(
      fc.property(body, fc.constantFrom(...chars), (stem, other) => {
        const digit = rfcCheckDigit(`${stem}0`);
        if (digit === null) return;
        expect(checkRfc(`${stem}${digit}`).code).toBe("rfc.ok");
        if (other !== digit) expect(checkRfc(`${stem}${other}`).code).toBe("rfc.check_digit_mismatch");
      }),
    );
  });
});
