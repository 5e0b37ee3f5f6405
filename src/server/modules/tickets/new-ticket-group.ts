/**
 * PostgreSQL: new tickets that arrive while others are being written go together in the next
 * statement (issue #16; the queue is platform/database/statement-groups.ts). Every create takes the
 * year's folio counter and updates the same summary rows, so creates of one database run one after
 * another whatever their number of connections; one by one, each paid a statement, a commit and a
 * wait on the counter's lock. Together, the counter, the shared summary rows and the commit are paid
 * once per group. Gapless still: a group's folios are taken by its one statement, and a failed
 * statement keeps none; a group the database refuses is written again ticket by ticket.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../platform/database/schema.js";
import { type Grouping, runGrouped } from "../../platform/database/statement-groups.js";
import type { NewTicketWrite } from "./new-ticket-repository.js";
import { writeInOneStatement } from "./new-ticket-statement-repository.js";

/** The most tickets in one statement (each binds ~50 values; PostgreSQL takes up to 65,535). */
export const MOST_TOGETHER = 32;

/**
 * The next group, in arrival order: the first waiting write and those after it of the same year, as
 * many as the largest power of two up to MOST_TOGETHER allows. Only writes with one history row go
 * together (a back-dated call has two: it goes alone). So a group's statement has one of a few
 * shapes, each compiled and prepared once per connection, instead of one per count of rows.
 */
function takeNext(waiting: readonly NewTicketWrite[]): number[] {
  const first = waiting[0];
  if (!first) return [];
  const groupable = (w: NewTicketWrite) => w.history.length === 1 && w.year === first.year;
  const taken = [0];
  if (groupable(first))
    for (const [i, w] of waiting.entries())
      if (i > 0 && taken.length < MOST_TOGETHER && groupable(w)) taken.push(i);
  taken.length = 2 ** Math.floor(Math.log2(taken.length));
  return taken;
}

const newTickets: Grouping<DB, NewTicketWrite, string> = {
  take: takeNext,
  run: writeInOneStatement,
};

/** Writes `w` (no auto-reply, nothing after it) with those waiting; resolves with its folio. */
export const writeGrouped = (db: Kysely<DB>, w: NewTicketWrite): Promise<string> =>
  runGrouped(db, newTickets, w);
