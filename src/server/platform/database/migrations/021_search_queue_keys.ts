import { type Kysely, type Migration, sql } from "kysely";
import type { Dialect } from "../database.js";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

/**
 * SQLite search at 100,000+ tickets (issue #16): a rare word has up to 2,000 index candidates, and each
 * cost a probe of tickets by its text id and a read of its whole row, only to learn where it falls in
 * the queue — most of a search's time. ticket_search_docs (migration 003, keyed by the FTS doc id) now
 * also holds each ticket's queue order and the columns the queue filters by, so candidates are
 * filtered and put in order from it alone; only the page's first ones are then read from tickets (for
 * LIKE, which still decides). Triggers keep the copies equal to tickets on every write, whichever code
 * path makes it. PostgreSQL searches through its own trigram index and has no such table.
 */
const COPIED = ["urgent", "response_due_at", "status", "client_id", "assignee_id"] as const;
const cols = COPIED.join(", ");

/** Copies every ticket's queue keys into its search doc (the backfill; exported for its test). */
export async function copyQueueKeys(db: AnyDb): Promise<void> {
  await sql
    .raw(`update ticket_search_docs set (${cols}) =
      (select ${COPIED.map((c) => `t.${c}`).join(", ")} from tickets t where t.id = ticket_search_docs.ticket_id)`)
    .execute(db);
}

async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  if (dialect !== "sqlite") return;
  const fromNew = COPIED.map((c) => `new.${c}`).join(", ");
  const statements = [
    sql`alter table ticket_search_docs add column urgent integer not null default 0`,
    sql`alter table ticket_search_docs add column response_due_at text not null default ''`,
    sql`alter table ticket_search_docs add column status text not null default ''`,
    sql`alter table ticket_search_docs add column client_id text not null default ''`,
    sql`alter table ticket_search_docs add column assignee_id text`,
  ];
  for (const statement of statements) await statement.execute(db);
  await copyQueueKeys(db);
  const triggers = [
    sql`drop trigger tickets_search_insert`,
    sql.raw(`create trigger tickets_search_insert after insert on tickets begin
      insert into ticket_search_docs (ticket_id, ${cols}) values (new.id, ${fromNew});
      insert into tickets_fts (rowid, search_text)
        values ((select doc_id from ticket_search_docs where ticket_id = new.id), new.search_text);
    end`),
    // Either id: the id trigger (migration 003) may have renamed the row already, or not yet.
    sql.raw(`create trigger tickets_search_queue after update of ${cols} on tickets begin
      update ticket_search_docs set (${cols}) = (${fromNew}) where ticket_id in (old.id, new.id);
    end`),
  ];
  for (const statement of triggers) await statement.execute(db);
}

export function searchQueueKeysMigration(dialect: Dialect): Migration {
  return { up: (db) => up(db, dialect) };
}
