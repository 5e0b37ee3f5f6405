import { describe, expect, it } from "vitest";
import { contactPhones, formatPhone, telHref } from "./phone";

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

describe("a phone as a tel: link", () => {
  it.each([
    ["(55) 1234-5678", "tel:5512345678"],
    ["33 1234 5678", "tel:3312345678"],
    ["+1 212 555 0100", "tel:+12125550100"],
    // The line, a pause, then the extension: not the extension's digits glued to the line's.
    ["(444) 812-3460 ext. 12", "tel:4448123460,12"],
    ["(444) 812-3460 Ext 12", "tel:4448123460,12"],
    ["(444) 812-3460 x12", "tel:4448123460,12"],
    ["(444) 812-3460 extensión 12", "tel:4448123460,12"],
    ["+52 444 812 3460 ext. 305", "tel:+524448123460,305"],
  ])("%s → %s", (typed, href) => {
    expect(telHref(typed)).toBe(href);
  });
});
