import { type Kysely, sql } from "kysely";
import type { DB } from "../../platform/database/schema.js";
import { filtered, pastCursor, type TicketIds } from "./queue-page-repository.js";
import type { TicketFilter } from "./repository.js";
import { MAX_GRAMS, MAX_GRAMS_PER_SEARCH, STATS_MS } from "./search-plan-repository.js";

type Db = Kysely<DB>;

/**
 * PostgreSQL search (issue #16): which trigrams to ask pg_trgm's GIN index on tickets.search_text for
 * (the index also keys each ticket by client and technician, migration 037, so a search inside one
 * owner's tickets gets only theirs from it).
 *
 * A `LIKE '%term%'` makes the index read the list of tickets of every trigram of the term, and some
 * are in most tickets ("202" of a folio's year, " 20", "ion"): a folio search read ~1,300 index pages
 * (20 ms at 1,000,000 tickets) where its rare digits alone ("007177") read 28. So, as on SQLite
 * (search-plan-repository.ts), the tickets per trigram are estimated (from a sample, kept like a
 * planner's statistics) and the index is asked only for the rarest; LIKE on each row then decides,
 * written so that the index cannot take it (see queue-page-repository's `filtered`). The estimates
 * only decide the cost: any subset of a term's trigrams finds every ticket holding the term, and a
 * page is taken from the candidates only when they were all found (at most `cap`).
 */

interface Stats {
  at: number;
  /** The table's size in pages, as it is now. */
  pages: number;
  /** The planner's estimate of the number of tickets (from the pages before any ANALYZE). */
  tickets: number;
  /** Tickets per trigram, estimated (read once per sample: searches arriving meanwhile wait for it). */
  grams: Map<string, Promise<number>>;
  /**
   * Sets of trigrams found together in more tickets than the cap (one word's: "sincronizacion"):
   * "always" when a filter or cursor narrowed that search (then every search for them has as many),
   * "unnarrowed" when none did (a narrowed search for them may have few).
   */
  together: Map<string, "always" | "unnarrowed">;
}
const stats = new WeakMap<object, Stats>();

/** About this many of the table's pages are read to estimate how many tickets hold each trigram. */
const SAMPLE_PAGES = 1250;
/** Tickets per page of a table never analyzed (about 8 at a million tickets). */
const TICKETS_PER_PAGE = 8;

/** Stats being read, so that searches arriving together share one read (and one Stats). */
const reading = new WeakMap<object, Promise<Stats>>();

function statsOf(db: Db): Promise<Stats> {
  const key = db.getExecutor().adapter;
  const s = stats.get(key);
  if (s && Date.now() - s.at <= STATS_MS) return Promise.resolve(s);
  let read = reading.get(key);
  if (!read) {
    read = readStats(db, s).finally(() => reading.delete(key));
    reading.set(key, read);
    read.then((next) => stats.set(key, next)).catch(() => {});
  }
  return read;
}

async function readStats(db: Db, s: Stats | undefined): Promise<Stats> {
  // reltuples is -1 on a table never analyzed (PostgreSQL 14+); its size in pages is always current.
  const found = await sql<{ n: number | string; pages: number | string }>`select reltuples as n,
    pg_relation_size(oid) / current_setting('block_size')::int as pages
    from pg_class where oid = 'tickets'::regclass`.execute(db);
  const pages = Number(found.rows[0]?.pages ?? 0);
  const n = Number(found.rows[0]?.n ?? -1);
  const tickets = n >= 0 ? n : pages * TICKETS_PER_PAGE;
  // Estimating a trigram reads a sample: the estimates are kept while the table is about the same
  // size, so a search pays for them once per process, not every few minutes.
  const same = s && Math.abs(pages - s.pages) <= 0.1 * s.pages;
  const at = Date.now();
  return same ? { ...s, at, tickets } : { at, pages, tickets, grams: new Map(), together: new Map() };
}

/**
 * Tickets holding each trigram, estimated from a sample of the table's pages read once for all the
 * trigrams not yet known (a rare trigram is then in about 0 of the sample: "fewer than a few hundred",
 * all a plan needs to know); searches arriving meanwhile wait for the same sample.
 */
async function gramCounts(db: Db, s: Stats, grams: string[]): Promise<Map<string, number>> {
  const unknown = grams.filter((g) => !s.grams.has(g));
  if (unknown.length) {
    if (s.grams.size + unknown.length > MAX_GRAMS) s.grams.clear();
    const sampled = sampleCounts(db, s.pages, unknown);
    for (const [i, g] of unknown.entries())
      s.grams.set(
        g,
        sampled.then((counts) => counts[i] ?? 0),
      );
    // A failed sample is not kept: the next search reads it again.
    sampled.catch(() => {
      for (const g of unknown) s.grams.delete(g);
    });
  }
  const counts = await Promise.all(grams.map((g) => s.grams.get(g) ?? 0));
  return new Map(grams.map((g, i) => [g, counts[i] ?? 0]));
}

/** Each trigram's tickets in a sample of the table's pages, scaled to the whole table. */
async function sampleCounts(db: Db, pages: number, grams: string[]): Promise<number[]> {
  const percent = Math.min(100, (100 * SAMPLE_PAGES) / Math.max(1, pages));
  const counts = grams.map(
    (g, i) => sql`count(*) filter (where search_text like ${`%${g}%`}) as ${sql.ref(`g${i}`)}`,
  );
  // Each text is read out of its compressed form once, not once per LIKE (`offset 0` keeps the
  // subquery from being merged into the counts): on tickets of ~3,800 characters, 16 trigrams took
  // 0.5 s instead of 0.8.
  const found = await sql<Record<string, number | string>>`select ${sql.join(counts)}
    from (select search_text || '' as search_text
      from tickets tablesample system (${sql.lit(percent)}) repeatable (16) offset 0) sampled`.execute(db);
  const row = found.rows[0] ?? {};
  return grams.map((_, i) => Math.round((Number(row[`g${i}`] ?? 0) * 100) / percent));
}

/** Trigrams estimated per run of letters and digits: a long word's are spread along it. */
const GRAMS_PER_RUN = 8;
/**
 * Trigrams estimated per search: each is a LIKE on every sampled row (~4 ms for 10,000 tickets of 340
 * characters, ~60 ms of 3,800), and a search of 8 long words had 64, new ones at every request.
 */
const GRAMS_PER_SEARCH = 16;

/** Up to GRAMS_PER_RUN of a run's trigrams, from its start to its end. */
function spreadAlong(run: string): string[] {
  const n = run.length - 2;
  const step = Math.max(1, (n - 1) / (GRAMS_PER_RUN - 1));
  const starts =
    n <= GRAMS_PER_RUN
      ? Array.from({ length: n }, (_, i) => i)
      : Array.from({ length: GRAMS_PER_RUN }, (_, i) => Math.round(i * step));
  return starts.map((at) => run.slice(at, at + 3));
}

/**
 * The trigrams pg_trgm takes from the LIKE patterns, as the three-character runs of letters and digits
 * of each term: pg_trgm splits words at anything else, and a pattern of three such characters between
 * wildcards is exactly that one trigram (search_text is already folded to lower case without accents).
 * At most GRAMS_PER_SEARCH, taken from each run in turn so that every word has some estimated.
 */
export const trigramsOf = (patterns: string[]): string[] => {
  const runs = patterns.flatMap((p) => (p.slice(1, -1).match(/[a-z0-9]{3,}/g) ?? []).map(spreadAlong));
  const grams = new Set<string>();
  for (let i = 0; i < GRAMS_PER_RUN; i++)
    for (const run of runs) {
      const g = run[i];
      if (g !== undefined && grams.size < GRAMS_PER_SEARCH) grams.add(g);
    }
  return [...grams];
};

export interface TrigramPlan {
  /** The rarest trigrams, as LIKE patterns the index answers ("%007%"). */
  grams: string[];
  /** The most candidates worth ordering; past it the queue walked in order finds a page sooner. */
  cap: number;
}

/**
 * The trigrams to ask the index for, or null when there are none (no run of 3 letters or digits) or
 * all are in so many tickets that walking the queue checking LIKE finds a page sooner. `capOf` gives
 * the most candidates worth ordering for the table's number of tickets.
 */
export async function trigramPlan(
  db: Db,
  patterns: string[],
  narrowed: boolean,
  capOf: (tickets: number) => number,
): Promise<TrigramPlan | null> {
  const grams = trigramsOf(patterns);
  if (!grams.length) return null;
  const s = await statsOf(db);
  const cap = capOf(s.tickets);
  const counts = [...(await gramCounts(db, s, grams)).entries()].sort((a, b) => a[1] - b[1]);
  // Trigrams each in up to 2 × cap tickets are often together in a few (a folio's digits).
  if ((counts[0]?.[1] ?? 0) > 2 * cap) return null;
  const rarest = counts.slice(0, MAX_GRAMS_PER_SEARCH).map(([g]) => `%${g}%`);
  const together = s.together.get(rarest.join());
  if (together === "always" || (together === "unnarrowed" && !narrowed)) return null;
  return { grams: rarest, cap };
}

/**
 * The plan's trigrams were found together in more than its cap of tickets, by a search `narrowed` by a
 * filter or cursor or not: later searches for them that can have no fewer walk the queue at once,
 * until the table's size changes 10 % (statsOf).
 */
export async function noteTogether(db: Db, plan: TrigramPlan, narrowed: boolean): Promise<void> {
  const s = await statsOf(db);
  if (s.together.size >= MAX_GRAMS) s.together.clear();
  const key = plan.grams.join();
  if (narrowed || !s.together.has(key)) s.together.set(key, narrowed ? "always" : "unnarrowed");
}

/**
 * The tickets holding the plan's trigrams (a GIN bitmap scan: the CTE is materialized so the planner
 * cannot turn it into a walk of the queue) and passing every filter and LIKE, up to `most`, with the
 * first `f.limit` of them in queue order and, on each row, how many were found: as many as `most`
 * and the page may not be the queue's (listPage then walks the queue instead).
 */
export function trigramPage(db: Db, f: TicketFilter, patterns: string[], grams: string[], most: number) {
  let found = filtered(
    db.selectFrom("tickets").select(["tickets.id", "tickets.urgent", "tickets.response_due_at"]),
    f,
    patterns,
    true,
  );
  for (const g of grams) found = found.where("tickets.search_text", "like", g);
  if (f.statuses?.length) found = found.where("tickets.status", "in", f.statuses);
  if (f.urgent !== undefined) found = found.where("tickets.urgent", "=", f.urgent ? 1 : 0);
  if (f.after)
    found = found.where(pastCursor("tickets.urgent", "tickets.response_due_at", "tickets.id", f.after));
  const page = db
    .with(
      (w) => w("found").materialized(),
      () => found.limit(most),
    )
    .selectFrom("found")
    .select(["found.id", "found.urgent", "found.response_due_at", sql<string>`count(*) over ()`.as("found")])
    .orderBy("found.urgent", "desc")
    .orderBy("found.response_due_at")
    .orderBy("found.id")
    .limit(f.limit);
  return page as unknown as TicketIds;
}
