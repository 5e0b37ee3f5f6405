import { type Kysely, sql } from "kysely";
import { compiledOnce } from "../../platform/database/compiled-once.js";
import { isSqlite } from "../../platform/database/dialect.js";
import type { DB } from "../../platform/database/schema.js";
import { queueRange, rangesPage, slotted, statusesOf } from "./queue-page-repository.js";
import type { TicketFilter } from "./repository.js";

type Db = Kysely<DB>;
/** A ticket's place in the queue. */
export type QueueKeys = { id: string; urgent: number; response_due_at: string };

/**
 * Where a walk of the queue checking LIKE on `budget` tickets past the cursor stops: the budget-th
 * ticket passing the filters of the queue's index ranges, in queue order (undefined when fewer are
 * left). Read from those ranges alone, as a page's ids are: a search no index answers then walks up to
 * it and no further (see boundedPage), instead of the whole table when its words match almost nothing.
 * Breached is left out: counting only breached tickets, the budget would walk the whole index when
 * few are (the page up to the stop still keeps only breached ones).
 */
export async function walkStop(db: Db, f: TicketFilter, budget: number): Promise<QueueKeys | undefined> {
  const walked = { ...f, terms: [], breachedAt: undefined, before: undefined, limit: budget };
  const urgencyFirst = !isSqlite(db) && statusesOf(walked).length === 1;
  // Compiled once per shape (see compiledOnce): building the ranges with Kysely cost this process
  // about as much as the read itself (~1 ms).
  const shape = JSON.stringify([
    urgencyFirst,
    walked.statuses,
    walked.urgent,
    !!walked.clientId,
    !!walked.assigneeId,
    !!walked.unassigned,
    walked.after?.urgent,
    budget,
  ]);
  const values = {
    clientId: walked.clientId,
    assigneeId: walked.assigneeId,
    afterDue: walked.after?.due,
    afterId: walked.after?.id,
  };
  const [row] = await compiledOnce<QueueKeys, DB>(db, `tickets.walkStop ${shape}`, values, (slot) => {
    const sf = { ...slotted(walked, slot), limit: budget };
    return urgencyFirst ? urgencyFirstStop(db, sf, budget) : sortedStop(db, sf, budget);
  });
  return row && { ...row, urgent: Number(row.urgent) };
}

/**
 * The budget-th ticket of the ranges: SQLite merges them as it reads them and stops there (see
 * rangesPage); PostgreSQL cuts each range at the budget and sorts the cuts together.
 */
function sortedStop(db: Db, f: TicketFilter, budget: number) {
  return db
    .selectFrom(rangesPage(db, f, []).as("k"))
    .select(["k.id", "k.urgent", "k.response_due_at"])
    .orderBy("k.urgent", "desc")
    .orderBy("k.response_due_at")
    .orderBy("k.id")
    .limit(1)
    .offset(budget - 1);
}

/**
 * PostgreSQL, when each urgency is one index range (no status, client or technician filter): the same
 * ticket without sorting the two ranges' cuts together (measured at 100,000 tickets: 9.5 ms of
 * PostgreSQL's CPU instead of 16.5). The urgent tickets come first, so the stop is the budget-th of
 * them if there are that many, else the less urgent one the rest of the budget further; that walk runs
 * only then (a one-time filter). With several status ranges per urgency PostgreSQL 15 did not choose
 * to merge them in order (Merge Append), and when they are short it sorts them with parallel workers,
 * which cost more than the cuts' sort: those keep rangesPage's statement.
 */
function urgencyFirstStop(db: Db, f: TicketFilter, budget: number) {
  const urgents = [1, 0].filter(
    (u) => (f.urgent === undefined || u === +f.urgent) && (!f.after || u <= f.after.urgent),
  );
  const [u1, u2] = urgents;
  // Nothing past the cursor in the urgencies asked for.
  if (u1 === undefined)
    return db
      .selectFrom("tickets")
      .select(["tickets.id", "tickets.urgent", "tickets.response_due_at"])
      .where(sql<boolean>`1 = 0`);
  const first = urgencyWalk(db, f, u1).limit(budget);
  // The less urgent walk runs only when the urgent one holds fewer than the budget (a one-time
  // filter); its offset is the rest of the budget.
  const query =
    u2 === undefined
      ? sql<QueueKeys>`with w1 as materialized (${first})
        select * from (select * from w1 order by response_due_at desc, id desc limit 1) a
          where (select count(*) from w1) >= ${budget}`
      : sql<QueueKeys>`with w1 as materialized (${first}),
          n1 as (select count(*) as n from w1)
        select * from (select * from w1 order by response_due_at desc, id desc limit 1) a
          where (select n from n1) >= ${budget}
        union all
        select * from (${urgencyWalk(db, f, u2)
          .offset(sql<number>`greatest(0, ${budget - 1} - (select n from n1))`)
          .limit(1)}) b
          where (select n from n1) < ${budget}`;
  return { compile: () => query.compile(db) };
}

/** One urgency's tickets past the cursor, in queue order (the one status range walkStop sends here). */
function urgencyWalk(db: Db, f: TicketFilter, urgent: number) {
  const [status = null] = statusesOf(f);
  return queueRange(db, f, [], status, urgent).orderBy("tickets.response_due_at").orderBy("tickets.id");
}
