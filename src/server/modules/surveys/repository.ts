import { type Kysely, type Selectable, sql } from "kysely";
import type { DB, SurveysTable } from "../../platform/database/schema.js";
import { surveyRecorded } from "../reports/ledger.js";

type Db = Kysely<DB>;

/**
 * The survey queue's tickets, as the partial index tickets_survey_queue (migration 028) holds them:
 * SQLite and PostgreSQL use such an index only when the query's own text implies its WHERE
 * (`status = 'closed'`), which a bound value does not. The flag alone says a survey exists: insert
 * below is the only way one is written, and it sets the flag in the same transaction.
 */
const AWAITING_SURVEY = sql<boolean>`tickets.status = 'closed' and tickets.survey_recorded = 0`;
/** Where a page of the survey queue ends: its last ticket's closing time and id. */
export interface SurveyQueueKey {
  closedAt: string;
  id: string;
}
export type SurveyRow = Selectable<SurveysTable>;

export const surveysRepo = {
  byTicket: (db: Db, ticketId: string) =>
    db.selectFrom("surveys").selectAll().where("ticket_id", "=", ticketId).executeTakeFirst(),
  /** Records the survey, takes its ticket out of the queue's index and adds it to the report summary (same transaction). */
  insert: async (db: Db, row: SurveyRow) => {
    await db.insertInto("surveys").values(row).execute();
    await db.updateTable("tickets").set({ survey_recorded: 1 }).where("id", "=", row.ticket_id).execute();
    await surveyRecorded(db, row.ticket_id, row);
  },
  addAttempt: (db: Db, a: { ticketId: string; at: string; by: string | null; note: string | null }) =>
    db
      .insertInto("survey_attempts")
      .values({ ticket_id: a.ticketId, at: a.at, by_user_id: a.by, note: a.note })
      .execute(),
  attempts: (db: Db, ticketIds: string[]) =>
    ticketIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("survey_attempts")
          .selectAll()
          .where("ticket_id", "in", ticketIds)
          .orderBy("id")
          .execute(),
  /**
   * The survey links mailed for these tickets (outbox kind `portal_survey`, written by
   * POST /api/tickets/:id/survey-link), newest first: one statement for the whole queue, each ticket
   * one range of the outbox_ticket index (migration 026).
   */
  surveyLinks: (db: Db, ticketIds: string[]) =>
    ticketIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("outbox")
          .select(["ticket_id", "to_addr", "status", "created_at"])
          .where("ticket_id", "in", ticketIds)
          .where("kind", "=", "portal_survey")
          .orderBy("created_at", "desc")
          .orderBy("id", "desc")
          .execute(),
  /** The active portal accounts of these contacts (a survey link goes to the one of the ticket's contact). */
  portalAccounts: (db: Db, contactIds: string[]) =>
    contactIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom("users")
          .select(["contact_id", "client_id", "email", "roles"])
          .where("contact_id", "in", contactIds)
          .where("active", "=", 1)
          .execute(),
  /** Closed tickets with no survey recorded yet, oldest closing first (then by id), after `after`. */
  queue: (db: Db, limit: number, after?: SurveyQueueKey) =>
    db
      .selectFrom("tickets")
      .innerJoin("clients", "clients.id", "tickets.client_id")
      .leftJoin("contacts", "contacts.id", "tickets.contact_id")
      .leftJoin("users", "users.id", "tickets.assignee_id")
      .selectAll("tickets")
      .select(["clients.name as client_name", "contacts.name as contact_name", "users.name as assignee_name"])
      .where(AWAITING_SURVEY)
      .$if(after !== undefined, (q) =>
        q.where(sql<boolean>`(tickets.closed_at, tickets.id) > (${after?.closedAt}, ${after?.id})`),
      )
      .orderBy("tickets.closed_at")
      .orderBy("tickets.id")
      .limit(limit)
      .execute(),
  /** How many closed tickets wait for their survey (read from the queue's index: as many as wait). */
  pending: async (db: Db) => {
    const row = await db
      .selectFrom("tickets")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where(AWAITING_SURVEY)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
};
