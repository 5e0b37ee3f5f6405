/**
 * Keeps the report facts of each ticket and the summaries right, in the transaction of the change:
 * every ticket write goes through ticketsRepo.insert/update (or, for a new ticket on PostgreSQL,
 * tickets/new-ticket-repository.ts) and every survey through surveysRepo.insert, which call here. A
 * change adds (its rows after) − (its rows before), one upsert statement per summary table it changes
 * (rows by day and by month together), from data the caller has in hand: the row it read (the write
 * is conditional on its version) and the calendar it loaded (read only when an instant of the ticket
 * changes). Tables are written in the order the rebuild locks them (PostgreSQL).
 */
import type { Kysely } from "kysely";
import type { BusinessCalendar } from "../../../domain/calendar/index.js";
import {
  type DailyRow,
  dailyByMonth,
  dailyDelta,
  dailyRows,
  deriveFacts,
  type FactSurvey,
  type Facts,
  type FactTicket,
} from "../../../domain/reports/facts.js";
import { type MinuteRow, minuteDelta, minuteRows, minutesByMonth } from "../../../domain/reports/minutes.js";
import type { DB } from "../../platform/database/schema.js";
import { type Grains, summaryRepo } from "./repository-summary.js";

type Db = Kysely<DB>;

/**
 * The calendar of the write, asked for only when the ticket's facts must be computed again, with the
 * write's transaction (SQLite: the one connection is the transaction's until it ends).
 */
export type CalendarSource = (db: Db) => Promise<BusinessCalendar>;

/** A ticket as the ledger sees it: its summary dimensions, instants and stored facts. */
export interface LedgerTicket extends FactTicket {
  id: string;
  received_at: string;
  closed_at: string | null;
  attended_at: string | null;
  last_entry_at: string | null;
  updated_at: string;
  raw_minutes: number;
}

export type StoredFacts = Facts & { attended_at: string | null; last_entry_at: string | null };

/** The facts of a ticket being created (nothing answered or closed yet, unless imported so). */
export function newTicketFacts(
  cal: BusinessCalendar,
  row: Pick<LedgerTicket, "received_at" | "responded_at" | "closed_at">,
): StoredFacts {
  const none = { attended_at: null, last_entry_at: null };
  return { ...none, ...deriveFacts(cal, cal.config.timeZone, { ...row, ...none }) };
}

const INSTANTS = ["received_at", "responded_at", "closed_at"] as const;

/**
 * The fact columns an update changes, or none when no instant changes. The first time a ticket
 * reaches `attended` is remembered (the report's "received → attended" is to the first attention);
 * a time entry (it changes the raw minutes: work.ts) may move the last entry, read again.
 */
export async function factsPatch(
  db: Db,
  before: LedgerTicket,
  patch: Partial<LedgerTicket>,
  calendar: CalendarSource,
): Promise<Partial<StoredFacts>> {
  const after = { ...before, ...patch };
  const attended_at =
    before.attended_at ??
    (after.status === "attended" && before.status !== "attended" ? after.updated_at : null);
  const last_entry_at =
    patch.raw_minutes === undefined ? before.last_entry_at : await summaryRepo.lastEntryAt(db, before.id);
  const moved = INSTANTS.some((k) => patch[k] !== undefined && patch[k] !== before[k]);
  if (!moved && attended_at === before.attended_at && last_entry_at === before.last_entry_at) return {};
  const cal = await calendar(db);
  const instants = { ...after, attended_at, last_entry_at };
  return { attended_at, last_entry_at, ...deriveFacts(cal, cal.config.timeZone, instants) };
}

const rowsOf = (t: FactTicket | null, s: FactSurvey | null): DailyRow[] => (t ? dailyRows(t, s) : []);

/** Day rows and the same summed by month: the rows of both grains one upsert adds. */
const dailyGrains = (rows: readonly DailyRow[]): Grains<DailyRow> => ({
  days: rows,
  months: dailyByMonth(rows),
});
const minuteGrains = (rows: readonly MinuteRow[]): Grains<MinuteRow> => ({
  days: rows,
  months: minutesByMonth(rows),
});

/** Adds daily rows to the summary, by day and by month, in one statement. */
const applyDaily = (db: Db, rows: readonly DailyRow[]) => summaryRepo.apply(db, dailyGrains(rows));

/** Adds histogram rows, by day and by month, in one statement. */
const applyMinutes = (db: Db, rows: readonly MinuteRow[]) => summaryRepo.applyMinutes(db, minuteGrains(rows));

/**
 * What new tickets add to the summaries (a new ticket has no survey): their daily rows (never empty)
 * and histogram rows (empty unless one arrives answered or closed), each by day and by month, summed
 * per key (one upsert adds them: PostgreSQL refuses to update a row twice in a statement).
 */
export const newTicketsDelta = (rows: readonly LedgerTicket[]) => ({
  daily: dailyGrains(
    dailyDelta(
      [],
      rows.flatMap((row) => rowsOf(row, null)),
    ),
  ),
  minutes: minuteGrains(minuteDelta([], rows.flatMap(minuteRows))),
});
/** The same for one new ticket. */
export const newTicketDelta = (row: LedgerTicket) => newTicketsDelta([row]);

/** Adds a new ticket to the summaries. */
export async function ticketCreated(db: Db, row: LedgerTicket): Promise<void> {
  const delta = newTicketDelta(row);
  await summaryRepo.apply(db, delta.daily);
  await summaryRepo.applyMinutes(db, delta.minutes);
}

/**
 * Applies an update already written (before: the row it was conditional on). Only a closed ticket
 * may have a survey; it is read after the UPDATE so a concurrent survey is seen or sees this change.
 */
export async function ticketChanged(db: Db, before: LedgerTicket, after: LedgerTicket): Promise<void> {
  const delta = dailyDelta(rowsOf(before, null), rowsOf(after, null));
  if (delta.length > 0) {
    const survey = before.status === "closed" ? ((await summaryRepo.survey(db, after.id)) ?? null) : null;
    await applyDaily(db, survey ? dailyDelta(rowsOf(before, survey), rowsOf(after, survey)) : delta);
  }
  await applyMinutes(db, minuteDelta(minuteRows(before), minuteRows(after)));
}

/** Applies a survey recorded on a closed ticket that had none (the ticket is read, locked, in the write). */
export async function surveyRecorded(db: Db, ticketId: string, survey: FactSurvey): Promise<void> {
  const t = await summaryRepo.ticketForSurvey(db, ticketId);
  if (!t) return;
  await applyDaily(db, dailyDelta(rowsOf(t, null), rowsOf(t, survey)));
}
