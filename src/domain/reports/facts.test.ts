import { describe, expect, it } from "vitest";
import { calendar } from "../calendar/test-support.js";
import { deriveFacts, localDay } from "./facts.js";

/** Deterministic instants: every few hours over years with and without DST, and around local midnight. */
function instants(): string[] {
  const out: string[] = [];
  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const from = Date.parse("1990-01-01T00:00:00Z");
  const to = Date.parse("2040-01-01T00:00:00Z");
  for (let i = 0; i < 3000; i++) out.push(new Date(from + Math.floor(next() * (to - from))).toISOString());
  // Around local midnight and the 2022 end of DST in Mexico and a US transition in Tijuana.
  for (const base of ["2021-04-04T07:00:00Z", "2021-10-31T06:00:00Z", "2024-03-10T10:00:00Z"])
    for (let m = -180; m <= 180; m += 15) out.push(new Date(Date.parse(base) + m * 60_000).toISOString());
  return out;
}

describe("report days", () => {
  it.each(["America/Mexico_City", "America/Tijuana", "UTC"])(
    "are the local dates Luxon gives, in %s",
    (timeZone) => {
      const cal = calendar({ timeZone });
      for (const iso of instants()) {
        const facts = deriveFacts(cal, timeZone, {
          received_at: iso,
          responded_at: null,
          attended_at: null,
          closed_at: iso,
        });
        expect(facts.report_day, iso).toBe(localDay(iso, timeZone));
        expect(facts.closed_day, iso).toBe(localDay(iso, timeZone));
      }
    },
  );

  it("falls back to Luxon outside the calendar's years", () => {
    const cal = calendar();
    const iso = "2500-06-01T12:00:00.000Z";
    const facts = deriveFacts(cal, cal.config.timeZone, {
      received_at: iso,
      responded_at: null,
      attended_at: null,
      closed_at: null,
    });
    expect(facts.report_day).toBe("2500-06-01");
  });
});
