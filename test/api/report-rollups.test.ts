/**
 * The summaries of migration 022 (monthly rollups, minute histograms, the hour bank per contract)
 * stay right on every write path — create, reclassify, reassign, time entries, review, close, survey,
 * billing — on the hand-computed month of reports.test.ts and a few changes more: the rows the
 * ledger kept equal a rebuild's, and every report read from them equals the one computed from the
 * tickets (the summary state cleared), over whole months, parts of months and a year.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bucketOf } from "../../src/domain/reports/minutes.js";
import { rebuildRepo } from "../../src/server/modules/reports/repository-rebuild.js";
import { requestSummaryRebuild, summaryReady } from "../../src/server/modules/reports/summary-rebuild.js";
import { runDueTasks } from "../../src/server/platform/tasks/worker.js";
import type { Caller } from "../client.js";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, freshDatabase, manualClock, startApp, type TestApp, type TestDb } from "../harness.js";
import { close, invoiceIn, review } from "../support/billing.js";
import { allSummaries } from "./report-summaries.js";
import { mx, type Seeded, seedMonth } from "./reports-seed.js";

const RANGES = [
  "from=2026-11-01&to=2026-11-30",
  "from=2026-11-10&to=2026-12-05",
  "from=2026-10-15&to=2026-12-31",
  "from=2026-01-01&to=2026-12-31",
];
const REPORTS = [
  "sla?bucket=month",
  "sla",
  "response",
  "response?kind=contract",
  "resolution",
  "resolution?urgent=false",
  "workload",
  "workload?by=client",
  "workload?by=category",
  "hour-bank",
  "hour-bank?kind=contract&urgent=false",
  "satisfaction",
  "unbilled",
];

const url = (report: string, range: string) =>
  `/api/reports/${report}${report.includes("?") ? "&" : "?"}${range}`;

async function answers(leader: Caller, extra: string[]) {
  const out: Record<string, unknown> = {};
  for (const range of RANGES) {
    for (const r of [...REPORTS, ...extra]) {
      const res = await leader.get(url(r, range));
      expect(res.status, `${r} ${JSON.stringify(res.body)}`).toBe(200);
      out[url(r, range)] = res.body;
    }
  }
  return out;
}

describe.each(DATABASES)("report rollups kept on every write path on %s", (kind) => {
  let t: TestApp;
  let db: TestDb;
  let staff: Staff;
  let s: Seeded;
  const time = manualClock("2026-10-01T15:00:00Z");

  const ok = async (p: Promise<{ status: number; body: unknown }>) => {
    const res = await p;
    expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
    return res.body as Record<string, unknown>;
  };
  const step = (who: Caller, id: string, at: string, body: object, path = "transitions") => {
    time.set(mx(at));
    return ok(who.post(`/api/tickets/${id}/${path}`, body));
  };

  beforeAll(async () => {
    db = await freshDatabase(kind);
    t = await startApp(kind, { clock: time.clock, db });
    staff = await seedStaff(t.app);
    s = await seedMonth(staff, time);
    const { ids } = s;
    const tomas = staff.technician.user!.id;
    // Reclassify C (category and urgency) and hand D to another technician.
    time.set(mx("2026-12-01T10:10"));
    const c = await ok(staff.reception.get(`/api/tickets/${ids.C}`));
    await ok(
      staff.reception.patch(`/api/tickets/${ids.C}`, { category: "redes", urgent: true, version: c.version }),
    );
    await step(staff.reception, ids.D, "2026-12-01T10:15", { action: "assign", assigneeId: tomas });
    // A (contract, 45 min logged on 1 Dec) attended, reviewed and closed: the hour bank of December.
    await step(
      staff.technician,
      ids.A,
      "2026-12-01T11:00",
      { minutes: 30, mode: "onsite", activity: "Más" },
      "time-entries",
    );
    await step(staff.technician, ids.A, "2026-12-01T12:00", { action: "attend" });
    await step(staff.technician, ids.A, "2026-12-01T12:00", { action: "accept", signerName: "Ana" });
    time.set(mx("2026-12-02T09:00"));
    await review(staff, ids.A);
    await close(staff, ids.A, { billingStatus: "to_invoice" });
    await step(
      staff.reception,
      ids.A,
      "2026-12-02T10:00",
      { overall: 3, technician: 4, timeliness: 2 },
      "survey",
    );
    // Billing: an event ticket closed, its draft issued (the billing status moves with the invoice).
    time.set(mx("2026-12-03T10:00"));
    await invoiceIn(staff, s.eventClient, 50_000, "issued");
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it("computes the histogram buckets in SQL as the domain does", async () => {
    const values = [0, 1, 59, 60, 61, 75, 76, 1439, 1440, 1441, 9599, 9600, 9601, 123_457];
    expect(await rebuildRepo.bucketsInSql(t.app.ctx.db, values)).toEqual(values.map(bucketOf));
  });

  it("keeps the same rows as a rebuild from scratch", async () => {
    const ctx = t.app.ctx;
    expect(await summaryReady(ctx)).toBe(true);
    const kept = await allSummaries(ctx.db);
    const bank = kept.daily.filter((r) => r.dim === "contract");
    expect(bank.map((r) => [r.grain, r.day, r.bank_minutes])).toEqual([
      ["d", "2026-11-09", 90], // B: its one entry, 9 Nov 13:00
      ["d", "2026-12-01", 75], // A: 45 + 30 min, the last one on 1 Dec
      ["m", "2026-11-01", 90],
      ["m", "2026-12-01", 75],
    ]);
    await ctx.db.deleteFrom("report_summary_state").execute();
    expect(await requestSummaryRebuild(ctx)).toBe("queued");
    expect(await runDueTasks(ctx)).toMatchObject({ claimed: 1, done: 1 });
    expect(await allSummaries(ctx.db)).toEqual(kept);
  });

  it("answers every report from the summaries as from the tickets", async () => {
    const extra = [
      `response?clientId=${s.eventClient}`,
      `resolution?category=redes`,
      `workload?technicianId=${staff.technician.user!.id}`,
      `satisfaction?clientId=${s.polizaClient}`,
    ];
    const fromSummaries = await answers(staff.leader, extra);
    await t.app.ctx.db.deleteFrom("report_summary_state").execute();
    expect(await summaryReady(t.app.ctx)).toBe(false);
    expect(await answers(staff.leader, extra)).toEqual(fromSummaries);
    const hourBank = fromSummaries[url("hour-bank", RANGES[3]!)] as { rows: unknown[] };
    expect(hourBank.rows).toEqual([
      expect.objectContaining({ month: "2026-11", usedMinutes: 90, tickets: 1 }),
      expect.objectContaining({ month: "2026-12", usedMinutes: 75, tickets: 1 }),
    ]);
  });
});
