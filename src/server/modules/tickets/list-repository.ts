import { type Kysely, SqliteAdapter, sql } from "kysely";
import { compiledOnce, type SlotOf } from "../../platform/database/compiled-once.js";
import type { DB } from "../../platform/database/schema.js";
import { likePatterns } from "../clients/repository.js";
import { candidatePage, rangesPage } from "./queue-page-repository.js";
import type { TicketFilter, TicketRow } from "./repository.js";

type Db = Kysely<DB>;

/** The columns of tickets a queue page shows (not the search text nor the report facts). */
const LIST_COLUMNS = [
  "id",
  "folio",
  "client_id",
  "contact_id",
  "title",
  "description",
  "urgent",
  "channel",
  "category",
  "service_kind",
  "contract_id",
  "status",
  "assignee_id",
  "received_at",
  "response_due_at",
  "responded_at",
  "estimated_solution_minutes",
  "estimated_solution_at",
  "raw_minutes",
  "billable_minutes",
  "billing_status",
  "accepted_at",
  "accepted_by_name",
  "accepted_via",
  "acceptance_override_reason",
  "unknown_sender",
  "created_at",
  "updated_at",
  "closed_at",
  "version",
] as const satisfies readonly (keyof TicketRow)[];

/** A ticket as a queue page reads it: its shown columns and the names a list shows. */
export type TicketListRow = Pick<TicketRow, (typeof LIST_COLUMNS)[number]> & {
  client_name: string;
  contact_name: string | null;
  assignee_name: string | null;
};

export const isSqlite = (db: Db) => db.getExecutor().adapter instanceof SqliteAdapter;

/**
 * Above this many index candidates a search term is common: walking the queue in order and checking
 * LIKE finds a page sooner than fetching every candidate. Both paths then read at most about
 * √(page × tickets) rows (≈ 2,000 for 50 of 100,000).
 */
const MAX_SEARCH_CANDIDATES = 2000;

/**
 * Each trigram costs a walk of its list of tickets: "ion" or "sin" are in most tickets, "ncr" or "zac"
 * in few. Three trigrams of a term, its least common by the letters in them, find nearly the same
 * candidates as all of them, for a fraction of the cost (LIKE decides; any subset of a term's
 * trigrams still finds every ticket that contains the term).
 */
const MAX_TRIGRAMS_PER_TERM = 3;

/**
 * Characters of tickets' search text (folded Spanish; folios like os-2026-000123), most common first:
 * Spanish letter frequencies, with the characters every folio has at the front. Others count as rarest.
 */
const BY_FREQUENCY = "0-2eaosrnidlctu1m p3456789bgvyqhfzjxkw";
const commonness = (gram: string[]) =>
  gram.reduce((sum, ch) => {
    const rank = BY_FREQUENCY.indexOf(ch);
    return sum + (rank < 0 ? 0 : BY_FREQUENCY.length - rank);
  }, 0);

/** FTS5 query (SQLite) for LIKE patterns: the three least common trigrams of each term of 3+ characters. */
export function trigramQuery(patterns: string[]): string | null {
  const grams = new Set<string>();
  for (const p of patterns) {
    const chars = Array.from(p.slice(1, -1)); // "%term%" → code points of term
    const all = Array.from({ length: Math.max(0, chars.length - 2) }, (_, at) => chars.slice(at, at + 3));
    all.sort((a, b) => commonness(a) - commonness(b));
    for (const g of all.slice(0, MAX_TRIGRAMS_PER_TERM)) grams.add(g.join(""));
  }
  return grams.size ? [...grams].map((g) => `"${g.replaceAll('"', '""')}"`).join(" AND ") : null;
}

/**
 * SQLite: doc ids (see migration 003) of the tickets that may match every pattern, a superset of the
 * LIKE matches, as a JSON array (what the page's statement reads); null when the index cannot narrow
 * the search (no term of 3+ characters, or a common term), in which case LIKE alone decides.
 */
async function searchCandidates(db: Db, patterns: string[]): Promise<{ n: number; ids: string } | null> {
  const match = trigramQuery(patterns);
  if (!match) return null;
  const found = sql<{ n: number; ids: string }>`select count(*) as n, json_group_array(rowid) as ids
    from (select rowid from tickets_fts where tickets_fts match ${match} limit ${MAX_SEARCH_CANDIDATES + 1})`;
  const [row] = (await found.execute(db)).rows;
  if (!row) return null; // count(*) always answers one row
  return Number(row.n) > MAX_SEARCH_CANDIDATES ? null : row;
}

/** The filter as the page's statement is built: each value that varies is a slot (see compiledOnce). */
function slotted(f: TicketFilter, slot: SlotOf): TicketFilter {
  return {
    ...f,
    clientId: f.clientId && slot("clientId"),
    assigneeId: f.assigneeId && slot("assigneeId"),
    breachedAt: f.breachedAt && { now: slot("now"), breached: f.breachedAt.breached },
    after: f.after && { urgent: f.after.urgent, due: slot("afterDue"), id: slot("afterId") },
    limit: slot<number>("limit"),
  };
}

/**
 * One page in queue order (urgent first, then the oldest deadline, then id). The page's ids are
 * chosen first from the tickets table alone (index ranges, no joins, no wide rows to sort), and only
 * those rows are joined. The statement is compiled once per shape of filter.
 */
export async function listPage(db: Db, f: TicketFilter): Promise<TicketListRow[]> {
  const patterns = likePatterns(f.terms);
  const candidates = patterns.length && isSqlite(db) ? await searchCandidates(db, patterns) : null;
  if (candidates?.n === 0) return [];
  const shape = JSON.stringify([
    candidates ? "candidates" : "ranges",
    f.statuses,
    f.urgent,
    !!f.clientId,
    !!f.assigneeId,
    !!f.unassigned,
    f.breachedAt?.breached,
    f.after?.urgent,
    patterns.length,
    candidates ? null : f.limit, // written into the ranges' SQL (see rangesPage)
  ]);
  const values: Record<string, unknown> = {
    clientId: f.clientId,
    assigneeId: f.assigneeId,
    now: f.breachedAt?.now,
    afterDue: f.after?.due,
    afterId: f.after?.id,
    limit: f.limit,
    candidates: candidates?.ids,
  };
  patterns.forEach((p, i) => {
    values[`p${i}`] = p;
  });
  return compiledOnce(db, `tickets.list ${shape}`, values, (slot) => {
    const sf = slotted(f, slot);
    const sp = patterns.map((_, i) => slot(`p${i}`));
    const page = candidates
      ? candidatePage(db, sf, sp, slot("candidates"), MAX_SEARCH_CANDIDATES)
      : rangesPage(db, { ...sf, limit: f.limit }, sp);
    return listQuery(db, page);
  });
}

/**
 * The page's rows, joined from its ids in the order the page has them: SQLite reads the page as an
 * ordered co-routine and needs no sort of the wide rows for the ORDER BY.
 */
function listQuery(db: Db, page: ReturnType<typeof rangesPage>) {
  return db
    .selectFrom(page.as("p"))
    .innerJoin("tickets", "tickets.id", "p.id")
    .innerJoin("clients", "clients.id", "tickets.client_id")
    .leftJoin("contacts", "contacts.id", "tickets.contact_id")
    .leftJoin("users", "users.id", "tickets.assignee_id")
    .select(LIST_COLUMNS.map((c) => `tickets.${c}` as const))
    .select(["clients.name as client_name", "contacts.name as contact_name", "users.name as assignee_name"])
    .orderBy("p.urgent", "desc")
    .orderBy("p.response_due_at")
    .orderBy("p.id");
}
