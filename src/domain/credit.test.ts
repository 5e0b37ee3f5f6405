import { describe, expect, it } from "vitest";
import { creditStanding } from "./credit.js";
import { isLoanOverdue, isWarrantyHandled, lendRefusal } from "./loans.js";

describe("creditStanding", () => {
  it.each([
    ["cash", null, 900_00, "credit.cash", 0],
    ["credit", null, 900_00, "credit.no_limit", 0],
    ["credit", 1000_00, 0, "credit.within_limit", 0],
    ["credit", 1000_00, 1000_00, "credit.within_limit", 0],
    ["credit", 1000_00, 1000_01, "credit.over_limit", 1],
    ["credit", 0, 1, "credit.over_limit", 1],
  ] as const)(
    "%s, limit %s, unpaid %i → %s (over by %i)",
    (paymentTerms, creditLimitCents, unpaidCents, code, over) => {
      expect(creditStanding({ paymentTerms, creditLimitCents, unpaidCents })).toEqual({
        code,
        unpaidCents,
        overByCents: over,
      });
    },
  );
});

describe("loans and warranty", () => {
  it.each([
    ["2026-12-01", null, "2026-12-01", false],
    ["2026-12-01", null, "2026-12-02", true],
    ["2026-12-01", "2026-12-05T10:00:00.000Z", "2026-12-09", false],
  ])("due %s, returned %s, today %s → overdue %s", (dueOn, returnedAt, today, overdue) => {
    expect(isLoanOverdue({ dueOn, returnedAt }, today)).toBe(overdue);
  });

  it.each([
    ["available", "contract", "in_progress", null],
    ["lent", "contract", "in_progress", "loaner.not_available"],
    ["repair", "contract", "in_progress", "loaner.not_available"],
    ["available", "event", "in_progress", "loaner.contract_only"],
    ["available", "contract", "closed", "loaner.ticket_closed"],
  ] as const)("%s loaner, %s ticket %s → %s", (state, serviceKind, status, refusal) => {
    expect(lendRefusal({ state }, { serviceKind, status })).toBe(refusal);
  });

  it.each([
    ["open", false],
    ["sent", true],
    ["returned", true],
    ["rejected", true],
    ["cancelled", false],
  ] as const)("a %s case handled: %s", (status, handled) => {
    expect(isWarrantyHandled(status)).toBe(handled);
  });
});
