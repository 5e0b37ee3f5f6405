import { type Kysely, sql } from "kysely";
import type { DB } from "../../platform/database/schema.js";

type Db = Kysely<DB>;

/**
 * SQLite search (issue #16): how to find a page of `q` in the FTS5 trigram index (migration 003).
 *
 * Each trigram asked for costs a walk of its whole list of tickets, even inside an AND: "ion" or "zac"
 * are in a third of the tickets, "niz" in one of a hundred. So the trigrams are chosen by how many
 * tickets hold them, counted in the index itself and kept a few minutes per database (like a
 * planner's statistics: they only decide the cost of a search, never its answer — any subset of a
 * term's trigrams finds every ticket holding the term, and LIKE decides).
 *
 * The count of candidates then picks the way to the page (see listPage):
 * - few: read them all, order them by their copy of the queue keys (candidatePage);
 * - more: walk the queue in order through the search docs' own queue index, keeping the candidates,
 *   until the page is full (walkPage) — only without filters that would thin them out, or inside one
 *   technician's or client's queue (the docs have those orders too);
 * - many (or a filter, past the candidate cap): walk the queue checking LIKE on each row (rangesPage).
 */

/**
 * Trigram counts are probed again after this long (the index grows with the tickets); on PostgreSQL
 * the table's size is (trigram-search-repository.ts).
 */
export const STATS_MS = 5 * 60_000;
/** A bound on the trigrams kept per database (a cache, cleared when full). */
export const MAX_GRAMS = 20_000;
/** At most this many trigrams are asked of the index in one search. */
export const MAX_GRAMS_PER_SEARCH = 3;

interface Stats {
  at: number;
  /** Highest search doc id: about the number of tickets. */
  docs: number;
  /** Tickets per trigram; `atLeast` when the count stopped at its limit. */
  grams: Map<string, { n: number; atLeast: boolean }>;
}
const stats = new WeakMap<object, Stats>();

async function statsOf(db: Db): Promise<Stats> {
  const key = db.getExecutor().adapter;
  const now = Date.now();
  let s = stats.get(key);
  if (!s || now - s.at > STATS_MS) {
    const docs = await sql<{ n: number | null }>`select max(doc_id) as n from ticket_search_docs`.execute(db);
    s = { at: now, docs: Number(docs.rows[0]?.n ?? 0), grams: new Map() };
    stats.set(key, s);
  }
  return s;
}

const quoted = (gram: string) => `"${gram.replaceAll('"', '""')}"`;

/** Tickets holding `gram`, counted up to `limit` (cached; counted again if a cached bound is too low). */
async function gramCount(db: Db, s: Stats, gram: string, limit: number): Promise<number> {
  const known = s.grams.get(gram);
  if (known && (!known.atLeast || known.n >= limit)) return known.n;
  const found = await sql<{ n: number }>`select count(*) as n
    from (select rowid from tickets_fts where tickets_fts match ${quoted(gram)} limit ${limit})`.execute(db);
  const n = Number(found.rows[0]?.n ?? 0);
  if (s.grams.size >= MAX_GRAMS) s.grams.clear();
  s.grams.set(gram, { n, atLeast: n >= limit });
  return n;
}

/**
 * Characters of tickets' search text (folded Spanish; folios like os-2026-000123), most common first:
 * only the order in which trigrams are counted (the likely rarest first, so the others are counted
 * only up to twice its count).
 */
const BY_FREQUENCY = "0-2eaosrnidlctu1m p3456789bgvyqhfzjxkw";
const commonness = (gram: string) =>
  Array.from(gram).reduce((sum, ch) => {
    const rank = BY_FREQUENCY.indexOf(ch);
    return sum + (rank < 0 ? 0 : BY_FREQUENCY.length - rank);
  }, 0);

/** The trigrams of each LIKE pattern's term ("%term%"), by code points; none under 3 characters. */
const trigramsOf = (pattern: string): string[] => {
  const chars = Array.from(pattern.slice(1, -1));
  return Array.from({ length: Math.max(0, chars.length - 2) }, (_, at) => chars.slice(at, at + 3).join(""));
};

export interface SearchPlan {
  /** FTS5 query: the rarest trigrams, ANDed. */
  match: string;
  /**
   * FTS5 query of up to 3 of the rarest trigrams whatever their term: narrower than `match` where a
   * word's own trigrams together are rare though each is common (a folio's digits: "123" is in
   * thousands of tickets, "512" AND "123" AND "234" in a few). Same as `match` when nothing to add.
   */
  narrow: string;
  /** At most this many candidates (the rarest trigram's count); Infinity past `most`. */
  most: number;
  /** About the number of tickets. */
  docs: number;
}

/**
 * The FTS5 query for LIKE patterns, with an upper bound of its candidates, counting no trigram past
 * `most`; null when no term has 3+ characters (LIKE alone decides).
 */
export async function searchPlan(
  db: Db,
  patterns: string[],
  most: (docs: number) => number,
): Promise<SearchPlan | null> {
  const terms = patterns.map(trigramsOf).filter((grams) => grams.length);
  if (!terms.length) return null;
  const s = await statsOf(db);
  const bound = Math.max(1, Math.ceil(most(s.docs))) + 1;
  // Counted likely rarest first, so that the others are counted only as far as they could be chosen.
  const grams = [...new Set(terms.flat())].sort((a, b) => commonness(a) - commonness(b));
  const counts = new Map<string, number>();
  let least = Number.POSITIVE_INFINITY;
  for (const g of grams) {
    const n = await gramCount(db, s, g, Math.min(bound, 2 * least + 1));
    counts.set(g, n);
    least = Math.min(least, n);
  }
  // The rarest trigram of each term, the rarest first, while each holds at most twice the rarest's
  // tickets: another term's trigram narrows the candidates where one of the same word seldom does.
  const rarest = terms
    .map((grams) => grams.reduce((a, b) => ((counts.get(b) ?? 0) < (counts.get(a) ?? 0) ? b : a)))
    .sort((a, b) => (counts.get(a) ?? 0) - (counts.get(b) ?? 0));
  const chosen = [...new Set(rarest)]
    .filter((g) => (counts.get(g) ?? 0) <= 2 * least)
    .slice(0, MAX_GRAMS_PER_SEARCH);
  const narrow = [...counts.entries()]
    .filter(([, n]) => n <= 2 * least)
    .sort((a, b) => a[1] - b[1])
    .slice(0, MAX_GRAMS_PER_SEARCH)
    .map(([g]) => g);
  const match = chosen.map(quoted).join(" AND ");
  return {
    match,
    narrow: narrow.length > chosen.length ? narrow.map(quoted).join(" AND ") : match,
    most: least >= bound ? Number.POSITIVE_INFINITY : least,
    docs: s.docs,
  };
}

/**
 * Doc ids (see migration 003) of the tickets the FTS query finds, a superset of the LIKE matches, as
 * a JSON array (what candidatePage reads); null when there are more than `most`.
 */
export async function searchCandidates(db: Db, match: string, most: number) {
  // SQLite refuses a LIMIT that is not a whole number (a cap of √tickets, say) with "datatype mismatch".
  const limit = Math.floor(most) + 1;
  const found = sql<{ n: number; ids: string }>`select count(*) as n, json_group_array(rowid) as ids
    from (select rowid from tickets_fts where tickets_fts match ${match} limit ${limit})`;
  const [row] = (await found.execute(db)).rows;
  if (!row) return null; // count(*) always answers one row
  return Number(row.n) >= limit ? null : row;
}
