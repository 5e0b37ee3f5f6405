import type { Kysely, SelectQueryBuilder } from "kysely";
import { sql } from "kysely";
import type { TicketStatus } from "../../../contract/tickets.js";
import { TICKET_STATUSES } from "../../../domain/workflow.js";
import type { SlotOf } from "../../platform/database/compiled-once.js";
import { isSqlite } from "../../platform/database/dialect.js";
import type { DB } from "../../platform/database/schema.js";
import type { TicketFilter } from "./repository.js";

/**
 * How ticketsRepo.list picks a page: its ids with their queue keys, in queue order (SQL only;
 * list-repository.ts joins the rows in that order).
 */
type Db = Kysely<DB>;
type PageKeys = { id: string; urgent: number; response_due_at: string };
/** A page's ids with their queue keys (a trigram page also says how many it found: `found`). */
export type TicketIds = SelectQueryBuilder<DB, "tickets", PageKeys>;

/**
 * Rows after the cursor `a` in the whole queue's order (urgent first, then the deadline, then id),
 * with the columns named as the statement has them.
 */
export function pastCursor(urgent: string, due: string, id: string, a: NonNullable<TicketFilter["after"]>) {
  const [u, d, i] = [sql.ref(urgent), sql.ref(due), sql.ref(id)];
  return sql<boolean>`(${u} < ${a.urgent} or (${u} = ${a.urgent} and (${d}, ${i}) > (${a.due}, ${a.id})))`;
}

/**
 * The filters every page applies besides its order (status and urgent are applied per range).
 * `likeOnRow` (PostgreSQL): each LIKE is written as strpos, which the trigram index cannot answer and
 * the planner prices as an ordinary filter (a third of the rows): given the bare LIKE it may ask the
 * index for every trigram of the term, common ones included, and sort what it finds — or not, by the
 * luck of its sample (a 1 % word at 1,000,000 tickets: 77 ms instead of a walk of ~5,000 rows).
 * trigram-search-repository.ts asks the index itself, for the rare trigrams only.
 */
export function filtered<T extends SelectQueryBuilder<DB, "tickets", object>>(
  q: T,
  f: TicketFilter,
  patterns: string[],
  likeOnRow = false,
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
  for (const p of patterns)
    r = likeOnRow
      ? r.where(sql<boolean>`strpos(tickets.search_text, replace(${p}, '%', '')) > 0`)
      : r.where("tickets.search_text", "like", p);
  return r as T;
}

/**
 * A value written into the SQL text instead of bound: SQLite re-prepares a statement each time a
 * parameter is bound that its plan looked at, and it looks at a LIMIT's value and at the value a
 * `status = ?` is compared with (against the partial indexes' `status = 'closed'` and the like): a
 * queue page's statement was compiled anew on every request, which cost more than running it. Only for
 * values from a small fixed set (a status, a page size), which are then part of the statement's shape.
 */
function inlined<T extends string | number>(value: T) {
  if (typeof value === "number" ? !Number.isSafeInteger(value) : !/^[a-z_]+$/.test(value))
    throw new Error(`inlined: not a status or a count: ${value}`);
  return sql.lit(value);
}

/** The statuses a page reads a range of each: with a client or assignee the index starts (…, status). */
export function statusesOf(f: TicketFilter): (TicketStatus | null)[] {
  if (f.statuses?.length) return [...f.statuses];
  return f.clientId || f.assigneeId || f.unassigned ? [...TICKET_STATUSES] : [null];
}

/**
 * One index range of the queue: one status (null: any) and one urgency (null: both), with the
 * filters, past the cursor `after` and up to the bound `before` (see filtered for `likeOnRow`).
 */
export function queueRange(
  db: Db,
  f: TicketFilter,
  patterns: string[],
  status: TicketStatus | null,
  urgent: number | null,
  likeOnRow = false,
) {
  let q = filtered(
    db.selectFrom("tickets").select(["id", "urgent", "response_due_at"]),
    f,
    patterns,
    likeOnRow,
  );
  if (status) q = q.where("tickets.status", "=", inlined(status));
  if (urgent !== null) q = q.where("tickets.urgent", "=", urgent);
  if (f.after && urgent === f.after.urgent)
    q = q.where(sql<boolean>`(tickets.response_due_at, tickets.id) > (${f.after.due}, ${f.after.id})`);
  if (f.before && urgent === f.before.urgent)
    q = q.where(sql<boolean>`(tickets.response_due_at, tickets.id) <= (${f.before.due}, ${f.before.id})`);
  return q;
}

/**
 * A page as ordered index ranges: one per status (and per urgency past a cursor), each from the cursor
 * on, each one index seek (tickets_queue, tickets_status_queue, tickets_client_queue or
 * tickets_assignee_queue) that yields queue order; the page is the first `limit` of their union. A page
 * deep in the list, or in a million tickets, reads about as much as the first. The statuses and the
 * limit are written into the SQL (see inlined): `f.limit` must be the number itself, not a slot.
 * - SQLite merges the ranges as it reads them (a MERGE of co-routines) and stops at the page's end:
 *   about `limit` entries are read and nothing is sorted, however many ranges (a technician's queue
 *   has one per status).
 * - PostgreSQL, on a small or skewed table, may plan such a union as bitmap scans of whole ranges and
 *   a sort; each range is cut at `limit` first, so a page reads at most `limit` entries per range.
 */
export function rangesPage(db: Db, f: TicketFilter, patterns: string[]) {
  const statuses = statusesOf(f);
  const merged = isSqlite(db);
  // Past a cursor the order goes on inside its urgency, then through the less urgent: a range each
  // (and up to a bound, through the more urgent and then inside its own).
  const urgents: (number | null)[] =
    f.after || f.before || !merged
      ? [1, 0].filter(
          (u) =>
            (!f.after || u <= f.after.urgent) &&
            (!f.before || u >= f.before.urgent) &&
            (f.urgent === undefined || u === +f.urgent),
        )
      : [f.urgent === undefined ? null : +f.urgent];
  const ranges = statuses.flatMap((status) =>
    urgents.map((urgent, i) => {
      const q = queueRange(db, f, patterns, status, urgent, !merged);
      if (merged) return q as TicketIds;
      const cut = q.orderBy("tickets.response_due_at").orderBy("tickets.id").limit(inlined(f.limit));
      return db.selectFrom(cut.as(`r${i}_${status ?? "any"}`)).selectAll() as unknown as TicketIds;
    }),
  );
  const [first, ...rest] = ranges;
  const union = first
    ? rest.reduce((u, r) => u.unionAll(r), first)
    : db
        .selectFrom("tickets")
        .select(["tickets.id", "tickets.urgent", "tickets.response_due_at"])
        .where(sql<boolean>`1 = 0`);
  // Ordered by the output's own columns, as a compound's ORDER BY must be.
  return union
    .orderBy(sql`urgent`, "desc")
    .orderBy(sql`response_due_at`)
    .orderBy(sql`id`)
    .limit(inlined(f.limit));
}

/** The breached filter and the LIKE patterns, which only the ticket's row can answer. */
function onRow<T extends SelectQueryBuilder<DB, "tickets", object>>(
  q: T,
  f: TicketFilter,
  patterns: string[],
) {
  return filtered(q, { ...f, clientId: undefined, assigneeId: undefined, unassigned: undefined }, patterns);
}

/**
 * SQLite search with few index candidates (`candidates`: their doc ids as a JSON array, at most
 * `most`): they are filtered and put in queue order from ticket_search_docs alone, which holds a copy of
 * both (migration 021), and tickets are read in that order only until the page is full.
 */
export function candidatePage(
  db: Db,
  f: TicketFilter,
  patterns: string[],
  candidates: string,
  most: number,
): TicketIds {
  let docs = db
    .selectFrom("ticket_search_docs as d")
    .select(["d.ticket_id", "d.urgent", "d.response_due_at"])
    .where(sql<boolean>`d.doc_id in (select value from json_each(${candidates}))`);
  if (f.statuses?.length) docs = docs.where("d.status", "in", f.statuses);
  if (f.urgent !== undefined) docs = docs.where("d.urgent", "=", f.urgent ? 1 : 0);
  if (f.clientId) docs = docs.where("d.client_id", "=", f.clientId);
  if (f.assigneeId) docs = docs.where("d.assignee_id", "=", f.assigneeId);
  if (f.unassigned) docs = docs.where("d.assignee_id", "is", null);
  if (f.after) docs = docs.where(pastCursor("d.urgent", "d.response_due_at", "d.ticket_id", f.after));
  // SQLite keeps a FROM subquery's ORDER BY only with a LIMIT: with it the rows below arrive in queue
  // order and the outer ORDER BY costs nothing (it is what makes the answer right either way).
  const ordered = docs
    .orderBy("d.urgent", "desc")
    .orderBy("d.response_due_at")
    .orderBy("d.ticket_id")
    .limit(most);
  const page = db
    .selectFrom(ordered.as("o"))
    .innerJoin("tickets", "tickets.id", "o.ticket_id")
    .select(["o.ticket_id as id", "o.urgent", "o.response_due_at"])
    .orderBy("o.urgent", "desc")
    .orderBy("o.response_due_at")
    .orderBy("o.ticket_id")
    .limit(f.limit);
  return onRow(page as unknown as TicketIds, f, patterns);
}

/**
 * SQLite search with more candidates than candidatePage orders cheaply: the queue walked in order
 * through the search docs' own queue index (migration 024), keeping the docs the FTS query `match`
 * finds (a set built once per walk) and reading tickets only for those, until the page is full. The
 * walk is as long as the page divided by the share of tickets that are candidates, so listPage sends
 * here only searches without the filters that would thin them out (urgent and the cursor are ranges
 * of the index), or with one technician or one client alone: the docs have their queue order too
 * (migration 027), walked the same way. `f.before` (boundedPage's stop) ends the walk there.
 */
export function walkPage(db: Db, f: TicketFilter, patterns: string[], match: string): TicketIds {
  const urgents = (f.urgent === undefined ? [1, 0] : [f.urgent ? 1 : 0]).filter(
    (u) => (!f.after || u <= f.after.urgent) && (!f.before || u >= f.before.urgent),
  );
  const walk = (urgent: number | null) => {
    let q = db
      .selectFrom("ticket_search_docs as d")
      .innerJoin("tickets", "tickets.id", "d.ticket_id")
      .select(["d.ticket_id as id", "d.urgent", "d.response_due_at"])
      // Unary + : the set is checked on the walk, never used to look docs up (and then sort them).
      .where(sql<boolean>`+d.doc_id in (select rowid from tickets_fts where tickets_fts match ${match})`);
    if (urgent !== null) q = q.where("d.urgent", "=", urgent);
    if (f.statuses?.length) q = q.where("d.status", "in", f.statuses);
    if (f.clientId) q = q.where("d.client_id", "=", f.clientId);
    if (f.assigneeId) q = q.where("d.assignee_id", "=", f.assigneeId);
    if (f.unassigned) q = q.where("d.assignee_id", "is", null);
    if (f.after && urgent === f.after.urgent)
      q = q.where(sql<boolean>`(d.response_due_at, d.ticket_id) > (${f.after.due}, ${f.after.id})`);
    if (f.before && urgent === f.before.urgent)
      q = q.where(sql<boolean>`(d.response_due_at, d.ticket_id) <= (${f.before.due}, ${f.before.id})`);
    q = onRow(q, f, patterns);
    return q.orderBy("d.urgent", "desc").orderBy("d.response_due_at").orderBy("d.ticket_id").limit(f.limit);
  };
  // Without a cursor or a stop, one walk of the whole index is the queue order; with a cursor inside
  // the urgent tickets, the urgent ones after it and then every other (a stop likewise, up to it).
  if (urgents.length === 2 && !f.after && !f.before) return walk(null) as unknown as TicketIds;
  const walks = urgents.map((u, i) => db.selectFrom(walk(u).as(`w${i}`)).selectAll());
  const [first, ...rest] = walks;
  if (!first) return walk(0).where(sql<boolean>`1 = 0`) as unknown as TicketIds;
  if (!rest.length) return walk(urgents[0] ?? 0) as unknown as TicketIds;
  const union = rest.reduce((a, b) => a.unionAll(b), first);
  return db
    .selectFrom(union.as("walks"))
    .select(["walks.id", "walks.urgent", "walks.response_due_at"])
    .orderBy("walks.urgent", "desc")
    .orderBy("walks.response_due_at")
    .orderBy("walks.id")
    .limit(f.limit) as unknown as TicketIds;
}

/** The filter as the page's statement is built: each value that varies is a slot (see compiledOnce). */
export function slotted(f: TicketFilter, slot: SlotOf): TicketFilter {
  return {
    ...f,
    clientId: f.clientId && slot("clientId"),
    assigneeId: f.assigneeId && slot("assigneeId"),
    breachedAt: f.breachedAt && { now: slot("now"), breached: f.breachedAt.breached },
    after: f.after && { urgent: f.after.urgent, due: slot("afterDue"), id: slot("afterId") },
    before: f.before && { urgent: f.before.urgent, due: slot("beforeDue"), id: slot("beforeId") },
    limit: slot<number>("limit"),
  };
}
