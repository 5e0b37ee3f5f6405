import { type Kysely, type Migration, sql } from "kysely";
import type { Dialect } from "../database.js";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

/**
 * SQLite search inside one technician's or one client's tickets (issue #16): a word in one ticket of
 * a hundred has too many index candidates to read and sort, so such a search walked the technician's
 * tickets checking LIKE on each row (a random read of a wide row each: about 5,000 per page, 17 ms at
 * 1,000,000 tickets). The search docs get the technician's and the client's queue order too: the walk
 * goes through them keeping the index's candidates as a set (walkPage), a cheap check per entry. The
 * triggers of migration 021 already keep the copied columns. PostgreSQL has no search docs.
 */
async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  if (dialect !== "sqlite") return;
  await sql`create index ticket_search_docs_assignee
    on ticket_search_docs (assignee_id, urgent desc, response_due_at, ticket_id)`.execute(db);
  await sql`create index ticket_search_docs_client
    on ticket_search_docs (client_id, urgent desc, response_due_at, ticket_id)`.execute(db);
}

export function searchWalkOwnerMigration(dialect: Dialect): Migration {
  return { up: (db) => up(db, dialect) };
}
