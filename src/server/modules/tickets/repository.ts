import { type Insertable, type Kysely, type RawBuilder, type Selectable, sql } from "kysely";
import type { HistoryAction, TicketStatus } from "../../../contract/tickets.js";
import type { BusinessCalendar } from "../../../domain/calendar/index.js";
import { setsKindByHand } from "../../../domain/contract-coverage.js";
import { compiledOnce, insertOnce } from "../../platform/database/compiled-once.js";
import { isSqlite } from "../../platform/database/dialect.js";
import type { DB, TicketHistoryTable, TicketsTable } from "../../platform/database/schema.js";
import {
  type CalendarSource,
  factsPatch,
  newTicketFacts,
  ticketChanged,
  ticketCreated,
} from "../reports/ledger.js";
import { type BoundedPage, boundedPage } from "./list-repository.js";
import { refreshSearchText } from "./search-repository.js";

type Db = Kysely<DB>;
export type TicketRow = Selectable<TicketsTable>;
/** Report facts (migration 018): derived from the ticket's instants by the ledger on every write. */
type FactColumns =
  | "attended_at"
  | "report_day"
  | "closed_day"
  | "response_minutes"
  | "response_wall_minutes"
  | "attended_minutes"
  | "closed_minutes"
  | "last_entry_at"
  | "bank_day";
export type NewTicketRow = Omit<TicketRow, FactColumns>;
/** A ticket with the names a list shows. */
export type TicketSummaryRow = TicketRow & {
  client_name: string;
  contact_name: string | null;
  assignee_name: string | null;
};
/** …and what the technician on the road needs besides (the contact's phone, the client's address). */
export type TicketView = TicketSummaryRow & {
  client_address: string | null;
  contact_phone: string | null;
};

export interface TicketFilter {
  statuses?: readonly TicketStatus[] | undefined;
  clientId?: string | undefined;
  assigneeId?: string | undefined;
  unassigned?: boolean | undefined;
  urgent?: boolean | undefined;
  breachedAt?: { now: string; breached: boolean } | undefined;
  terms: string[];
  after?: { urgent: number; due: string; id: string } | undefined;
  /** Only rows up to this one in queue order, it included (where a bounded walk stops; see walkStop). */
  before?: { urgent: number; due: string; id: string } | undefined;
  limit: number;
  /** Only a queue row's columns (TicketSummaryRow, `view=summary`); otherwise the full TicketListRow. */
  summary?: boolean | undefined;
}

function viewQuery(db: Db) {
  return db
    .selectFrom("tickets")
    .innerJoin("clients", "clients.id", "tickets.client_id")
    .leftJoin("contacts", "contacts.id", "tickets.contact_id")
    .leftJoin("users", "users.id", "tickets.assignee_id")
    .selectAll("tickets")
    .select([
      "clients.name as client_name",
      "clients.billing_address as client_address",
      "contacts.name as contact_name",
      "contacts.phone as contact_phone",
      "users.name as assignee_name",
    ]);
}

/** The stored facts a ticket's summary rows are keyed or bucketed by. */
const SUMMARY_FACTS = [
  "report_day",
  "closed_day",
  "bank_day",
  "response_minutes",
  "response_wall_minutes",
  "attended_minutes",
  "closed_minutes",
] as const;

function countByAssignee(
  db: Db,
  f: { statuses?: readonly TicketStatus[]; category?: string; except?: string },
) {
  let q = db
    .selectFrom("tickets")
    .select(["assignee_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("assignee_id", "is not", null);
  if (f.except) q = q.where("id", "!=", f.except);
  if (f.statuses) q = q.where("status", "in", f.statuses);
  if (f.category) q = q.where("category", "=", f.category);
  return q.groupBy("assignee_id").execute();
}

export const ticketsRepo = {
  hasAny: async (db: Db) =>
    (await db.selectFrom("tickets").select("id").limit(1).executeTakeFirst()) !== undefined,
  view: (db: Db, id: string) => viewQuery(db).where("tickets.id", "=", id).executeTakeFirst(),
  byId: (db: Db, id: string) => db.selectFrom("tickets").selectAll().where("id", "=", id).executeTakeFirst(),
  /** The row with its report facts (cal: the calendar the caller loaded), as `insert` takes it. */
  withFacts: (row: NewTicketRow, cal: BusinessCalendar): TicketRow => ({
    ...row,
    ...newTicketFacts(cal, row),
  }),
  /** Inserts a row with its facts (`withFacts`) and adds it to the summary. */
  insert: async (db: Db, row: TicketRow): Promise<void> => {
    await insertOnce(db, "tickets", [row]);
    await ticketCreated(db, row);
  },

  /**
   * Updates only if the row still is `before` (its version, and the report facts its summary rows
   * depend on, which a summary rebuild rewrites without a version), so two concurrent changes cannot
   * both win; its report facts (computed with `calendar` when an instant changes) and the summary
   * follow in the transaction.
   */
  update: async (db: Db, before: TicketRow, patch: Partial<NewTicketRow>, calendar: CalendarSource) => {
    const facts = await factsPatch(db, before, patch, calendar);
    const same = (col: (typeof SUMMARY_FACTS)[number]) => {
      const v = before[col];
      return v === null ? sql<boolean>`${sql.ref(col)} is null` : sql<boolean>`${sql.ref(col)} = ${v}`;
    };
    const r = await db
      .updateTable("tickets")
      .set({ ...patch, ...facts, version: before.version + 1 })
      .where("id", "=", before.id)
      .where("version", "=", before.version)
      .where((eb) => eb.and(SUMMARY_FACTS.map(same)))
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    await ticketChanged(db, before, { ...before, ...patch, ...facts });
    return true;
  },

  /** Next folio number of the year, taken inside the caller's transaction: a rollback returns it. */
  nextFolioNumber: async (db: Db, year: number): Promise<number> => {
    const [row] = await compiledOnce(db, "tickets.nextFolio", { year }, (slot) =>
      ticketsRepo.nextFolioQuery(db, slot<number>("year")),
    );
    if (!row) throw new Error("folio_counters: the upsert returned no row");
    return Number(row.last_value);
  },
  /**
   * Its statement, also run inside the one statement of a new ticket on PostgreSQL. One upsert
   * (SQLite 3.35+, PostgreSQL): the first folio of a year is 1, later ones add one.
   */
  nextFolioQuery: (db: Db, year: number) => ticketsRepo.nextFoliosQuery(db, year, sql<number>`1`),
  /** The same for `count` folios at once (a group of new tickets): returns the last one taken. */
  nextFoliosQuery: (db: Db, year: number, count: RawBuilder<number>) =>
    db
      .insertInto("folio_counters")
      .values({ year, last_value: count })
      .onConflict((oc) =>
        oc.column("year").doUpdateSet({ last_value: sql`folio_counters.last_value + ${count}` }),
      )
      .returning("last_value"),

  /** One page in queue order, and where a search no index helps stopped (see list-repository.ts). */
  list: (db: Db, f: TicketFilter): Promise<BoundedPage> => boundedPage(db, f),

  /** After a client is renamed (call with the new name already written). */
  refreshClientName: (db: Db, clientId: string) => refreshSearchText(db, { clientId }),
  /** After a contact is renamed or its phones change (call with them already written). */
  refreshContact: (db: Db, contactId: string) => refreshSearchText(db, { contactId }),
  /** After a ticket changed client or contact without the edit that writes its search text. */
  refreshTicket: (db: Db, ticketId: string) => refreshSearchText(db, { ticketId }),

  openForRecompute: (db: Db, statuses: readonly TicketStatus[]) =>
    db
      .selectFrom("tickets")
      .selectAll()
      .where("status", "in", statuses)
      .where("responded_at", "is", null)
      .execute(),

  /** Open tickets nobody has answered yet whose deadline is before the horizon, not yet fully escalated. */
  awaitingResponse: (db: Db, horizonIso: string) =>
    db
      .selectFrom("tickets")
      .selectAll()
      .where("status", "in", ["new", "assigned"])
      .where("responded_at", "is", null)
      .where("escalation_level", "<", 2)
      .where("response_due_at", "<=", horizonIso)
      .execute(),

  /** SQLite: merges the search index's segments so `q` stays one cheap probe as tickets accumulate. */
  mergeSearchIndex: async (db: Db) => {
    if (isSqlite(db))
      await sql`insert into tickets_fts (tickets_fts, rank) values ('merge', 500)`.execute(db);
  },

  /** Open work per technician: the load the assignment ranking weighs. */
  /** Open tickets per technician, leaving out `except` (the ticket being reassigned is no one's load). */
  openLoadByAssignee: (db: Db, except?: string) =>
    countByAssignee(db, { statuses: ["assigned", "in_progress"], ...(except ? { except } : {}) }),
  /**
   * Tickets of this client each technician has worked on (logged time on), whoever has them now:
   * being assigned a ticket and handing it over is no history with the client.
   */
  historyWithClient: (db: Db, clientId: string, except: string) =>
    db
      .selectFrom("time_entries")
      .innerJoin("tickets", "tickets.id", "time_entries.ticket_id")
      .select([
        "time_entries.user_id as assignee_id",
        (eb) => eb.fn.count<number>("time_entries.ticket_id").distinct().as("n"),
      ])
      .where("tickets.client_id", "=", clientId)
      .where("tickets.id", "!=", except)
      .groupBy("time_entries.user_id")
      .execute(),
  /** Finished tickets of this category per technician. */
  pastCategoryWork: (db: Db, category: string, except: string) =>
    countByAssignee(db, { category, except, statuses: ["attended", "reviewed", "closed"] }),
};

export interface HistoryEntry {
  ticketId: string;
  at: string;
  actorId: string | null;
  action: HistoryAction;
  from?: TicketStatus | null;
  to?: TicketStatus | null;
  reason?: string | null;
  changes?: Record<string, unknown> | null;
}

export const historyRepo = {
  add: (db: Db, e: HistoryEntry) => db.insertInto("ticket_history").values(historyRepo.row(e)).execute(),
  /** The row `add` inserts, for a caller that inserts several, or inside a statement of its own. */
  row: (e: HistoryEntry): Insertable<TicketHistoryTable> => ({
    ticket_id: e.ticketId,
    at: e.at,
    actor_id: e.actorId,
    action: e.action,
    from_status: e.from ?? null,
    to_status: e.to ?? null,
    reason: e.reason ?? null,
    changes: e.changes ? JSON.stringify(e.changes) : null,
  }),
  /**
   * Whether someone set the ticket's kind by hand: an edit naming serviceKind, with its reason, that
   * changed it or kept it (setsKindByHand reads the marks kindMarks wrote).
   */
  kindSetByHand: async (db: Db, ticketId: string) => {
    const rows = await db
      .selectFrom("ticket_history")
      .select("changes")
      .where("ticket_id", "=", ticketId)
      .where("action", "=", "update")
      .execute();
    return rows.some((r) => setsKindByHand(JSON.parse(r.changes ?? "{}")));
  },
  list: (db: Db, ticketId: string) =>
    db
      .selectFrom("ticket_history")
      .leftJoin("users", "users.id", "ticket_history.actor_id")
      .selectAll("ticket_history")
      .select("users.name as actor_name")
      .where("ticket_id", "=", ticketId)
      .orderBy("ticket_history.id")
      .execute(),
};
