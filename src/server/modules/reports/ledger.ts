/**
 * Keeps the report facts of each ticket and the daily summary right, in the transaction of the
 * change: every ticket write goes through ticketsRepo.insert/update and every survey through
 * surveysRepo.insert, which call here. A change adds (its rows after) − (its rows before).
 */
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { BusinessCalendar, CalendarConfig } from "../../../domain/calendar/index.js";
import {
  type DailyRow,
  dailyDelta,
  dailyRows,
  deriveFacts,
  type FactInstants,
  type FactSurvey,
  type Facts,
  type FactTicket,
} from "../../../domain/reports/facts.js";
import type { AppContext } from "../../context.js";
import type { DB } from "../../platform/database/schema.js";
import { businessCalendar, calendarConfig } from "../settings/settings.js";
import { summaryRepo } from "./repository-summary.js";

type Db = Kysely<DB>;

/** The calendar of a transaction: settings read through it (only `db` of a context is used there). */
async function calendarOn(db: Db): Promise<{ cal: BusinessCalendar; cfg: CalendarConfig }> {
  const ctx = { db } as AppContext;
  return { cal: await businessCalendar(ctx), cfg: await calendarConfig(ctx) };
}

/** Which calendar stored minutes were computed with: a changed calendar makes them stale. */
export const calendarKey = (cfg: CalendarConfig) =>
  createHash("sha256").update(JSON.stringify(cfg)).digest("hex").slice(0, 32);

export interface LedgerTicket extends FactTicket {
  id: string;
  received_at: string;
  closed_at: string | null;
  attended_at: string | null;
  updated_at: string;
}

/**
 * The facts of a ticket as it will be stored: the first time it reaches `attended` is remembered
 * (the report's "received → attended" is to the first attention, as the history records it).
 */
export async function factsFor(
  db: Db,
  before: Pick<LedgerTicket, "status" | "attended_at"> | null,
  after: FactInstants & { status: string; updated_at: string },
): Promise<Facts & { attended_at: string | null }> {
  const { cal, cfg } = await calendarOn(db);
  const firstAttended =
    before?.attended_at ??
    (after.status === "attended" && before?.status !== "attended" ? after.updated_at : after.attended_at);
  const attended_at = firstAttended ?? null;
  return { attended_at, ...deriveFacts(cal, cfg.timeZone, { ...after, attended_at }) };
}

const rowsOf = (t: FactTicket | null, s: FactSurvey | null): DailyRow[] => (t ? dailyRows(t, s) : []);

/** Applies a ticket's change (null before: just created) to the summary. */
export async function ticketChanged(db: Db, before: LedgerTicket | null, after: LedgerTicket): Promise<void> {
  const survey = (await summaryRepo.survey(db, after.id)) ?? null;
  await summaryRepo.apply(db, dailyDelta(rowsOf(before, survey), rowsOf(after, survey)));
}

/** Applies a survey recorded on a ticket that had none. */
export async function surveyRecorded(db: Db, ticketId: string, survey: FactSurvey): Promise<void> {
  const t = await summaryRepo.factTicket(db, ticketId);
  if (!t) return;
  await summaryRepo.apply(db, dailyDelta(rowsOf(t, null), rowsOf(t, survey)));
}

const BATCH = 2000;

/**
 * Fills every ticket's facts and the summary from scratch when they were never built or were built
 * with another calendar (migration 018's backfill; a calendar change is rebuilt at the next start,
 * and until then the reports read the tickets). Runs before the app serves.
 */
export async function ensureReportSummary(ctx: AppContext): Promise<{ rebuilt: boolean; ms: number }> {
  const t0 = performance.now();
  const { cal, cfg } = await calendarOn(ctx.db);
  const key = calendarKey(cfg);
  if ((await summaryRepo.state(ctx.db))?.calendar_key === key) return { rebuilt: false, ms: 0 };
  await rebuildReportSummary(ctx.db, cal, cfg, key, ctx.clock().toISOString());
  return { rebuilt: true, ms: Math.round(performance.now() - t0) };
}

export async function rebuildReportSummary(
  db: Db,
  cal: BusinessCalendar,
  cfg: CalendarConfig,
  key: string,
  now: string,
): Promise<void> {
  let after = "";
  for (;;) {
    const page = await summaryRepo.factsPage(db, after, BATCH);
    if (page.length === 0) break;
    const facts = page.map((t) => ({
      id: t.id,
      attended_at: t.attended_at,
      ...deriveFacts(cal, cfg.timeZone, t),
    }));
    await db.transaction().execute((trx) => summaryRepo.writeFacts(trx, facts));
    after = page[page.length - 1]!.id;
  }
  await db.transaction().execute(async (trx) => {
    await summaryRepo.rebuildDaily(trx);
    await summaryRepo.setState(trx, key, now);
  });
}

/** Whether the summary matches the calendar in force (else the reports read the tickets). */
export async function summaryReady(ctx: AppContext): Promise<boolean> {
  const [state, cfg] = await Promise.all([summaryRepo.state(ctx.db), calendarConfig(ctx)]);
  return state?.calendar_key === calendarKey(cfg);
}
