import { describe, expect, it } from "vitest";
import { parsePercent, percentToInput } from "./percent";

describe("tax rate as a percentage", () => {
  it.each([
    ["16", 1600],
    ["8", 800],
    ["0", 0],
    ["100", 10_000],
    ["16.5", 1650],
    ["8.25", 825],
    ["8,25", 825],
    [" 16 % ", 1600],
    ["16%", 1600],
    ["016", 1600],
    ["0.01", 1],
  ])("%j → %i basis points", (text, want) => expect(parsePercent(text)).toBe(want));

  it.each(["", "-1", "100.01", "101", "16.125", "abc", "1e1", "16.", ".5", "16 16"])("refuses %j", (text) =>
    expect(parsePercent(text)).toBeNull(),
  );

  it.each([
    [1600, "16"],
    [800, "8"],
    [1650, "16.5"],
    [825, "8.25"],
    [0, "0"],
    [10_000, "100"],
    [1, "0.01"],
  ])("%i basis points read %j", (bp, text) => {
    expect(percentToInput(bp)).toBe(text);
    expect(parsePercent(text)).toBe(bp);
  });
});
