import { describe, expect, it } from "vitest";
import { duration, money, when } from "./format";

describe("portal dates: the firm's zone and the client's language", () => {
  it.each([
    { zone: "America/Mexico_City", locale: "es-MX", text: "martes 24 de nov de 2026, 10:30" },
    { zone: "America/Mexico_City", locale: "en", text: "Tue, Nov 24, 2026, 10:30" },
    // Cancún is an hour ahead of Mexico City all year; Madrid, seven hours.
    { zone: "America/Cancun", locale: "es-MX", text: "martes 24 de nov de 2026, 11:30" },
    { zone: "Europe/Madrid", locale: "en", text: "Tue, Nov 24, 2026, 17:30" },
  ] as const)("$zone in $locale → $text", ({ zone, locale, text }) => {
    expect(when("2026-11-24T16:30:00Z", zone, locale)).toBe(text);
  });

  it("says nothing for no date or a bad one", () => {
    expect(when(null, "America/Mexico_City", "es-MX")).toBe("");
    expect(when("no es fecha", "America/Mexico_City", "es-MX")).toBe("");
  });

  it("keeps Mexico City's wall clock for a zone the browser does not know", () => {
    expect(when("2026-11-24T16:30:00Z", "Marte/Olympus", "es-MX")).toBe("martes 24 de nov de 2026, 10:30");
  });
});

describe("portal amounts and durations", () => {
  it("writes cents as pesos in the reader's language, and minutes as hours", () => {
    expect(money(123450, "es-MX")).toBe("$1,234.50 MXN");
    expect(money(123450, "en")).toBe("$1,234.50 MXN");
    expect(money(0, "es-MX")).toBe("$0.00 MXN");
    expect(duration(75)).toBe("1 h 15 min");
    expect(duration(45)).toBe("45 min");
  });
});
