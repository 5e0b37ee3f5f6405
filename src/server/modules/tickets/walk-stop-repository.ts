import { type Kysely, type RawBuilder, sql } from "kysely";
import type { TicketStatus } from "../../../contract/tickets.js";
import { TICKET_STATUSES } from "../../../domain/workflow.js";
import { isSqlite } from "../../platform/database/dialect.js";
import type { DB } from "../../platform/database/schema.js";
import { filtered, rangesPage } from "./queue-page-repository.js";
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
  const walked = { ...f, terms: [], breachedAt: undefined, before: undefined };
  if (!isSqlite(db)) return mergedStop(db, walked, budget);
  // SQLite merges the ranges as it reads them and stops at the budget-th (see rangesPage).
  const keys = rangesPage(db, { ...walked, limit: budget }, []);
  return db
    .selectFrom(keys.as("k"))
    .select(["k.id", "k.urgent", "k.response_due_at"])
    .orderBy("k.urgent", "desc")
    .orderBy("k.response_due_at")
    .orderBy("k.id")
    .limit(1)
    .offset(budget - 1)
    .executeTakeFirst();
}

/**
 * PostgreSQL: the same ticket without sorting the ranges' cuts together (the ranges of rangesPage,
 * each cut at the budget and then sorted: 17 ms at 100,000 tickets, 76 ms at 50,000 with a client's
 * 14 ranges). Within one urgency the status ranges are merged in (deadline, id) order as their index
 * scans yield it (a Merge Append) up to the budget; the urgent tickets come first, so the stop is the
 * budget-th of them if there are that many, else the last of the others up to the budget minus their
 * count.
 */
async function mergedStop(db: Db, f: TicketFilter, budget: number): Promise<QueueKeys | undefined> {
  const urgents = [1, 0].filter(
    (u) => (f.urgent === undefined || u === +f.urgent) && (!f.after || u <= f.after.urgent),
  );
  const [u1, u2] = urgents;
  if (u1 === undefined) return undefined;
  const first = urgencyWalk(db, f, u1, sql`${budget}`);
  const query =
    u2 === undefined
      ? sql<QueueKeys>`with w1 as materialized (${first})
        select * from (select * from w1 order by response_due_at desc, id desc limit 1) a
          where (select count(*) from w1) >= ${budget}`
      : sql<QueueKeys>`with w1 as materialized (${first}),
          n1 as (select count(*) as n from w1),
          w2 as materialized (${urgencyWalk(db, f, u2, sql`greatest(0, ${budget} - (select n from n1))`)})
        select * from (select * from w1 order by response_due_at desc, id desc limit 1) a
          where (select n from n1) >= ${budget}
        union all
        select * from (select * from w2 order by response_due_at desc, id desc limit 1) b
          where (select n from n1) + (select count(*) from w2) >= ${budget}`;
  const { rows } = await query.execute(db);
  return rows[0] && { ...rows[0], urgent: Number(rows[0].urgent) };
}

/** One urgency's tickets past the cursor in queue order, up to `most`: its status ranges merged. */
function urgencyWalk(db: Db, f: TicketFilter, urgent: number, most: RawBuilder<unknown>) {
  const byPrefix = f.clientId || f.assigneeId || f.unassigned;
  const statuses: (TicketStatus | null)[] = f.statuses?.length
    ? [...f.statuses]
    : byPrefix
      ? [...TICKET_STATUSES]
      : [null];
  const ranges = statuses.map((status) => {
    let q = filtered(db.selectFrom("tickets").select(["id", "urgent", "response_due_at"]), f, []);
    if (status) q = q.where("tickets.status", "=", status);
    q = q.where("tickets.urgent", "=", urgent);
    if (f.after && urgent === f.after.urgent)
      q = q.where(sql<boolean>`(tickets.response_due_at, tickets.id) > (${f.after.due}, ${f.after.id})`);
    return q;
  });
  const union = ranges.reduce((u, r) => u.unionAll(r));
  return db
    .selectFrom(union.as("r"))
    .selectAll()
    .orderBy("r.response_due_at")
    .orderBy("r.id")
    .limit(most as RawBuilder<number>);
}
