import { describe, expect, it } from "vitest";
import { showDay, toIsoDay } from "./dayInput";

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
  ])("%s → %s", (typed, iso) => {
    expect(toIsoDay(typed)).toBe(iso);
  });

  it("shows a stored day as DD/MM/AAAA and leaves a typo as typed", () => {
    expect(showDay("2026-12-24")).toBe("24/12/2026");
    expect(showDay("24/13/2026")).toBe("24/13/2026");
  });
});
