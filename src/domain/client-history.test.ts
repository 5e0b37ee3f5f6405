import { describe, expect, it } from "vitest";
import { CLIENT_HISTORY, CLIENT_STEPS, reasonForClient } from "./client-history.js";

describe("what a client reads of a ticket's history", () => {
  it.each([
    ["create", true, true],
    ["assign", true, true],
    ["attend", true, true],
    ["reject", true, true],
    ["close", true, true],
    ["cancel", true, true],
    ["message", false, true],
    ["call", false, true],
    ["survey", false, true],
    ["note", false, false],
    ["reclassify", false, false],
    ["escalate", false, false],
    ["time_entry", false, false],
    ["charge", false, false],
  ])("%s: a step %s, in the history %s", (action, step, history) => {
    expect(CLIENT_STEPS.has(action)).toBe(step);
    expect(CLIENT_HISTORY.has(action)).toBe(history);
  });

  it.each([
    ["reject", "No funciona la impresora", "No funciona la impresora"],
    ["cancel", "Duplicado", "Duplicado"],
    ["send_back", "Faltan tiempos", null],
    ["reclassify", "Era urgente", null],
    ["reject", null, null],
  ])("the reason of %s (%s) reads as %s", (action, reason, shown) => {
    expect(reasonForClient(action, reason)).toBe(shown);
  });
});
