import { type Kysely, type Migration, sql } from "kysely";
import type { Dialect } from "../database.js";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

/**
 * Ticket list at 100k+ tickets.
 *
 * 1. The status filter sorted every matching row (whole rows, descriptions included) to take a page:
 *    the status index now carries the whole queue order, so the page's ids come from the index alone.
 *
 * 2. SQLite only (PostgreSQL already has a pg_trgm GIN index on tickets.search_text): an FTS5 trigram
 *    index over tickets.search_text, so `q` no longer scans the table for rare words. It only narrows
 *    the candidates; the repo still applies the same LIKE patterns, so results are unchanged.
 *    - search_text is already folded (accents, case) by foldForSearch, so the tokenizer adds no
 *      folding of its own beyond case: every folding step may only merge characters, never drop
 *      them, which keeps the index a superset of what LIKE matches.
 *    - contentless (the text stays in tickets) and detail=none (no positions): queries are ANDs of
 *      trigrams and LIKE checks adjacency, which keeps the index about a quarter of the full size.
 *    - FTS rows are keyed by ticket_search_docs.doc_id, an INTEGER PRIMARY KEY, not by tickets'
 *      implicit rowid, which VACUUM or a dump/restore may renumber.
 *    - Triggers keep it in sync with every write to tickets, whichever code path makes it.
 */
async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  await db.schema.dropIndex("tickets_status").execute();
  await db.schema
    .createIndex("tickets_status_queue")
    .on("tickets")
    .columns(["status", "urgent desc", "response_due_at", "id"])
    .execute();

  if (dialect !== "sqlite") return;
  const statements = [
    sql`create table ticket_search_docs (doc_id integer primary key, ticket_id text not null unique)`,
    sql`create virtual table tickets_fts using fts5(
      search_text, content='', contentless_delete=1, detail=none, tokenize='trigram')`,
    sql`insert into ticket_search_docs (ticket_id) select id from tickets order by rowid`,
    sql`insert into tickets_fts (rowid, search_text)
      select d.doc_id, t.search_text from ticket_search_docs d join tickets t on t.id = d.ticket_id`,
    // One merged segment to start from: later writes then only merge their own small segments.
    sql`insert into tickets_fts (tickets_fts) values ('optimize')`,
    sql`create trigger tickets_search_insert after insert on tickets begin
      insert into ticket_search_docs (ticket_id) values (new.id);
      insert into tickets_fts (rowid, search_text)
        values ((select doc_id from ticket_search_docs where ticket_id = new.id), new.search_text);
    end`,
    sql`create trigger tickets_search_update after update of id, search_text on tickets
      when new.id is not old.id or new.search_text is not old.search_text begin
      update ticket_search_docs set ticket_id = new.id where ticket_id = old.id;
      update tickets_fts set search_text = new.search_text
        where rowid = (select doc_id from ticket_search_docs where ticket_id = new.id);
    end`,
    sql`create trigger tickets_search_delete after delete on tickets begin
      delete from tickets_fts where rowid = (select doc_id from ticket_search_docs where ticket_id = old.id);
      delete from ticket_search_docs where ticket_id = old.id;
    end`,
  ];
  for (const statement of statements) await statement.execute(db);
}

export function ticketSearchMigration(dialect: Dialect): Migration {
  return { up: (db) => up(db, dialect) };
}
