/**
 * PostgreSQL: the one statement that writes new tickets (issue #16), for one create or a group of
 * creates that arrived together (new-ticket-group.ts). It takes the year's folios and writes the
 * tickets with them, their history, their summary counts (and histogram rows) and, for a single
 * create, its auto-reply. Data-modifying CTEs: the history and the auto-reply may reference a ticket
 * a sibling CTE inserts (foreign keys are checked at the end of the statement). Gapless: the numbers
 * are taken in the statement that writes the tickets, and a failed statement keeps none.
 */
import { type Kysely, sql } from "kysely";
import { formatFolio } from "../../../domain/folio.js";
import { compiledOnce, rowSlots, type SlotOf } from "../../platform/database/compiled-once.js";
import type { DB } from "../../platform/database/schema.js";
import { tasksRepo } from "../../platform/tasks/repository.js";
import type { OutboxRow } from "../mail/repository.js";
import { newTicketsDelta } from "../reports/ledger.js";
import { summaryRepo } from "../reports/repository-summary.js";
import type { NewTicketWrite } from "./new-ticket-repository.js";
import { ticketsRepo } from "./repository.js";

/**
 * Writes `ws` (all of one year; an auto-reply only when there is one write) in one statement and
 * returns their folios in the same order, consecutive. With `db` the pool (no transaction) it commits
 * at once: the counter and the summary rows are held for its run, never across a round trip.
 * Compiled once per shape (which columns and how many rows of each table; every value is bound):
 * building the statement with Kysely cost more of this process's time than anything else in a create.
 */
export async function writeInOneStatement(db: Kysely<DB>, ws: readonly NewTicketWrite[]): Promise<string[]> {
  const first = ws[0];
  if (!first || ws.some((w) => w.year !== first.year) || (ws.length > 1 && ws.some((w) => w.mail)))
    throw new Error("new tickets: one statement writes tickets of one year, an auto-reply only alone");
  const values: Record<string, unknown> = {
    year: first.year,
    count: ws.length,
    prefix: formatFolio(first.year, 0).slice(0, -6),
  };
  const tickets = ws.map((w, i) => {
    values[`placeholder${i}`] = w.placeholder;
    values[`searchText${i}`] = w.row.search_text;
    const { folio: _folio, search_text: _searchText, ...ticket } = w.row;
    return ticket;
  });
  const delta = newTicketsDelta(ws.map((w) => w.row));
  const daily = summaryRepo.dailyRows(delta.daily);
  const minutes = summaryRepo.minuteRows(delta.minutes);
  // The summary rows as JSON (summaryRepo.upsertJsonQuery): the shape says only whether there are any.
  if (daily.length) values.daily = JSON.stringify(daily);
  if (minutes.length) values.minutes = JSON.stringify(minutes);
  const mail = first.mail && mailTexts(first.mail.outbox, values);
  const parts = {
    t: rowSlots("t", tickets, values),
    h: rowSlots(
      "h",
      ws.flatMap((w) => w.history),
      values,
    ),
    o: rowSlots("o", mail ? [mail.outbox] : [], values),
    k: rowSlots("k", first.mail?.task ? [first.mail.task] : [], values),
  };
  const shape = `${Object.values(parts)
    .map((p) => p.shape)
    .join(" ")} s${daily.length ? 1 : 0} m${minutes.length ? 1 : 0}`;
  const rows = await compiledOnce(db, `tickets.create ${shape}`, values, (slot) =>
    newTicketsStatement(db, slot, {
      tickets: parts.t.slotted(slot),
      history: parts.h.slotted(slot),
      daily: daily.length ? slot("daily") : null,
      minutes: minutes.length ? slot("minutes") : null,
      outbox: mail ? { ...parts.o.slotted(slot)[0], ...mail.texts(slot) } : null,
      task: parts.k.slotted(slot)[0] ?? null,
    }),
  );
  if (rows.length !== ws.length)
    throw new Error("new tickets: the statement returned another number of folios");
  return rows.map((r) => r.folio);
}

/** The auto-reply's texts that hold the folio's placeholder: bound apart, replaced in the statement. */
function mailTexts(outbox: OutboxRow, values: Record<string, unknown>) {
  const { subject, text_body, html_body, ...rest } = outbox;
  Object.assign(values, { subject, textBody: text_body, htmlBody: html_body });
  return {
    outbox: rest,
    texts: (slot: SlotOf) => ({
      subject: slot("subject"),
      text_body: slot("textBody"),
      html_body: slot("htmlBody"),
    }),
  };
}

type Rows = Record<string, unknown>[];

/**
 * The statement of writeInOneStatement, its values as slots (those holding a placeholder included).
 * `f` adds the tickets to the year's counter, `n` numbers them from the first new value (formatted
 * as formatFolio does: lpad would cut a seventh digit, hence the greatest); the others write with them.
 */
function newTicketsStatement(
  db: Kysely<DB>,
  slot: SlotOf,
  r: {
    tickets: Rows;
    history: Rows;
    /** The summary rows' JSON slots (null: none to add). */
    daily: string | null;
    minutes: string | null;
    outbox: Rows[number] | null;
    task: Rows[number] | null;
  },
) {
  const count = sql<number>`${slot<number>("count")}::int`;
  const folioOf = (i: number) => sql<string>`(select folio from n where i = ${sql.lit(i)})`;
  const put = (text: unknown, i: number, value = folioOf(i)) =>
    sql<string>`replace(${text}, ${slot(`placeholder${i}`)}, ${value})`;
  const digits = sql`lpad(v::text, greatest(6, length(v::text)), '0')`;
  const tickets = r.tickets.map((t, i) => ({
    ...t,
    folio: folioOf(i),
    search_text: put(slot(`searchText${i}`), i, sql`lower(${folioOf(i)})`),
  }));
  const ctes = [
    sql`f as (${ticketsRepo.nextFoliosQuery(db, slot<number>("year"), count)})`,
    sql`n as (select i, ${slot("prefix")} || ${digits} as folio
      from (select g - 1 as i, f.last_value - ${count} + g as v from f, generate_series(1, ${count}) as g) as s)`,
    sql`t as (${db.insertInto("tickets").values(tickets as never)})`,
    sql`h as (${db.insertInto("ticket_history").values(r.history as never)})`,
  ];
  // The summaries in the order the rebuild locks them: the day and month rows, then the histograms.
  if (r.daily) ctes.push(sql`s as (${summaryRepo.upsertJsonQuery(db, "report_daily", r.daily)})`);
  if (r.minutes) ctes.push(sql`m as (${summaryRepo.upsertJsonQuery(db, "report_minutes", r.minutes)})`);
  if (r.outbox) {
    const o = r.outbox;
    const texts = {
      subject: put(o.subject, 0),
      text_body: put(o.text_body, 0),
      html_body: put(o.html_body, 0),
    };
    ctes.push(sql`o as (${db.insertInto("outbox").values({ ...o, ...texts } as never)})`);
    if (r.task) ctes.push(sql`k as (${tasksRepo.insertQuery(db, r.task as never)})`);
  }
  const statement = sql<{ folio: string }>`with ${sql.join(ctes)} select folio from n order by i`;
  return { compile: () => statement.compile(db) };
}
