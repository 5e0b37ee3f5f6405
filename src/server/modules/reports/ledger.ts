/**
 * Keeps the report facts of each ticket and the daily summary right, in the transaction of the
 * change: every ticket write goes through ticketsRepo.insert/update (or, for a new ticket on
 * PostgreSQL, tickets/new-ticket-repository.ts) and every survey through surveysRepo.insert, which call
 * here. A change adds (its rows after) − (its rows before), in one upsert statement, from data the
 * caller has in hand: the row it read (the write is conditional on its version) and the calendar it
 * loaded (read only when an instant of the ticket changes).
 */
import type { Kysely } from "kysely";
import type { BusinessCalendar } from "../../../domain/calendar/index.js";
import {
  type DailyRow,
  dailyDelta,
  dailyRows,
  deriveFacts,
  type FactSurvey,
  type Facts,
  type FactTicket,
} from "../../../domain/reports/facts.js";
import type { DB } from "../../platform/database/schema.js";
import { summaryRepo } from "./repository-summary.js";

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
  updated_at: string;
}

export type StoredFacts = Facts & { attended_at: string | null };

/** The facts of a ticket being created (nothing answered or closed yet, unless imported so). */
export function newTicketFacts(
  cal: BusinessCalendar,
  row: Pick<LedgerTicket, "received_at" | "responded_at" | "closed_at">,
): StoredFacts {
  return { attended_at: null, ...deriveFacts(cal, cal.config.timeZone, { ...row, attended_at: null }) };
}

const INSTANTS = ["received_at", "responded_at", "closed_at"] as const;

/**
 * The fact columns an update changes, or none when no instant changes. The first time a ticket
 * reaches `attended` is remembered (the report's "received → attended" is to the first attention).
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
  const moved = INSTANTS.some((k) => patch[k] !== undefined && patch[k] !== before[k]);
  if (!moved && attended_at === before.attended_at) return {};
  const cal = await calendar(db);
  return { attended_at, ...deriveFacts(cal, cal.config.timeZone, { ...after, attended_at }) };
}

const rowsOf = (t: FactTicket | null, s: FactSurvey | null): DailyRow[] => (t ? dailyRows(t, s) : []);

/** What a new ticket adds to the summary (a new ticket has no survey): never empty. */
export const newTicketDelta = (row: LedgerTicket): DailyRow[] => dailyDelta([], rowsOf(row, null));

/** Adds a new ticket to the summary. */
export async function ticketCreated(db: Db, row: LedgerTicket): Promise<void> {
  await summaryRepo.apply(db, newTicketDelta(row));
}

/**
 * Applies an update already written (before: the row it was conditional on). Only a closed ticket
 * may have a survey; it is read after the UPDATE so a concurrent survey is seen or sees this change.
 */
export async function ticketChanged(db: Db, before: LedgerTicket, after: LedgerTicket): Promise<void> {
  const delta = dailyDelta(rowsOf(before, null), rowsOf(after, null));
  if (delta.length === 0) return;
  const survey = before.status === "closed" ? ((await summaryRepo.survey(db, after.id)) ?? null) : null;
  await summaryRepo.apply(db, survey ? dailyDelta(rowsOf(before, survey), rowsOf(after, survey)) : delta);
}

/** Applies a survey recorded on a closed ticket that had none (the ticket is read, locked, in the write). */
export async function surveyRecorded(db: Db, ticketId: string, survey: FactSurvey): Promise<void> {
  const t = await summaryRepo.ticketForSurvey(db, ticketId);
  if (!t) return;
  await summaryRepo.apply(db, dailyDelta(rowsOf(t, null), rowsOf(t, survey)));
}
