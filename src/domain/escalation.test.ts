import { describe, expect, it } from "vitest";
import { escalationMessage, escalationStep } from "./escalation.js";

describe("escalationStep", () => {
  it.each([
    { current: 0, state: "ok", step: null },
    { current: 0, state: "near", step: 1 },
    { current: 0, state: "breached", step: 2 },
    { current: 1, state: "near", step: null },
    { current: 1, state: "breached", step: 2 },
    { current: 2, state: "breached", step: null },
    { current: 0, state: "met", step: null },
  ] as const)("from level $current in state $state → $step", ({ current, state, step }) => {
    expect(escalationStep(current, state)).toBe(step);
  });

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
