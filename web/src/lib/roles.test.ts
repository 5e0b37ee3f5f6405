import { describe, expect, it } from "vitest";
import { homeFor } from "./roles";

describe("homeFor: where each role's day starts", () => {
  it.each([
    [["reception"], "/queue"],
    [["technician"], "/mine"],
    [["senior"], "/review"],
    [["technician", "senior"], "/review"],
    [["reception", "senior"], "/queue"],
    [["leader"], "/dashboard"],
    [["admin"], "/queue"],
    [["sales"], "/contracts"],
    [["sales", "technician"], "/mine"],
    [[], "/search"],
  ] as const)("%j → %s", (roles, path) => {
    expect(homeFor(roles)).toBe(path);
  });
});
