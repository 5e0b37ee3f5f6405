/**
 * Bulk seeding of the HTTP bench's tickets (bench/http.ts) on SQLite and PostgreSQL, fast enough for a
 * million: rows are generated in column order and written in big prepared batches inside one
 * transaction, with the tickets table's secondary indexes (and on SQLite the search-index trigger)
 * dropped meanwhile and rebuilt once at the end, as a bulk load does. The schema ends up exactly as
 * the migrations left it.
 */
import { randomUUID } from "node:crypto";
import type SQLite from "better-sqlite3";
import type pg from "pg";
import { addBusinessMinutes, type BusinessCalendar } from "../src/domain/calendar/index.js";
import { formatFolio } from "../src/domain/folio.js";
import { DEFAULT_SLA_TARGETS, responseTargetMinutes } from "../src/domain/sla.js";
import { foldForSearch, ticketSearchText } from "../src/domain/text.js";
import { type People, pick, RARE_WORD, ticketText } from "./http-data.js";

export const TICKET_COLUMNS = [
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
  "unknown_sender",
  "search_text",
  "created_at",
  "updated_at",
  "closed_at",
  "version",
  "escalation_level",
] as const;

const CATEGORIES = ["soporte", "redes", "fortigate", "hosting", "windows-server", "microsip", null];
const CHANNELS = ["phone", "email", "portal", "walk_in"] as const;
const RECENT_STATUSES = [
  "new",
  "new",
  "assigned",
  "assigned",
  "in_progress",
  "attended",
  "reviewed",
  "closed",
] as const;

/** Old tickets are mostly closed, with a tail stuck open; the last month is spread over the workflow. */
function statusOf(rand: () => number, recent: boolean): string {
  if (recent) return pick(rand, RECENT_STATUSES);
  const r = rand();
  if (r < 0.92) return "closed";
  if (r < 0.96) return "cancelled";
  if (r < 0.975) return "reviewed";
  if (r < 0.985) return "attended";
  if (r < 0.99) return "in_progress";
  return r < 0.995 ? "assigned" : "new";
}

const folded = new Map<string, string>();
const fold = (text: string) => {
  const known = folded.get(text);
  if (known !== undefined) return known;
  const f = foldForSearch(text);
  folded.set(text, f);
  return f;
};

/**
 * ticketSearchText's result, put together from folded pieces (the folding is per character, so the
 * pieces fold alike alone or joined): folding whole texts was most of the generation time. The first
 * thousand rows are checked against ticketSearchText itself.
 */
function searchText(
  i: number,
  t: {
    folio: string;
    title: string;
    description: string;
    sentences: string[];
    clientName: string;
    contactName: string;
  },
): string {
  const text = `${t.folio.toLowerCase()} ${fold(t.title)} ${t.sentences.map(fold).join(" ")} ${fold(t.clientName)} ${fold(t.contactName)}`;
  if (i < 1000 && text !== ticketSearchText(t))
    throw new Error(`bench search text differs from ticketSearchText: ${text}`);
  return text;
}

export interface TicketSource {
  count: number;
  now: number;
  cal: BusinessCalendar;
  people: People;
  rand: () => number;
}

/**
 * `count` tickets over the last three years, oldest first so folios follow received order; yields
 * each row as values in TICKET_COLUMNS order. Returns the last folio number of each year.
 */
export function* ticketRows(src: TicketSource): Generator<unknown[], Map<number, number>> {
  const { count, now, cal, rand } = src;
  const { clients, contacts, techs, contracts } = src.people;
  const contractOf = new Map(contracts.map((c) => [c.client_id, c.id]));
  const span = 3 * 365 * 86_400_000;
  const recentFrom = now - 30 * 86_400_000;
  const seqByYear = new Map<number, number>();
  const iso = (ms: number) => new Date(ms).toISOString();
  for (let i = 0; i < count; i++) {
    const receivedMs = Math.floor(now - span + (i / count) * (span - 3_600_000) + rand() * 60_000);
    const year = new Date(receivedMs).getUTCFullYear();
    const seq = (seqByYear.get(year) ?? 0) + 1;
    seqByYear.set(year, seq);
    const folio = formatFolio(year, seq);
    const ci = Math.floor(rand() * clients.length);
    const client = clients[ci]!;
    const contractId = contractOf.get(client.id) ?? null;
    const kind = contractId ? "contract" : "event";
    const urgent = rand() < 0.15;
    const dueMs = addBusinessMinutes(
      cal,
      receivedMs,
      responseTargetMinutes(kind, urgent, DEFAULT_SLA_TARGETS),
    );
    const status = statusOf(rand, receivedMs >= recentFrom);
    const responded = status !== "new" && status !== "assigned" && status !== "cancelled";
    const respondedMs = responded ? receivedMs + Math.floor(rand() * 8 * 3_600_000) : null;
    const raw = responded ? Math.floor(rand() * 240) : 0;
    const { title, description, sentences } = ticketText(rand);
    const contactName = contacts[ci]!.name;
    const search = searchText(i, {
      folio,
      title,
      description,
      sentences,
      clientName: client.name,
      contactName,
    });
    const receivedIso = iso(receivedMs);
    const closedIso = status === "closed" ? iso(receivedMs + 3 * 86_400_000) : null;
    // biome-ignore format: one value per column, in TICKET_COLUMNS order
    yield [
      randomUUID(), folio, client.id, contacts[ci]!.id, title, description, urgent ? 1 : 0,
      pick(rand, CHANNELS), pick(rand, CATEGORIES), kind, contractId, status,
      status === "new" ? null : pick(rand, techs).id, receivedIso, iso(dueMs),
      respondedMs === null ? null : iso(respondedMs), 480, iso(addBusinessMinutes(cal, receivedMs, 480)),
      raw, status === "reviewed" || status === "closed" ? Math.ceil(raw / 15) * 15 : null,
      status === "closed" ? "invoiced" : "pending", 0,
      search,
      receivedIso, closedIso ?? receivedIso, closedIso, 1, 0,
    ];
  }
  return seqByYear;
}

/** What a seeding wrote besides the rows: the folio counters and how many tickets say RARE_WORD. */
export interface Seeded {
  folios: Map<number, number>;
  rare: number;
  /** Seconds spent writing the rows, and rebuilding indexes (and on SQLite the search index) after. */
  phases: string;
}

const since = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

/** The generator's rows in batches of `size`; `into` receives the totals when it is drained. */
function* batches(src: TicketSource, size: number, into: Seeded): Generator<unknown[][]> {
  const rows = ticketRows(src);
  const searchAt = TICKET_COLUMNS.indexOf("search_text");
  let batch: unknown[][] = [];
  for (;;) {
    const next = rows.next();
    if (next.done) {
      if (batch.length) yield batch;
      into.folios = next.value;
      return;
    }
    if ((next.value[searchAt] as string).includes(RARE_WORD)) into.rare++;
    batch.push(next.value);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
}

/**
 * SQLite: one transaction of 200-row prepared INSERTs (28 columns × 200 stays under the 32,766 bound
 * parameters) into a table without its secondary indexes, then each index built once, then the FTS5
 * trigram index filled in one statement and optimized (one segment, as migration 003 builds it).
 */
export function seedSqliteTickets(raw: SQLite.Database, src: TicketSource): Seeded {
  raw.pragma("synchronous = OFF");
  raw.pragma("cache_size = -400000");
  raw.pragma("foreign_keys = OFF");
  const saved = raw
    .prepare(
      `select type, name, sql from sqlite_master where tbl_name = 'tickets' and sql is not null
       and (type = 'index' or name = 'tickets_search_insert')`,
    )
    .all() as { type: string; name: string; sql: string }[];
  // The search docs' own indexes (their queue order, migration 024) are built once they are filled.
  const docIndexes = raw
    .prepare(`select name, sql from sqlite_master where tbl_name = 'ticket_search_docs' and type = 'index'
       and sql is not null`)
    .all() as { name: string; sql: string }[];
  for (const s of [...saved, ...docIndexes.map((d) => ({ ...d, type: "index" }))])
    raw.exec(`drop ${s.type} ${s.name}`);
  const BATCH = 200;
  const statement = (n: number) =>
    raw.prepare(
      `insert into tickets (${TICKET_COLUMNS.join(", ")}) values ${Array(n)
        .fill(`(${TICKET_COLUMNS.map(() => "?").join(", ")})`)
        .join(", ")}`,
    );
  const full = statement(BATCH);
  const seeded: Seeded = { folios: new Map(), rare: 0, phases: "" };
  let t0 = performance.now();
  raw.transaction(() => {
    for (const b of batches(src, BATCH, seeded))
      (b.length === BATCH ? full : statement(b.length)).run(b.flat());
  })();
  seeded.phases = `rows ${since(t0)} s`;
  t0 = performance.now();
  raw.transaction(() => {
    for (const s of saved.filter((x) => x.type === "index")) raw.exec(s.sql);
    seeded.phases += `, indexes ${since(t0)} s`;
    t0 = performance.now();
    if (hasFts(raw)) {
      // With the queue keys the search filters and orders by (migration 021), as the trigger writes them.
      raw.exec(`insert into ticket_search_docs (ticket_id, urgent, response_due_at, status, client_id, assignee_id)
        select id, urgent, response_due_at, status, client_id, assignee_id from tickets order by rowid`);
      raw.exec(`insert into tickets_fts (rowid, search_text)
        select d.doc_id, t.search_text from ticket_search_docs d join tickets t on t.id = d.ticket_id`);
    }
    for (const s of docIndexes) raw.exec(s.sql);
    for (const s of saved.filter((x) => x.type === "trigger")) raw.exec(s.sql);
  })();
  if (hasFts(raw)) raw.exec("insert into tickets_fts (tickets_fts) values ('optimize')");
  seeded.phases += `, search index ${since(t0)} s`;
  raw.pragma("foreign_keys = ON");
  raw.pragma("synchronous = NORMAL");
  return seeded;
}

const hasFts = (raw: SQLite.Database) =>
  raw.prepare("select 1 from sqlite_master where name = 'tickets_fts'").get() !== undefined;

/**
 * PostgreSQL: one transaction of INSERT … SELECT FROM unnest(arrays) (one statement per 5,000 rows,
 * 28 array parameters), into a table without its secondary indexes, which are rebuilt at the end.
 */
export async function seedPostgresTickets(client: pg.ClientBase, src: TicketSource): Promise<Seeded> {
  const { rows: saved } = await client.query<{ name: string; sql: string }>(
    `select indexname as name, indexdef as sql from pg_indexes
     where tablename = 'tickets' and schemaname = current_schema()
       and indexname not in (select conname from pg_constraint where conrelid = 'tickets'::regclass)`,
  );
  const { rows: types } = await client.query<{ name: string; type: string }>(
    `select column_name as name, udt_name as type from information_schema.columns
     where table_name = 'tickets' and table_schema = current_schema()`,
  );
  const typeOf = new Map(types.map((t) => [t.name, t.type]));
  const casts = TICKET_COLUMNS.map((c, i) => `$${i + 1}::${typeOf.get(c)}[]`);
  const insert = `insert into tickets (${TICKET_COLUMNS.join(", ")}) select * from unnest(${casts.join(", ")})`;
  await client.query("begin");
  try {
    for (const s of saved) await client.query(`drop index ${s.name}`);
    const seeded: Seeded = { folios: new Map(), rare: 0, phases: "" };
    let t0 = performance.now();
    for (const batch of batches(src, 5000, seeded))
      await client.query(
        insert,
        TICKET_COLUMNS.map((_, c) => batch.map((row) => row[c])),
      );
    seeded.phases = `rows ${since(t0)} s`;
    t0 = performance.now();
    await client.query("set local maintenance_work_mem = '512MB'");
    for (const s of saved) await client.query(s.sql);
    await client.query("commit");
    // Every table, as autovacuum would have by the time such a desk is in use: this machine's
    // PostgreSQL runs with autovacuum off, and clients, contacts and users (written just before, through
    // Mesa) had no statistics: their estimate of 7 clients made each queue page compare every ticket
    // with every client (1.6 ms of PostgreSQL's CPU per page instead of 1.0). Vacuumed too, so that
    // index-only scans of the queue's indexes need not visit each ticket's row to see it is visible.
    await client.query("vacuum analyze");
    seeded.phases += `, indexes, vacuum and analyze ${since(t0)} s`;
    return seeded;
  } catch (err) {
    await client.query("rollback");
    throw err;
  }
}
