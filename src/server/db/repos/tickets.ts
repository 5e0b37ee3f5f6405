import { type Kysely, type Selectable, sql } from "kysely";
import { foldForSearch } from "../../../domain/text.js";
import type { DB, TicketsTable } from "../schema.js";
import { likePatterns } from "./clients.js";

type Db = Kysely<DB>;
export type TicketRow = Selectable<TicketsTable>;
export type TicketView = TicketRow & {
  client_name: string;
  contact_name: string | null;
  assignee_name: string | null;
};

export interface TicketFilter {
  statuses?: string[] | undefined;
  clientId?: string | undefined;
  assigneeId?: string | undefined;
  unassigned?: boolean | undefined;
  urgent?: boolean | undefined;
  breachedAt?: { now: string; breached: boolean } | undefined;
  terms: string[];
  after?: { urgent: number; due: string; id: string } | undefined;
  limit: number;
}

export const ticketSearchText = (t: {
  folio: string;
  title: string;
  description: string;
  clientName: string;
}) => foldForSearch(`${t.folio} ${t.title} ${t.description.slice(0, 4000)} ${t.clientName}`);

function viewQuery(db: Db) {
  return db
    .selectFrom("tickets")
    .innerJoin("clients", "clients.id", "tickets.client_id")
    .leftJoin("contacts", "contacts.id", "tickets.contact_id")
    .leftJoin("users", "users.id", "tickets.assignee_id")
    .selectAll("tickets")
    .select(["clients.name as client_name", "contacts.name as contact_name", "users.name as assignee_name"]);
}

export const ticketsRepo = {
  view: (db: Db, id: string) =>
    viewQuery(db).where("tickets.id", "=", id).executeTakeFirst() as Promise<TicketView | undefined>,
  byId: (db: Db, id: string) => db.selectFrom("tickets").selectAll().where("id", "=", id).executeTakeFirst(),
  insert: (db: Db, row: TicketRow) => db.insertInto("tickets").values(row).execute(),

  /** Updates only if the row still has the version read, so two concurrent changes cannot both win. */
  update: async (db: Db, id: string, version: number, patch: Partial<TicketRow>) => {
    const r = await db
      .updateTable("tickets")
      .set({ ...patch, version: version + 1 })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },

  /** Next folio number of the year, taken inside the caller's transaction: a rollback returns it. */
  nextFolioNumber: async (db: Db, year: number): Promise<number> => {
    await db
      .insertInto("folio_counters")
      .values({ year, last_value: 0 })
      .onConflict((oc) => oc.column("year").doNothing())
      .execute();
    const row = await db
      .updateTable("folio_counters")
      .set((eb) => ({ last_value: eb("last_value", "+", 1) }))
      .where("year", "=", year)
      .returning("last_value")
      .executeTakeFirstOrThrow();
    return Number(row.last_value);
  },

  list: (db: Db, f: TicketFilter) => {
    let q = viewQuery(db);
    if (f.statuses?.length) q = q.where("tickets.status", "in", f.statuses);
    if (f.clientId) q = q.where("tickets.client_id", "=", f.clientId);
    if (f.assigneeId) q = q.where("tickets.assignee_id", "=", f.assigneeId);
    if (f.unassigned) q = q.where("tickets.assignee_id", "is", null);
    if (f.urgent !== undefined) q = q.where("tickets.urgent", "=", f.urgent ? 1 : 0);
    if (f.breachedAt) {
      const { now, breached } = f.breachedAt;
      const cond = sql<boolean>`((tickets.responded_at is not null and tickets.responded_at > tickets.response_due_at) or (tickets.responded_at is null and tickets.response_due_at < ${now}))`;
      q = q.where(breached ? cond : sql<boolean>`not ${cond}`);
    }
    for (const p of likePatterns(f.terms)) q = q.where("tickets.search_text", "like", p);
    if (f.after) {
      const a = f.after;
      q = q.where((eb) =>
        eb.or([
          eb("tickets.urgent", "<", a.urgent),
          eb.and([eb("tickets.urgent", "=", a.urgent), eb("tickets.response_due_at", ">", a.due)]),
          eb.and([
            eb("tickets.urgent", "=", a.urgent),
            eb("tickets.response_due_at", "=", a.due),
            eb("tickets.id", ">", a.id),
          ]),
        ]),
      );
    }
    return q
      .orderBy("tickets.urgent", "desc")
      .orderBy("tickets.response_due_at", "asc")
      .orderBy("tickets.id", "asc")
      .limit(f.limit)
      .execute() as Promise<TicketView[]>;
  },

  refreshClientName: async (db: Db, clientId: string, clientName: string) => {
    const rows = await db
      .selectFrom("tickets")
      .select(["id", "folio", "title", "description"])
      .where("client_id", "=", clientId)
      .execute();
    for (const r of rows) {
      await db
        .updateTable("tickets")
        .set({ search_text: ticketSearchText({ ...r, clientName }) })
        .where("id", "=", r.id)
        .execute();
    }
  },

  openForRecompute: (db: Db, statuses: string[]) =>
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

  openLoadByAssignee: (db: Db) =>
    db
      .selectFrom("tickets")
      .select(["assignee_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("status", "in", ["assigned", "in_progress"])
      .where("assignee_id", "is not", null)
      .groupBy("assignee_id")
      .execute(),

  historyWithClient: (db: Db, clientId: string) =>
    db
      .selectFrom("tickets")
      .select(["assignee_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("client_id", "=", clientId)
      .where("assignee_id", "is not", null)
      .groupBy("assignee_id")
      .execute(),

  pastCategoryWork: (db: Db, category: string) =>
    db
      .selectFrom("tickets")
      .select(["assignee_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("category", "=", category)
      .where("status", "in", ["attended", "reviewed", "closed"])
      .where("assignee_id", "is not", null)
      .groupBy("assignee_id")
      .execute(),
};

export const historyRepo = {
  add: (
    db: Db,
    e: {
      ticketId: string;
      at: string;
      actorId: string | null;
      action: string;
      from?: string | null;
      to?: string | null;
      reason?: string | null;
      changes?: Record<string, unknown> | null;
    },
  ) =>
    db
      .insertInto("ticket_history")
      .values({
        ticket_id: e.ticketId,
        at: e.at,
        actor_id: e.actorId,
        action: e.action,
        from_status: e.from ?? null,
        to_status: e.to ?? null,
        reason: e.reason ?? null,
        changes: e.changes ? JSON.stringify(e.changes) : null,
      })
      .execute(),
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
