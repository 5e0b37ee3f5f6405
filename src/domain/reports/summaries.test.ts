import { describe, expect, it } from "vitest";
import {
  type ResponseSample,
  resolutionRows,
  responseHistogram,
  responseRows,
  rollUpSla,
} from "./summaries.js";

const r = (kind: "contract" | "event", urgent: boolean, wall: number, business: number): ResponseSample => ({
  kind,
  urgent,
  wall,
  business,
});

describe("response rows", () => {
  it("is empty without samples (no overall row, no histogram)", () => {
    expect(responseRows([])).toEqual([]);
    expect(responseHistogram([])).toEqual([]);
  });

  it("orders kind × urgency and ends with the overall row", () => {
    const rows = responseRows([
      r("event", true, 90, 60),
      r("contract", false, 10, 10),
      r("contract", false, 50, 20),
    ]);
    expect(rows.map((x) => [x.serviceKind, x.urgent, x.business.median, x.wall.p90])).toEqual([
      ["contract", false, 10, 50],
      ["event", true, 60, 90],
      [null, null, 20, 90],
    ]);
  });

  it("bins wall and business time separately", () => {
    expect(responseHistogram([r("event", false, 600, 30)])).toEqual([
      { upTo: 30, wall: 0, business: 1 },
      { upTo: 60, wall: 0, business: 0 },
      { upTo: 120, wall: 0, business: 0 },
      { upTo: 240, wall: 0, business: 0 },
      { upTo: 480, wall: 0, business: 0 },
      { upTo: null, wall: 1, business: 0 },
    ]);
  });
});

describe("resolution rows", () => {
  const cats = [
    { code: "redes", name: "Redes", estimateMinutes: 480 },
    { code: "win", name: "Windows", estimateMinutes: 960 },
  ];
  it.each([
    [
      "within and over the estimate",
      [
        { category: "redes", toAttended: 480, toClosed: 481 },
        { category: "redes", toAttended: 100, toClosed: null },
      ],
      {
        tickets: 2,
        attended: 2,
        attendedWithinEstimate: 2,
        attendedMedianMinutes: 100,
        closed: 1,
        closedWithinEstimate: 0,
        closedMedianMinutes: 481,
      },
    ],
    [
      "nothing attended yet",
      [{ category: "redes", toAttended: null, toClosed: null }],
      {
        tickets: 1,
        attended: 0,
        attendedWithinEstimate: 0,
        attendedMedianMinutes: null,
        closed: 0,
        closedWithinEstimate: 0,
        closedMedianMinutes: null,
      },
    ],
  ] as const)("%s", (_n, samples, expected) => {
    expect(resolutionRows(samples, cats)).toEqual([
      { category: "redes", categoryName: "Redes", estimateMinutes: 480, ...expected },
    ]);
  });

  it("puts tickets without a category last, with no estimate to meet", () => {
    const rows = resolutionRows(
      [
        { category: null, toAttended: 5, toClosed: 5 },
        { category: "win", toAttended: 5, toClosed: null },
      ],
      cats,
    );
    expect(rows.map((x) => [x.category, x.estimateMinutes, x.attendedWithinEstimate])).toEqual([
      ["win", 960, 1],
      [null, null, 0],
    ]);
  });
});

describe("SLA roll-up", () => {
  const c = (
    period: number,
    serviceKind: "contract" | "event",
    urgent: boolean,
    met: number,
    breached: number,
    pending: number,
  ) => ({
    period,
    serviceKind,
    urgent,
    total: met + breached + pending,
    met,
    breached,
    pending,
  });
  it.each([
    ["nothing", [], [], []],
    [
      "two periods, kinds summed across them, in SPEC order",
      [
        c(1, "event", true, 0, 1, 0),
        c(0, "event", false, 1, 0, 0),
        c(0, "contract", true, 2, 0, 1),
        c(1, "contract", true, 1, 1, 0),
      ],
      [
        { serviceKind: "contract", urgent: true, total: 5, met: 3, breached: 1, pending: 1 },
        { serviceKind: "event", urgent: false, total: 1, met: 1, breached: 0, pending: 0 },
        { serviceKind: "event", urgent: true, total: 1, met: 0, breached: 1, pending: 0 },
      ],
      [
        { period: 0, total: 4, met: 3, breached: 0, pending: 1 },
        { period: 1, total: 3, met: 1, breached: 2, pending: 0 },
      ],
    ],
  ] as const)("%s", (_n, counts, byKind, byPeriod) => {
    expect(rollUpSla(counts)).toEqual({ byKind, byPeriod });
  });
});
