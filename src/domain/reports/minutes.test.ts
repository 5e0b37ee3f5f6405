import { describe, expect, it } from "vitest";
import type { FactTicket } from "./facts.js";
import { bucketOf, isEdge, minuteDelta, minuteRows, minutesByMonth } from "./minutes.js";
import { countedDistribution, resolutionFromCounts, responseFromCounts } from "./weighted.js";

describe("minute buckets", () => {
  it.each([
    [0, 0],
    [1, 1],
    [60, 60],
    [61, 75],
    [75, 75],
    [76, 90],
    [1440, 1440],
    [1441, 1500],
    [9600, 9600],
    [9601, 10080],
  ])("%i minutes fall in the bucket up to %i", (v, edge) => {
    expect(bucketOf(v)).toBe(edge);
  });

  it("has the chart's bins and the usual estimates as edges", () => {
    for (const e of [30, 60, 120, 240, 480, 960, 1440, 2400, 9600, 14400]) expect(isEdge(e)).toBe(true);
    for (const e of [100, 1450, 9700]) expect(isEdge(e)).toBe(false);
  });

  it("answers a bucket's mean at the rank: exact when its tickets took the same minutes", () => {
    // 70 and 74 share the bucket up to 75 (mean 72); 300 is alone in its bucket.
    const d = countedDistribution([
      [75, 2, 144],
      [300, 1, 300],
    ]);
    expect(d).toEqual({ count: 3, median: 72, p90: 300 });
    expect(countedDistribution([[75, 3, 210]]).median).toBe(70);
  });
});

const ticket = (over: Partial<FactTicket> = {}): FactTicket => ({
  status: "closed",
  service_kind: "contract",
  urgent: 0,
  client_id: "c1",
  contract_id: "k1",
  category: "redes",
  assignee_id: "u1",
  channel: "phone",
  response_due_at: "2026-11-09T17:00:00.000Z",
  responded_at: "2026-11-09T16:30:00.000Z",
  raw_minutes: 90,
  billable_minutes: 90,
  report_day: "2026-11-09",
  closed_day: "2026-11-10",
  bank_day: "2026-11-09",
  response_minutes: 30,
  response_wall_minutes: 30,
  attended_minutes: 240,
  closed_minutes: 480,
  ...over,
});

describe("a ticket's histogram rows", () => {
  it("keeps response times per filter dimension, attention and closing per category", () => {
    const rows = minuteRows(ticket());
    expect(rows.filter((r) => r.measure === "response").map((r) => [r.dim, r.key])).toEqual([
      ["all", ""],
      ["client", "c1"],
      ["category", "redes"],
      ["technician", "u1"],
      ["channel", "phone"],
    ]);
    expect(rows.filter((r) => r.dim === "category").map((r) => [r.measure, r.bucket, r.counts])).toEqual([
      ["response", 30, { n: 1, total: 30 }],
      ["wall", 30, { n: 1, total: 30 }],
      ["attended", 240, { n: 1, total: 240 }],
      ["closed", 480, { n: 1, total: 480 }],
    ]);
  });

  it("leaves out cancelled tickets and measures not reached", () => {
    expect(minuteRows(ticket({ status: "cancelled" }))).toEqual([]);
    const open = ticket({ response_minutes: null, response_wall_minutes: null, closed_minutes: null });
    expect(minuteRows(open).map((r) => r.measure)).toEqual(["attended"]);
  });

  it("moves a reassigned ticket's rows, and nets a month's days into one monthly row", () => {
    const before = minuteRows(ticket());
    const delta = minuteDelta(before, minuteRows(ticket({ assignee_id: "u2" })));
    expect(delta.map((r) => [r.key, r.measure, r.counts.n])).toEqual([
      ["u1", "response", -1],
      ["u1", "wall", -1],
      ["u2", "response", 1],
      ["u2", "wall", 1],
    ]);
    const moved = minuteDelta(before, minuteRows(ticket({ report_day: "2026-11-10" })));
    expect(moved).toHaveLength(2 * before.length);
    expect(minutesByMonth(moved)).toEqual([]);
    expect(minutesByMonth(before).map((r) => r.day)).toEqual(before.map(() => "2026-11-01"));
  });
});

describe("figures from buckets", () => {
  it("gives the response rows and bins from bucket totals", () => {
    const out = responseFromCounts([
      { kind: "event", urgent: false, measure: "business", value: 75, count: 2, total: 140 },
      { kind: "event", urgent: false, measure: "wall", value: 1500, count: 2, total: 2900 },
    ]);
    expect(out.rows[0]).toMatchObject({ business: { count: 2, median: 70, p90: 70 } });
    expect(out.histogram.map((h) => h.business)).toEqual([0, 0, 2, 0, 0, 0]);
  });

  it("counts within an estimate that is an edge exactly", () => {
    const [row] = resolutionFromCounts(
      [
        { category: "redes", value: 480, count: 2, total: 900 },
        { category: "redes", value: 495, count: 1, total: 490 },
        { category: "redes", value: null, count: 1 },
      ],
      [],
      [{ code: "redes", name: "Redes", estimateMinutes: 480 }],
    );
    expect(row).toMatchObject({
      tickets: 4,
      attended: 3,
      attendedWithinEstimate: 2,
      attendedMedianMinutes: 450,
    });
  });
});
