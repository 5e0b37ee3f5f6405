import { describe, expect, it } from "vitest";
import { billingAtClose, billingStatusSettable } from "./close.js";

describe("billing status at close", () => {
  it.each([
    ["event", false, "to_invoice"],
    ["event", true, "to_invoice"],
    ["contract", false, "no_charge"],
    ["contract", true, "to_invoice"],
  ] as const)("%s ticket, extra charges %s → %s", (kind, charges, status) => {
    expect(billingAtClose(kind, charges)).toBe(status);
  });
});

describe("billing status set by hand", () => {
  it.each([
    ["new", false],
    ["assigned", false],
    ["in_progress", false],
    ["attended", false],
    ["reviewed", true],
    ["closed", true],
    ["cancelled", false],
  ] as const)("in %s → %s", (status, settable) => {
    expect(billingStatusSettable(status)).toBe(settable);
  });
});
