/**
 * The report summary kept change by change (ledger) equals the one rebuilt from scratch, and so do
 * the tickets' stored minutes: after creating, responding, reclassifying, attending, closing,
 * cancelling, logging time and recording a survey (the hand-computed month of reports.test.ts).
 * The rebuild is a background task: a start (or a calendar change) never waits for it, and until it
 * completes the reports read the tickets and answer the same.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestSummaryRebuild, summaryReady } from "../../src/server/modules/reports/summary-rebuild.js";
import { runDueTasks } from "../../src/server/platform/tasks/worker.js";
import type { Caller } from "../client.js";
import { signIn } from "../client.js";
import { PASSWORD, seedStaff } from "../fixtures.js";
import { DATABASES, freshDatabase, manualClock, startApp, type TestApp, type TestDb } from "../harness.js";
import { allSummaries } from "./report-summaries.js";
import { seedMonth } from "./reports-seed.js";

const FACTS = [
  "id",
  "last_entry_at",
  "bank_day",
  "attended_at",
  "report_day",
  "closed_day",
  "response_minutes",
  "response_wall_minutes",
  "attended_minutes",
  "closed_minutes",
] as const;

const NOV = "from=2026-11-01&to=2026-11-30";
const REPORTS = [
  `sla?${NOV}&bucket=month`,
  `response?${NOV}`,
  `resolution?${NOV}`,
  `workload?${NOV}`,
  `workload?${NOV}&by=client`,
  `satisfaction?${NOV}`,
  `sla?${NOV}&kind=contract&urgent=false`,
];

const answers = async (leader: Caller) =>
  Promise.all(
    REPORTS.map(async (r) => {
      const res = await leader.get(`/api/reports/${r}`);
      expect(res.status, r).toBe(200);
      return res.body;
    }),
  );

describe.each(DATABASES)("report summary kept by each change on %s", (kind) => {
  let t: TestApp;
  let db: TestDb;
  const time = manualClock("2026-10-01T15:00:00Z");

  beforeAll(async () => {
    db = await freshDatabase(kind);
    t = await startApp(kind, { clock: time.clock, db });
    await seedMonth(await seedStaff(t.app), time);
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it("equals a from-scratch rebuild, row by row and ticket by ticket", async () => {
    const ctx = t.app.ctx;
    expect(await summaryReady(ctx)).toBe(true);
    const facts = () => ctx.db.selectFrom("tickets").select(FACTS).orderBy("id").execute();
    const kept = await allSummaries(ctx.db);
    const keptFacts = await facts();
    expect(kept.daily.length).toBeGreaterThan(20);
    expect(kept.minutes.length).toBeGreaterThan(20);
    expect(kept.daily.filter((r) => r.dim === "contract" && r.grain === "d")).toHaveLength(1);
    expect(keptFacts.filter((f) => f.attended_at !== null)).toHaveLength(2);

    await ctx.db.deleteFrom("report_summary_state").execute();
    expect(await requestSummaryRebuild(ctx)).toBe("queued");
    expect(await summaryReady(ctx)).toBe(false);
    expect(await runDueTasks(ctx)).toMatchObject({ claimed: 1, done: 1 });
    expect(await summaryReady(ctx)).toBe(true);
    expect(await facts()).toEqual(keptFacts);
    expect(await allSummaries(ctx.db)).toEqual(kept);
  });

  it("starts at once without the summary, answers the same from the tickets, then from the rebuilt summary", async () => {
    const leader = await signIn(t.app, "lider@encor.mx", PASSWORD);
    const expected = await answers(leader);
    await t.app.ctx.db.deleteFrom("report_summary_state").execute();
    await t.app.ctx.db.deleteFrom("report_daily").execute();
    await t.app.close();

    t = await startApp(kind, { clock: time.clock, db });
    const ctx = t.app.ctx;
    expect(await summaryReady(ctx)).toBe(false);
    const again = await signIn(t.app, "lider@encor.mx", PASSWORD);
    expect(await answers(again)).toEqual(expected); // read from the tickets
    expect(await runDueTasks(ctx)).toMatchObject({ claimed: 1, done: 1 });
    expect(await summaryReady(ctx)).toBe(true);
    expect(await answers(again)).toEqual(expected); // read from the summary
  });

  it("a calendar change queues the rebuild; the reports read the tickets until it is done", async () => {
    const ctx = t.app.ctx;
    const admin = await signIn(t.app, "admin@encor.mx", "admin-password-123");
    const cal = await admin.get("/api/settings/calendar");
    const { version, ...body } = cal.body;
    const put = await admin.put("/api/settings/calendar", { ...body, version, timeZone: "America/Cancun" });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(await summaryReady(ctx)).toBe(false);
    const leader = await signIn(t.app, "lider@encor.mx", PASSWORD);
    const fromTickets = await answers(leader);
    expect(await runDueTasks(ctx)).toMatchObject({ claimed: 1, done: 1 });
    expect(await summaryReady(ctx)).toBe(true);
    expect(await answers(leader)).toEqual(fromTickets);
  });
});
