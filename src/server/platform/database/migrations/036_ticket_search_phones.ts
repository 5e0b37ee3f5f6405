import { type Kysely, type Migration, sql } from "kysely";
import { ticketSearchText } from "../../../../domain/text.js";
import type { Dialect } from "../database.js";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

/** Tickets read per batch (a test passes fewer to walk several batches over a small table). */
const BATCH = 1000;

/**
 * Every ticket's search text written again as ticketSearchText writes it now:
 * - with the contact's phones as digits and the digits of the numbers its title and description
 *   write with punctuation, so a search by a number in any form finds them;
 * - with the client's and contact's names for tickets of an unidentified sender that reception linked
 *   to a client (they kept the placeholder client's name, and a search by their client missed them).
 * In batches by id, each batch's changed texts in one UPDATE (SQLite's search index follows by trigger).
 */
async function up(db: AnyDb, dialect: Dialect, batch: number): Promise<void> {
  const phones =
    dialect === "sqlite"
      ? sql<string | null>`(select group_concat(value, ' ') from (select value from contact_channels c
          where c.contact_id = t.contact_id and c.kind = 'phone' order by c.id))`
      : sql<string | null>`(select string_agg(value, ' ' order by c.id) from contact_channels c
          where c.contact_id = t.contact_id and c.kind = 'phone')`;
  let after = "";
  for (;;) {
    const rows = await db
      .selectFrom("tickets as t")
      .innerJoin("clients as cl", "cl.id", "t.client_id")
      .leftJoin("contacts as co", "co.id", "t.contact_id")
      .select([
        "t.id",
        "t.folio",
        "t.title",
        "t.description",
        "t.search_text",
        "cl.name as client",
        "co.name as contact",
      ])
      .select(phones.as("phones"))
      .where("t.id", ">", after)
      .orderBy("t.id")
      .limit(batch)
      .execute();
    const changed = rows.flatMap((r) => {
      const text = ticketSearchText({
        folio: r.folio,
        title: r.title,
        description: r.description,
        clientName: r.client,
        contactName: r.contact,
        contactPhones: r.phones,
      });
      return text === r.search_text ? [] : [sql`(${r.id}, ${text})`];
    });
    // A batch's texts in one statement: one UPDATE per ticket took ~1 ms each (a commit each on
    // SQLite, a round trip each on PostgreSQL), about 10–15 minutes for a million tickets.
    if (changed.length)
      await sql`with v(id, text) as (values ${sql.join(changed)})
        update tickets set search_text = v.text from v where tickets.id = v.id`.execute(db);
    if (rows.length < batch) return;
    after = rows.at(-1)?.id ?? after;
  }
}

export function ticketSearchPhonesMigration(dialect: Dialect, batch = BATCH): Migration {
  return { up: (db) => up(db, dialect, batch) };
}
