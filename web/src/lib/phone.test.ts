import { describe, expect, it } from "vitest";
import { contactPhones, formatPhone } from "./phone";

describe("phones as people read them", () => {
  it.each([
    ["5540128831", "55 4012 8831"],
    ["3312874410", "33 1287 4410"],
    ["8116553020", "81 1655 3020"],
    ["4421982045", "442 198 2045"],
    ["9988841200", "998 884 1200"],
    ["12345", "12345"],
    ["+1 212 555 0100", "+1 212 555 0100"],
  ])("%s → %s", (stored, shown) => {
    expect(formatPhone(stored)).toBe(shown);
  });

  it("shows the main phone as typed and the others grouped, never bare digits", () => {
    expect(contactPhones({ phone: "(55) 4012-8831", phones: ["5540128831", "5531200942"] })).toEqual([
      "(55) 4012-8831",
      "55 3120 0942",
    ]);
    expect(contactPhones({ phone: null, phones: ["4421982045"] })).toEqual(["442 198 2045"]);
    expect(contactPhones({ phone: " 55 1234 5678 ", phones: [] })).toEqual(["55 1234 5678"]);
    expect(contactPhones({ phone: null, phones: [] })).toEqual([]);
    // An office line with its extension is shown once, as typed.
    expect(contactPhones({ phone: "(444) 812-3460 ext. 12", phones: ["4448123460"] })).toEqual([
      "(444) 812-3460 ext. 12",
    ]);
  });
});
