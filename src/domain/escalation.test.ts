import { describe, expect, it } from "vitest";
import { escalationMessage, escalationStep } from "./escalation.js";

describe("escalationStep", () => {
  it.each([
    { current: 0, state: "ok", open: true, step: null },
    { current: 0, state: "near", open: true, step: 1 },
    { current: 0, state: "breached", open: true, step: 2 },
    { current: 1, state: "near", open: true, step: null },
    { current: 1, state: "breached", open: true, step: 2 },
    { current: 2, state: "breached", open: true, step: null },
    { current: 0, state: "met", open: true, step: null },
    // Desk closed (a weekend, a night): "near" waits for the opening; a breach does not.
    { current: 0, state: "near", open: false, step: null },
    { current: 0, state: "breached", open: false, step: 2 },
    { current: 1, state: "breached", open: false, step: 2 },
  ] as const)(
    "from level $current in state $state (open: $open) → $step",
    ({ current, state, open, step }) => {
      expect(escalationStep(current, state, open)).toBe(step);
    },
  );

  it.each([
    { level: 2, code: "notification.sla_breached" },
    { level: 1, code: "notification.sla_near" },
  ] as const)("level $level says what happened as $code with folio and title", ({ level, code }) => {
    expect(escalationMessage(level, "OS-2026-000001", "Sin internet")).toEqual({
      code,
      params: { folio: "OS-2026-000001", title: "Sin internet" },
    });
  });
});
