/**
 * The report summary kept change by change (ledger) equals the one rebuilt from scratch, and so do
 * the tickets' stored minutes: after creating, responding, reclassifying, attending, closing,
 * cancelling, logging time and recording a survey (the hand-computed month of reports.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarKey, rebuildReportSummary, summaryReady } from "../../src/server/modules/reports/ledger.js";
import { summaryRepo } from "../../src/server/modules/reports/repository-summary.js";
import { businessCalendar, calendarConfig } from "../../src/server/modules/settings/settings.js";
import { seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { seedMonth } from "./reports-seed.js";

const FACTS = [
  "id",
  "attended_at",
  "report_day",
  "closed_day",
  "response_minutes",
  "response_wall_minutes",
  "attended_minutes",
  "closed_minutes",
] as const;

describe.each(DATABASES)("report summary kept by each change on %s", (kind) => {
  let t: TestApp;
  const time = manualClock("2026-10-01T15:00:00Z");

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    await seedMonth(await seedStaff(t.app), time);
  });
  afterAll(async () => t?.close());

  it("equals a from-scratch rebuild, row by row and ticket by ticket", async () => {
    const ctx = t.app.ctx;
    expect(await summaryReady(ctx)).toBe(true);
    const facts = () => ctx.db.selectFrom("tickets").select(FACTS).orderBy("id").execute();
    const kept = await summaryRepo.allRows(ctx.db);
    const keptFacts = await facts();
    expect(kept.length).toBeGreaterThan(20);
    expect(keptFacts.filter((f) => f.attended_at !== null)).toHaveLength(2);

    const cfg = await calendarConfig(ctx);
    await rebuildReportSummary(ctx.db, await businessCalendar(ctx), cfg, calendarKey(cfg), "now");
    expect(await facts()).toEqual(keptFacts);
    expect(await summaryRepo.allRows(ctx.db)).toEqual(kept);
  });
});
