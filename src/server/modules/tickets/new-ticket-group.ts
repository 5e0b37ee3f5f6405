/**
 * PostgreSQL: new tickets that arrive while others are being written go together in the next
 * statement (issue #16). Every create takes the year's folio counter and updates the same summary
 * rows, so creates of one database run one after another whatever their number of connections; one
 * by one, each paid a statement, a commit and a wait on the counter's lock. Together, the counter,
 * the shared summary rows and the commit are paid once per group. A create arriving when none is
 * being written is written at once, alone: grouping adds no wait, it only fills the wait there was.
 * Gapless still: a group's folios are taken by its one statement, and a failed statement keeps none.
 */
import type { Kysely } from "kysely";
import type { DB } from "../../platform/database/schema.js";
import type { NewTicketWrite } from "./new-ticket-repository.js";
import { writeInOneStatement } from "./new-ticket-statement-repository.js";

interface Waiting {
  w: NewTicketWrite;
  resolve: (folio: string) => void;
  reject: (err: unknown) => void;
}
interface Writer {
  writing: boolean;
  waiting: Waiting[];
}
/** Per Kysely instance: a group is written through the instance (and plugins) its callers gave. */
const writers = new WeakMap<Kysely<DB>, Writer>();
/** The most tickets in one statement (each binds ~50 values; PostgreSQL takes up to 65,535). */
export const MOST_TOGETHER = 32;

/** Writes `w` (no auto-reply, nothing after it) with those waiting; resolves with its folio. */
export function writeGrouped(db: Kysely<DB>, w: NewTicketWrite): Promise<string> {
  let writer = writers.get(db);
  if (!writer) {
    writer = { writing: false, waiting: [] };
    writers.set(db, writer);
  }
  const own = writer;
  return new Promise((resolve, reject) => {
    own.waiting.push({ w, resolve, reject });
    if (!own.writing) void writeWaiting(db, own);
  });
}

async function writeWaiting(db: Kysely<DB>, writer: Writer): Promise<void> {
  writer.writing = true;
  try {
    while (writer.waiting.length > 0) await writeTogether(db, takeNext(writer));
  } finally {
    writer.writing = false;
  }
}

/**
 * The next group, in arrival order: the first waiting write and those after it of the same year, as
 * many as the largest power of two up to MOST_TOGETHER allows. Only writes with one history row go
 * together (a back-dated call has two: it goes alone). So a group's statement has one of a few
 * shapes, each compiled and prepared once per connection, instead of one per count of rows.
 */
function takeNext(writer: Writer): Waiting[] {
  const [first, ...rest] = writer.waiting;
  if (!first) return [];
  const groupable = (x: Waiting) => x.w.history.length === 1 && x.w.year === first.w.year;
  const taken = [first];
  if (groupable(first)) for (const x of rest) if (taken.length < MOST_TOGETHER && groupable(x)) taken.push(x);
  taken.length = 2 ** Math.floor(Math.log2(taken.length));
  const chosen = new Set(taken);
  writer.waiting = writer.waiting.filter((x) => !chosen.has(x));
  return taken;
}

/**
 * Errors after which PostgreSQL certainly rolled the statement back and writing each ticket alone
 * makes sense: the data was refused (classes 22 and 23: a bad value, a missing client) or the
 * statement lost a conflict (40001, 40P01). Any other error (a timeout, a lost connection, a check
 * after the commit) may come after the commit: writing again could store every ticket twice.
 */
const rolledBack = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && (/^2[23]/.test(code) || code === "40001" || code === "40P01");
};

async function writeTogether(db: Kysely<DB>, group: Waiting[]): Promise<void> {
  let folios: string[];
  try {
    folios = await writeInOneStatement(
      db,
      group.map((x) => x.w),
    );
  } catch (err) {
    // One write the database refuses fails the statement of all: each is written again alone, and
    // fails alone. Any other error reaches all of them, as it would reach a create written alone.
    if (group.length > 1 && rolledBack(err)) for (const x of group) await writeTogether(db, [x]);
    else for (const x of group) x.reject(err);
    return;
  }
  for (const [i, x] of group.entries()) x.resolve(folios[i] as string);
}
