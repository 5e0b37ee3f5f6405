import type { Kysely, SelectQueryBuilder } from "kysely";
import { sql } from "kysely";
import type { TicketStatus } from "../../../contract/tickets.js";
import { TICKET_STATUSES } from "../../../domain/workflow.js";
import type { DB } from "../../platform/database/schema.js";
import type { TicketFilter } from "./repository.js";

/** How ticketsRepo.list picks a page's ids (SQL only; list-repository.ts joins the rows). */
type Db = Kysely<DB>;
type TicketIds = SelectQueryBuilder<DB, "tickets", { id: string }>;

/** The filters every page applies besides its order (status and urgent are applied per range). */
function filtered<T extends SelectQueryBuilder<DB, "tickets", object>>(
  q: T,
  f: TicketFilter,
  patterns: string[],
): T {
  let r = q as SelectQueryBuilder<DB, "tickets", object>;
  if (f.clientId) r = r.where("tickets.client_id", "=", f.clientId);
  if (f.assigneeId) r = r.where("tickets.assignee_id", "=", f.assigneeId);
  if (f.unassigned) r = r.where("tickets.assignee_id", "is", null);
  if (f.breachedAt) {
    const { now, breached } = f.breachedAt;
    const cond = sql<boolean>`((tickets.responded_at is not null and tickets.responded_at > tickets.response_due_at) or (tickets.responded_at is null and tickets.response_due_at < coalesce(tickets.closed_at, ${now})))`;
    r = r.where(breached ? cond : sql<boolean>`not ${cond}`);
  }
  for (const p of patterns) r = r.where("tickets.search_text", "like", p);
  return r as T;
}

/**
 * A page as ordered index ranges: one per (status, urgent) pair, each from the cursor on, each at most
 * a page long; the page is the first `limit` of their union. Every range is one index seek
 * (tickets_queue, tickets_status_queue, tickets_client_queue or tickets_assignee_queue), so a page
 * deep in the list, or in a million tickets, reads about as much as the first.
 */
export function rangesPage(db: Db, f: TicketFilter, patterns: string[]): TicketIds {
  const byPrefix = f.clientId || f.assigneeId || f.unassigned;
  // With a client or assignee the index starts (…, status): every status is a range of its own.
  const statuses: (TicketStatus | null)[] = f.statuses?.length
    ? [...f.statuses]
    : byPrefix
      ? [...TICKET_STATUSES]
      : [null];
  const urgents = (f.urgent === undefined ? [1, 0] : [f.urgent ? 1 : 0]).filter(
    (u) => !f.after || u <= f.after.urgent,
  );
  const ranges = statuses.flatMap((status) =>
    urgents.map((urgent, i) => {
      let q = filtered(db.selectFrom("tickets").select(["id", "urgent", "response_due_at"]), f, patterns);
      if (status) q = q.where("tickets.status", "=", status);
      q = q.where("tickets.urgent", "=", urgent);
      if (f.after && urgent === f.after.urgent)
        q = q.where(sql<boolean>`(tickets.response_due_at, tickets.id) > (${f.after.due}, ${f.after.id})`);
      const range = q.orderBy("tickets.response_due_at").orderBy("tickets.id").limit(f.limit);
      return db.selectFrom(range.as(`r${i}_${status ?? "any"}`)).selectAll();
    }),
  );
  if (ranges.length === 0) return db.selectFrom("tickets").select("tickets.id").where(sql<boolean>`1 = 0`);
  const union = ranges.slice(1).reduce((u, r) => u.unionAll(r), ranges[0]!);
  return db
    .selectFrom(union.as("ranges"))
    .select("ranges.id")
    .orderBy("ranges.urgent", "desc")
    .orderBy("ranges.response_due_at")
    .orderBy("ranges.id")
    .limit(f.limit) as unknown as TicketIds;
}

/**
 * SQLite search with few index candidates (`candidates`: their doc ids as a JSON array): only those
 * rows are read, then put in queue order.
 */
export function candidatePage(db: Db, f: TicketFilter, patterns: string[], candidates: string): TicketIds {
  let ids = filtered(db.selectFrom("tickets").select("tickets.id"), f, patterns).where(
    sql<boolean>`tickets.id in (select ticket_id from ticket_search_docs where doc_id in (select value from json_each(${candidates})))`,
  );
  if (f.statuses?.length) ids = ids.where("tickets.status", "in", f.statuses);
  if (f.urgent !== undefined) ids = ids.where("tickets.urgent", "=", f.urgent ? 1 : 0);
  if (f.after) {
    const a = f.after;
    ids = ids.where((eb) =>
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
  return ids
    .orderBy("tickets.urgent", "desc")
    .orderBy("tickets.response_due_at", "asc")
    .orderBy("tickets.id", "asc")
    .limit(f.limit);
}
