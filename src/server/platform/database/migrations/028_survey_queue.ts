import { type Kysely, type Migration, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

/**
 * Reception's survey queue (closed tickets with no survey yet) from an index of those tickets alone.
 * It walked every closed ticket from the oldest, skipping the ones with a survey: once a desk has
 * recorded years of surveys (answered or unreachable), each refresh of the queue read its whole
 * history before the first pending ticket, and counting what is pending read it all. A ticket now
 * says it has its survey (`survey_recorded`, set with the survey by surveysRepo.insert), and an index
 * of the closed tickets puts those still waiting for one first: a page and the count read what is
 * pending, however long the history.
 */
async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable("tickets")
    .addColumn("survey_recorded", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update tickets set survey_recorded = 1 where id in (select ticket_id from surveys)`.execute(db);
  // survey_recorded leads the key rather than sitting in the WHERE: SQLite, without statistics, would
  // not know such a partial index is small and kept to tickets_closed_report and a sort; an equality
  // on the key's first column and the order of the rest it prefers on its own.
  await sql`create index tickets_survey_queue on tickets (survey_recorded, closed_at, id)
    where status = 'closed'`.execute(db);
}

export const surveyQueueMigration: Migration = { up };
