import { type Kysely, type Migration, sql } from "kysely";
import type { Dialect } from "../database.js";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

/**
 * PostgreSQL: the trigram index on tickets.search_text also keys each ticket by its client and its
 * technician (btree_gin), so a search inside one client's or one technician's tickets asks the index
 * for both at once. With the trigrams alone, a 1 % word inside one technician's tickets at 1,000,000
 * tickets read all 9,973 tickets holding the word to keep that technician's 844 (28 ms of PostgreSQL;
 * inside one client's: 35 ms to keep 58); keyed, it reads 844 (6 ms) and 58 (2 ms). A search with no
 * owner reads the trigram keys alone, as before. The index keeps its name (tests and plans refer to it).
 * SQLite's search docs already have those orders (migration 027). Tickets are locked until the
 * migrations commit (writes while the index is built, then reads too after the old one is dropped):
 * about a minute at 1,000,000 tickets on this 2-core machine, best done with Mesa stopped.
 */
async function up(db: AnyDb, dialect: Dialect): Promise<void> {
  if (dialect !== "postgres") return;
  // Trusted since PostgreSQL 13, like pg_trgm: a database owner may create it.
  await sql`create extension if not exists btree_gin`.execute(db).catch((err: unknown) => {
    throw new Error(
      "la búsqueda de PostgreSQL necesita la extensión btree_gin (parte de contrib, como pg_trgm) y el " +
        "usuario de DATABASE_URL no pudo crearla: haz a ese usuario dueño de la base, o pide a quien " +
        `administra PostgreSQL \`CREATE EXTENSION btree_gin;\` en esta base (${String(err)})`,
    );
  });
  await sql`create index tickets_search_trgm_owner on tickets
    using gin (client_id, assignee_id, search_text gin_trgm_ops)`.execute(db);
  await sql`drop index tickets_search_trgm`.execute(db);
  await sql`alter index tickets_search_trgm_owner rename to tickets_search_trgm`.execute(db);
}

export function searchOwnerKeysMigration(dialect: Dialect): Migration {
  return { up: (db) => up(db, dialect) };
}
