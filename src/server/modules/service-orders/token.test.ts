import { describe, expect, it } from "vitest";
import { parseLink } from "./token.js";

describe("acceptance link tokens", () => {
  const id = "0b6c5a1e-3f1d-4c8e-9a2b-7d4e5f6a7b8c";
  const sig = "a".repeat(43);
  it.each([
    [`${id}.1800000000.${sig}`, { id, exp: "1800000000", sig }],
    [` ${id}.1800000000.${sig}\n`, { id, exp: "1800000000", sig }],
    [`${id}.1800000000.${sig}x`, null],
    [`${id}.-1.${sig}`, null],
    [`${id}.1800000000`, null],
    ["", null],
    ["../../etc/passwd", null],
  ])("parses %j", (token, parsed) => {
    expect(parseLink(token)).toEqual(parsed);
  });
});
