import { type Kysely, type Migration, sql } from "kysely";
import type { Dialect } from "../database.js";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

/**
 * SQLite search at 1,000,000 tickets (issue #16): a word in one ticket of a hundred has some 10,000
 * index candidates, too many to read each doc and sort them (a random read each), and too few for a
 * walk of the queue checking LIKE on each ticket's row (some 5,000 random rows). The search docs get
 * their own queue-order index: the queue is walked through it, the candidates kept as a set, and only
 * theirs are read from tickets, until the page is full. Built from the copied queue keys (migration
 * 021) in a few seconds at a million tickets; the triggers already keep them. PostgreSQL has no
 * search docs.
 */
async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  if (dialect !== "sqlite") return;
  await sql`create index ticket_search_docs_queue
    on ticket_search_docs (urgent desc, response_due_at, ticket_id)`.execute(db);
}

export function searchWalkMigration(dialect: Dialect): Migration {
  return { up: (db) => up(db, dialect) };
}
