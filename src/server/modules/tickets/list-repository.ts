import { type Kysely, sql } from "kysely";
import { SEARCH_WALK_BUDGET } from "../../../contract/tickets.js";
import { compiledOnce, type SlotOf } from "../../platform/database/compiled-once.js";
import { isSqlite } from "../../platform/database/dialect.js";
import type { DB } from "../../platform/database/schema.js";
import { likePatterns } from "../clients/repository.js";
import { LIST_COLUMNS, SUMMARY_COLUMNS, type TicketSummaryRow } from "./list-columns.js";
import { candidatePage, rangesPage, slotted, walkPage } from "./queue-page-repository.js";
import type { TicketFilter } from "./repository.js";
import { searchCandidates, searchPlan } from "./search-plan-repository.js";
import {
  noteTogether,
  type TrigramPlan,
  trigramPage,
  trigramPlan,
  trigramsOf,
} from "./trigram-search-repository.js";
import { walkStop } from "./walk-stop-repository.js";

type Db = Kysely<DB>;

/**
 * Past this many index candidates a search term is common for a filtered search: walking the queue
 * in order and checking LIKE finds a page sooner than fetching every candidate. Both paths then read
 * at most about √(page × tickets) rows (≈ 2,000 for 50 of 100,000).
 */
const MAX_SEARCH_CANDIDATES = 2000;

/**
 * Without filters, candidates are all read and ordered up to about √tickets of them (each is a read
 * of its doc); past that, the queue walked through the docs' index reaches a page of them sooner
 * (its length is page × tickets / candidates), up to about √(1,000 × tickets), where building their
 * set costs more than checking LIKE on the rows of a walk of the tickets' own queue index.
 */
const sortMost = (docs: number) => Math.max(300, Math.floor(Math.sqrt(docs)));
const walkMost = (docs: number) => Math.floor(Math.sqrt(1000 * docs));

/**
 * PostgreSQL: the trigram index's candidates are read and ordered up to about √(50 × tickets) of them
 * (ordering n costs about n rows read, a walk of the queue about 50 × tickets / n), never fewer than a
 * filtered search's cap.
 */
export const trigramCap = (tickets: number) =>
  Math.max(MAX_SEARCH_CANDIDATES, Math.floor(Math.sqrt(50 * tickets)));

/** Filters that thin out the candidates of a walk of the whole queue (urgent and the cursor do not). */
const thins = (f: TicketFilter) =>
  !!(f.statuses?.length || f.clientId || f.assigneeId || f.unassigned || f.breachedAt);

/**
 * One technician's or one client's tickets and no other filter that thins them: the search docs have
 * that order too (migration 027), so a walk through them thins nothing out of what it walks.
 */
const ownerOnly = (f: TicketFilter) =>
  !!f.clientId !== !!f.assigneeId && !f.statuses?.length && !f.unassigned && !f.breachedAt;

/** Anything that leaves a search fewer candidates than the same words without it. */
const narrows = (f: TicketFilter) => thins(f) || f.urgent !== undefined || !!f.after;

/**
 * How a page is found: by LIKE on a walk of the queue, or through a trigram index (SQLite: candidates
 * or walk; PostgreSQL: trigram, up to `cap` candidates).
 */
export type SearchPath =
  /** `unindexed`: a search no index can help (no term of 3 letters or digits), bounded (WALK_BUDGET). */
  | { kind: "ranges"; unindexed?: true }
  | { kind: "candidates"; ids: string; n: number }
  | { kind: "walk"; match: string }
  | ({ kind: "trigram" } & TrigramPlan);

async function searchPath(db: Db, f: TicketFilter, patterns: string[]): Promise<SearchPath> {
  if (!patterns.length) return { kind: "ranges" };
  if (!isSqlite(db)) {
    if (!trigramsOf(patterns).length) return { kind: "ranges", unindexed: true };
    const plan = await trigramPlan(db, patterns, narrows(f), trigramCap);
    return plan ? { kind: "trigram", ...plan } : { kind: "ranges" };
  }
  const thin = thins(f);
  // A walk thinned by a filter is as long as the filter makes it, unless the docs' order is the
  // filter's own (one technician's or client's queue); then it may walk as the whole queue's does.
  const walks = !thin || ownerOnly(f);
  const plan = await searchPlan(db, patterns, (docs) =>
    walks ? Math.max(MAX_SEARCH_CANDIDATES, walkMost(docs)) : MAX_SEARCH_CANDIDATES,
  );
  if (!plan) return { kind: "ranges", unindexed: true };
  if (plan.most <= (thin ? MAX_SEARCH_CANDIDATES : sortMost(plan.docs))) {
    const found = await searchCandidates(db, plan.match, MAX_SEARCH_CANDIDATES);
    if (found) return { kind: "candidates", ids: found.ids, n: Number(found.n) };
  }
  // Each trigram common, together rare (a folio): the narrower query finds few enough to order.
  if (plan.narrow !== plan.match && plan.most !== Number.POSITIVE_INFINITY) {
    const found = await searchCandidates(db, plan.narrow, thin ? MAX_SEARCH_CANDIDATES : sortMost(plan.docs));
    if (found) return { kind: "candidates", ids: found.ids, n: Number(found.n) };
  }
  if (walks && plan.most <= Math.max(MAX_SEARCH_CANDIDATES, walkMost(plan.docs)))
    return { kind: "walk", match: plan.match };
  return { kind: "ranges" };
}

/**
 * A search whose walk nothing else bounds (walksUnbounded) reads at most this many tickets per page.
 * A word of two letters ("rh") that almost no ticket holds would otherwise have each request read the
 * whole queue (seconds at a million tickets); bounded, a page may come back short, with where it
 * stopped to go on from.
 */
export const WALK_BUDGET = SEARCH_WALK_BUDGET;

/** A page, and for a bounded walk, the ticket it stopped at before filling the page. */
export interface BoundedPage {
  /** TicketListRow each, or TicketSummaryRow with `summary` (see TicketFilter). */
  rows: TicketSummaryRow[];
  stoppedAt: { urgent: number; due: string; id: string } | null;
}

/**
 * Whether a page's way walks the queue checking words on each ticket with nothing bounding how far:
 * a search no index helps, several words past the index's candidates (a short one beside a common
 * one, «rh impresora»; on SQLite also two common ones seldom together), or (SQLite) one word so
 * common that the queue is walked checking LIKE. Such a word fills a page within about 50 × √(tickets
 * ÷ 1,000) tickets (1,600 at a million) when spread over the queue, but one common only among recent
 * tickets (a folio's year, «os-2026») is walked past every older ticket first: 274 ms of CPU at
 * 1,000,000 tickets on SQLite, unbounded. Bounding costs the read of where the walk stops (walkStop):
 * 0.3–1.5 ms on SQLite; 2–14 ms of PostgreSQL's CPU at 100,000 tickets (the sort of the ranges' cuts),
 * which every common word would pay there, so PostgreSQL bounds only searches with a word no index
 * knows. Left unbounded: a rarer word (the index's candidates walked through the search docs, each a
 * cheap check, also inside one technician's or client's tickets) and a common word inside another
 * filter that thins the queue (statuses: LIKE on each row; a bound would cut the page short).
 */
function walksUnbounded(db: Db, f: TicketFilter, path: SearchPath, patterns: string[]): boolean {
  if (path.kind !== "walk" && path.kind !== "ranges") return false;
  if (path.kind === "ranges" && path.unindexed) return true;
  if (patterns.length === 0) return false;
  if (patterns.length === 1) return isSqlite(db) && path.kind === "ranges" && !thins(f);
  return isSqlite(db) || patterns.some((p) => trigramsOf([p]).length === 0);
}

/**
 * One page in queue order (see listPage). A walk nothing bounds (walksUnbounded) goes at most
 * WALK_BUDGET tickets past the cursor: when they hold fewer than the page, `stoppedAt` is the last
 * ticket walked (a cursor from it goes on with the next ones).
 */
export async function boundedPage(db: Db, f: TicketFilter, budget = WALK_BUDGET): Promise<BoundedPage> {
  const patterns = likePatterns(f.terms);
  let path = await searchPath(db, f, patterns);
  if (path.kind === "trigram") {
    const rows = await pageRows(db, f, path, patterns);
    if (rows) return { rows, stoppedAt: null };
    path = { kind: "ranges" };
  }
  if (!walksUnbounded(db, f, path, patterns)) return { rows: await listPage(db, f, path), stoppedAt: null };
  const end = await walkStop(db, f, budget);
  const stop = end && { urgent: Number(end.urgent), due: end.response_due_at, id: end.id };
  const rows = await listPage(db, stop ? { ...f, before: stop } : f, path);
  return { rows, stoppedAt: stop && rows.length < f.limit ? stop : null };
}

/**
 * One page in queue order (urgent first, then the oldest deadline, then id). The page's ids are
 * chosen first from the tickets table alone (index ranges, no joins, no wide rows to sort), and only
 * those rows are joined. The statement is compiled once per shape of filter.
 */
export async function listPage(db: Db, f: TicketFilter, forced?: SearchPath): Promise<TicketSummaryRow[]> {
  const patterns = likePatterns(f.terms);
  const path = forced ?? (await searchPath(db, f, patterns));
  return (await pageRows(db, f, path, patterns)) ?? listPage(db, f, { kind: "ranges" });
}

/**
 * The page by `path`; null when a trigram search found more candidates than are worth ordering (the
 * page found is some of them, not the queue's first: the queue is to be walked instead).
 */
async function pageRows(
  db: Db,
  f: TicketFilter,
  path: SearchPath,
  patterns: string[],
): Promise<TicketSummaryRow[] | null> {
  if (path.kind === "candidates" && path.n === 0) return [];
  const build = (slot: SlotOf) => pageQuery(db, f, path, patterns, slot);
  const shape = `tickets.list ${shapeOf(f, path, patterns)}`;
  // A search is planned for its words (see compiledOnce); a queue page's plan is the same for all.
  const rows = await compiledOnce(db, shape, valuesOf(f, path, patterns), build, {
    prepare: patterns.length === 0,
  });
  if (path.kind !== "trigram") return rows;
  if (rows.length && Number((rows[0] as { found?: unknown }).found) > path.cap) {
    await noteTogether(db, path, narrows(f));
    return null;
  }
  return rows.map(({ found: _found, ...row }: TicketSummaryRow & { found?: unknown }) => row);
}

/** What makes two pages' statements differ (compiledOnce's key); every other value is bound. */
const shapeOf = (f: TicketFilter, path: SearchPath, patterns: string[]) =>
  JSON.stringify([
    path.kind,
    f.statuses,
    f.urgent,
    !!f.clientId,
    !!f.assigneeId,
    !!f.unassigned,
    f.breachedAt?.breached,
    f.after?.urgent,
    f.before?.urgent,
    patterns.length,
    path.kind === "trigram" ? path.grams.length : null,
    path.kind === "ranges" ? f.limit : null, // written into the ranges' SQL (see rangesPage)
    !!f.summary,
  ]);

/** The values of the page statement's slots. */
function valuesOf(f: TicketFilter, path: SearchPath, patterns: string[]): Record<string, unknown> {
  const values: Record<string, unknown> = {
    clientId: f.clientId,
    assigneeId: f.assigneeId,
    now: f.breachedAt?.now,
    afterDue: f.after?.due,
    afterId: f.after?.id,
    beforeDue: f.before?.due,
    beforeId: f.before?.id,
    limit: f.limit,
    candidates: path.kind === "candidates" ? path.ids : undefined,
    match: path.kind === "walk" ? path.match : undefined,
    most: path.kind === "trigram" ? path.cap + 1 : undefined,
  };
  for (const [i, p] of patterns.entries()) values[`p${i}`] = p;
  if (path.kind === "trigram") for (const [i, g] of path.grams.entries()) values[`g${i}`] = g;
  return values;
}

/** The page's statement by its path, every value a slot but the ranges' limit (see rangesPage). */
function pageQuery(db: Db, f: TicketFilter, path: SearchPath, patterns: string[], slot: SlotOf) {
  const sf = slotted(f, slot);
  const sp = patterns.map((_, i) => slot(`p${i}`));
  if (path.kind === "trigram") {
    const grams = path.grams.map((_, i) => slot(`g${i}`));
    const page = trigramPage(db, sf, sp, grams, slot("most"));
    return listQuery(db, page, !!f.summary).select(sql<string>`p.found`.as("found"));
  }
  const page =
    path.kind === "candidates"
      ? candidatePage(db, sf, sp, slot("candidates"), MAX_SEARCH_CANDIDATES)
      : path.kind === "walk"
        ? walkPage(db, sf, sp, slot("match"))
        : rangesPage(db, { ...sf, limit: f.limit }, sp);
  return listQuery(db, page, !!f.summary);
}

/**
 * The page's rows, joined from its ids in the order the page has them: SQLite reads the page as an
 * ordered co-routine and needs no sort of the wide rows for the ORDER BY.
 */
function listQuery(db: Db, page: ReturnType<typeof rangesPage>, summary: boolean) {
  return db
    .selectFrom(page.as("p"))
    .innerJoin("tickets", "tickets.id", "p.id")
    .innerJoin("clients", "clients.id", "tickets.client_id")
    .leftJoin("contacts", "contacts.id", "tickets.contact_id")
    .leftJoin("users", "users.id", "tickets.assignee_id")
    .select((summary ? SUMMARY_COLUMNS : LIST_COLUMNS).map((c) => `tickets.${c}` as const))
    .select(["clients.name as client_name", "contacts.name as contact_name", "users.name as assignee_name"])
    .orderBy("p.urgent", "desc")
    .orderBy("p.response_due_at")
    .orderBy("p.id");
}
