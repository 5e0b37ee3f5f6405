import { describe, expect, it } from "vitest";
import { addBusinessMinutes, compileCalendar, DEFAULT_CALENDAR_CONFIG } from "./calendar/index.js";
import { at, wall } from "./calendar/test-support.js";
import { DEFAULT_SLA_TARGETS, responseTargetMinutes, slaState } from "./sla.js";

const cal = compileCalendar(DEFAULT_CALENDAR_CONFIG);

describe("responseTargetMinutes", () => {
  it.each([
    ["contract", false, 120],
    ["contract", true, 60],
    ["event", false, 480],
    ["event", true, 240],
  ] as const)("%s urgent=%s → %i business minutes (seed)", (kind, urgent, expected) => {
    expect(responseTargetMinutes(kind, urgent, DEFAULT_SLA_TARGETS)).toBe(expected);
  });

  it("applies a contract's own targets, falling back when null or missing", () => {
    const override = { normal: 90, urgent: null };
    expect(responseTargetMinutes("contract", false, DEFAULT_SLA_TARGETS, override)).toBe(90);
    expect(responseTargetMinutes("contract", true, DEFAULT_SLA_TARGETS, override)).toBe(60);
    expect(responseTargetMinutes("contract", true, DEFAULT_SLA_TARGETS, { urgent: 30 })).toBe(30);
    expect(responseTargetMinutes("contract", true, DEFAULT_SLA_TARGETS, null)).toBe(60);
  });

  it("ignores contract overrides for event work", () => {
    expect(responseTargetMinutes("event", true, DEFAULT_SLA_TARGETS, { urgent: 5 })).toBe(240);
  });

  it("gives the SPEC example: contract urgent on Friday 16:30 is due Monday 09:30", () => {
    const minutes = responseTargetMinutes("contract", true, DEFAULT_SLA_TARGETS);
    expect(wall(addBusinessMinutes(cal, at("2026-11-27T16:30"), minutes))).toBe("2026-11-30T09:30");
  });
});

describe("slaState", () => {
  const due = at("2026-03-04T11:00");

  it("is ok with plenty of business time left", () => {
    expect(slaState(cal, { responseDueAt: due, respondedAt: null, now: at("2026-03-03T16:00") })).toEqual({
      responseDueAt: due,
      respondedAt: null,
      responseBreached: false,
      businessMinutesLeft: 180,
      state: "ok",
    });
  });

  it("is near within the threshold, counting business time only", () => {
    const s = slaState(cal, { responseDueAt: due, respondedAt: null, now: at("2026-03-03T20:00") });
    expect(s.businessMinutesLeft).toBe(120);
    expect(s.state).toBe("ok");
    expect(slaState(cal, { responseDueAt: due, respondedAt: null, now: at("2026-03-04T10:30") }).state).toBe(
      "near",
    );
    expect(
      slaState(cal, {
        responseDueAt: due,
        respondedAt: null,
        now: at("2026-03-04T09:00"),
        nearThresholdMinutes: 120,
      }).state,
    ).toBe("near");
    expect(slaState(cal, { responseDueAt: due, respondedAt: null, now: due }).state).toBe("near");
  });

  it("is breached when unanswered past the deadline, with negative minutes left", () => {
    const s = slaState(cal, { responseDueAt: due, respondedAt: null, now: at("2026-03-04T12:15") });
    expect(s).toMatchObject({ responseBreached: true, businessMinutesLeft: -75, state: "breached" });
  });

  it("is breached after a closing deadline even when no business minute has passed", () => {
    const closing = at("2026-03-06T17:00");
    const s = slaState(cal, { responseDueAt: closing, respondedAt: null, now: at("2026-03-06T17:05") });
    expect(s).toMatchObject({ responseBreached: true, businessMinutesLeft: 0, state: "breached" });
  });

  it("is met when answered on time, and stays frozen at the response", () => {
    const s = slaState(cal, {
      responseDueAt: due,
      respondedAt: at("2026-03-04T10:00"),
      now: at("2026-03-10T10:00"),
    });
    expect(s).toMatchObject({ responseBreached: false, businessMinutesLeft: 60, state: "met" });
  });

  it("is breached when answered late", () => {
    const s = slaState(cal, {
      responseDueAt: due,
      respondedAt: at("2026-03-04T13:00"),
      now: at("2026-03-04T14:00"),
    });
    expect(s).toMatchObject({ responseBreached: true, businessMinutesLeft: -120, state: "breached" });
  });
});
