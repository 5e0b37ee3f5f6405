import { type Kysely, type Migration, sql } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: migrations run against any past schema
type AnyDb = Kysely<any>;

/**
 * Who put a ticket back in progress, while it is there: `review` (the senior sent it back) or `client`
 * (the client rejected the service order); null otherwise. The technician's lists show it, so a
 * returned ticket does not look like any other in progress; the lists read no history to know it.
 * Tickets in progress today take it from their last status change.
 */
async function up(db: AnyDb): Promise<void> {
  await db.schema.alterTable("tickets").addColumn("returned_by", "text").execute();
  await sql`update tickets set returned_by = (
      select case h.action when 'send_back' then 'review' when 'reject' then 'client' end
      from ticket_history h
      where h.ticket_id = tickets.id and h.to_status is not null
        and (h.from_status is null or h.to_status <> h.from_status)
      order by h.at desc, h.id desc limit 1)
    where status = 'in_progress'`.execute(db);
}

export const ticketReturnedByMigration: Migration = { up };
