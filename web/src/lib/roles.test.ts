import { describe, expect, it } from "vitest";
import { homeFor, ticketListFor } from "./roles";

describe("homeFor: where each role's day starts", () => {
  it.each([
    // Reception's day is answering the phone: the intake, not the queue a click away from it.
    [["reception"], "/intake"],
    [["technician"], "/mine"],
    [["senior"], "/review"],
    [["technician", "senior"], "/review"],
    [["reception", "senior"], "/intake"],
    [["leader"], "/dashboard"],
    [["admin"], "/queue"],
    [["sales"], "/contracts"],
    [["sales", "technician"], "/mine"],
    [[], "/search"],
  ] as const)("%j → %s", (roles, path) => {
    expect(homeFor(roles)).toBe(path);
  });
});

describe("ticketListFor: where a ticket that is not there sends the user", () => {
  it.each([
    [["reception"], "/queue"],
    [["leader"], "/queue"],
    [["technician"], "/mine"],
    [["senior"], "/mine"],
    [["sales"], "/search"],
  ] as const)("%j → %s", (roles, path) => {
    expect(ticketListFor(roles).to).toBe(path);
  });
});
