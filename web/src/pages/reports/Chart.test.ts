import { describe, expect, it } from "vitest";
import { axisLabel } from "./Chart";

describe("axisLabel", () => {
  it.each([
    ["2026-11-30", "30/11"],
    ["2026-11", "11/2026"],
    ["Clínica Dental 2026-11", "Clínica Dental 2026-11"],
    ["Nuevo", "Nuevo"],
    [7, "7"],
  ])("%s → %s", (value, label) => {
    expect(axisLabel(value)).toBe(label);
  });
});
