/**
 * Writes a new ticket with its folio (issue #16). Every create updates the same few rows: the year's
 * folio counter and the day's and month's summary rows (report_daily); whoever updates one holds it until its
 * transaction ends, so concurrent creates queue for exactly that long. When the counter was taken
 * first and the ticket, summary, history and auto-reply (with its reads) followed one statement at a
 * time, the counter was held across ~10 round trips to this process, each waiting its turn in a busy
 * event loop: on PostgreSQL creates ran one after another (30/s, 8 of 10 pooled connections waiting
 * on the counter's lock). Now everything a create reads is read before (insertTicket), and:
 *   - PostgreSQL: one statement (new-ticket-statement-repository.ts) takes the folio and writes the ticket with
 *     it, its history, its summary counts (and histogram rows) and its auto-reply. Without an
 *     auto-reply it commits by itself, together with the creates that arrived meanwhile
 *     (new-ticket-group.ts): the hot rows are held while it runs and commits, never across a round
 *     trip. With one, the
 *     address's hourly limit is checked first in the same transaction (underLimitLocked), and the
 *     commit is the one round trip left under the counter. Gapless still: the number is taken in
 *     the statement that writes the ticket, and a failed statement or transaction keeps none.
 *   - SQLite (one writer: creates never wait on each other's rows): the same rows in one transaction,
 *     committed together with the creates that arrived meanwhile (group commit, each in a savepoint).
 * Whatever holds the folio before it is known (the folio column, the search text, the auto-reply's
 * subject and bodies) holds a random placeholder of a folio's length, replaced when it is known. */
import { randomBytes } from "node:crypto";
import { type Insertable, type Kysely, sql, type Transaction } from "kysely";
import { formatFolio } from "../../../domain/folio.js";
import type { AppContext } from "../../context.js";
import { insertOnce } from "../../platform/database/compiled-once.js";
import { groupedTransaction } from "../../platform/database/grouped-transaction.js";
import type { DB, TicketHistoryTable } from "../../platform/database/schema.js";
import type { TaskRow } from "../../platform/tasks/repository.js";
import { tasksRepo } from "../../platform/tasks/repository.js";
import type { AutoReplyLimit } from "../mail/notify.js";
import { mailRepo, type OutboxRow } from "../mail/repository.js";
import { writeGrouped } from "./new-ticket-group.js";
import { writeInOneStatement } from "./new-ticket-statement-repository.js";
import { type TicketRow, ticketsRepo } from "./repository.js";

/** Everything a new ticket writes, read and computed before its transaction. */
export interface NewTicketWrite {
  /** The year whose counter gives the folio. */
  year: number;
  /** Stands for the folio until it is known (see folioPlaceholder). */
  placeholder: string;
  /** With its report facts (ticketsRepo.withFacts). */
  row: TicketRow;
  history: Insertable<TicketHistoryTable>[];
  /** The auto-reply (queuedMail), if one is due, and the hourly limit it must still be under. */
  mail: { outbox: OutboxRow; task: TaskRow | null; limit: AutoReplyLimit } | null;
  /** More writes of the creation that need the ticket written first (an inbound mail's rows). */
  within?: ((trx: Transaction<DB>, row: TicketRow) => Promise<void>) | undefined;
}

/**
 * As long as a folio of this century's first million a year (OS-2026-000042), so a subject cut at its
 * limit is cut in the same place; lowercase hex, which search folding, HTML escaping and header
 * cleaning leave as it is; random, so no title or description can contain it.
 */
export const folioPlaceholder = (): string => randomBytes(7).toString("hex");

/** Writes the ticket and what goes with it; returns the row as written (with its folio). */
export async function writeNewTicket(ctx: AppContext, w: NewTicketWrite): Promise<TicketRow> {
  if (ctx.dialect !== "postgres") return writeInOrder(ctx.db, w);
  // Nothing to check or add after: the one statement commits by itself, with the creates that
  // arrived meanwhile (the usual create).
  if (!w.mail && !w.within) return withFolio(w, await writeGrouped(ctx.db, w)).row;
  const folio = await ctx.db.transaction().execute(async (trx) => {
    const mailed = w.mail && (await underLimitLocked(trx, w.mail.limit));
    const [f] = await writeInOneStatement(trx, [mailed ? w : { ...w, mail: null }]);
    if (!f) throw new Error("new ticket: the statement returned no folio");
    // The inbound mail's rows reference the ticket: they follow the statement in its transaction
    // (mail intake only; the counter waits for them too).
    await w.within?.(trx, withFolio(w, f).row);
    return f;
  });
  return withFolio(w, folio).row;
}

/**
 * PostgreSQL: whether the address is still under its hourly limit, exactly. The address's lock (to
 * the end of the transaction, taken before the folio: no cycle) makes creates for one address count
 * one after another, and the count, a statement of its own, sees every reply committed before the
 * lock was granted. (In one statement its snapshot would predate the wait.)
 */
async function underLimitLocked(trx: Transaction<DB>, limit: AutoReplyLimit): Promise<boolean> {
  await sql`select pg_advisory_xact_lock(${AUTO_REPLY_LOCKS}, hashtext(${limit.to}))`.execute(trx);
  return (await mailRepo.queuedSince(trx, limit.to, "autoreply", limit.since)) < limit.perHour;
}
/** The first key of the auto-reply limit's advisory locks (the second is the address's hash). */
const AUTO_REPLY_LOCKS = 0x4d455341; // "MESA"

/**
 * SQLite (one writer: creates never wait on each other's rows): the statements in order, folio first,
 * committed with the other writes waiting at the time (grouped-transaction.ts).
 */
function writeInOrder(db: Kysely<DB>, w: NewTicketWrite): Promise<TicketRow> {
  return groupedTransaction(db, async (trx) => {
    const filled = withFolio(w, formatFolio(w.year, await ticketsRepo.nextFolioNumber(trx, w.year)));
    await ticketsRepo.insert(trx, filled.row);
    await insertOnce(trx, "ticket_history", filled.history);
    const mail = filled.mail;
    if (
      mail &&
      (await mailRepo.queuedSince(trx, mail.limit.to, "autoreply", mail.limit.since)) < mail.limit.perHour
    ) {
      await mailRepo.queue(trx, mail.outbox);
      if (mail.task) await tasksRepo.insert(trx, mail.task);
    }
    await filled.within?.(trx, filled.row);
    return filled.row;
  });
}

/** The write with the placeholder replaced by the folio, as the database now holds it. */
function withFolio(w: NewTicketWrite, folio: string): NewTicketWrite {
  const put = (text: string, value = folio) => text.replaceAll(w.placeholder, value);
  const o = w.mail?.outbox;
  const outbox = o && {
    ...o,
    subject: put(o.subject),
    text_body: put(o.text_body),
    html_body: put(o.html_body),
  };
  return {
    ...w,
    row: { ...w.row, folio, search_text: put(w.row.search_text, folio.toLowerCase()) },
    mail: w.mail && outbox ? { ...w.mail, outbox } : null,
  };
}
