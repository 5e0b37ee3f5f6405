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
import { classifyFault } from "../../platform/database/faults.js";
import type { DB } from "../../platform/database/schema.js";
import type { NewTicketWrite } from "./new-ticket-repository.js";
import { writeInOneStatement } from "./new-ticket-statement.js";

interface Waiting {
  w: NewTicketWrite;
  resolve: (folio: string) => void;
  reject: (err: unknown) => void;
}
interface Writer {
  writing: boolean;
  waiting: Waiting[];
}
/** Per Kysely instance (its dialect adapter: one per instance, as in compiled-once.ts). */
const writers = new WeakMap<object, Writer>();
/** The most tickets in one statement (each binds ~50 values; PostgreSQL takes up to 65,535). */
export const MOST_TOGETHER = 32;

/** Writes `w` (no auto-reply, nothing after it) with those waiting; resolves with its folio. */
export function writeGrouped(db: Kysely<DB>, w: NewTicketWrite): Promise<string> {
  const key = db.getExecutor().adapter;
  let writer = writers.get(key);
  if (!writer) {
    writer = { writing: false, waiting: [] };
    writers.set(key, writer);
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

/** The first waiting write and those after it of the same year, up to MOST_TOGETHER, in arrival order. */
function takeNext(writer: Writer): Waiting[] {
  const year = writer.waiting[0]?.w.year;
  const taken: Waiting[] = [];
  const left: Waiting[] = [];
  for (const x of writer.waiting) (x.w.year === year && taken.length < MOST_TOGETHER ? taken : left).push(x);
  writer.waiting = left;
  return taken;
}

async function writeTogether(db: Kysely<DB>, group: Waiting[]): Promise<void> {
  let folios: string[];
  try {
    folios = await writeInOneStatement(
      db,
      group.map((x) => x.w),
    );
  } catch (err) {
    // One write the database refuses fails the statement of all: each is written again alone, and
    // fails alone. Not when the database could not be reached (it may even have committed): all
    // get that error, as a create alone would.
    if (group.length === 1 || classifyFault(err)) for (const x of group) x.reject(err);
    else for (const x of group) await writeTogether(db, [x]);
    return;
  }
  for (const [i, x] of group.entries()) x.resolve(folios[i] as string);
}
