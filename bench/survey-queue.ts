/**
 * Reception's survey queue with a long history: BENCH_SURVEYED closed tickets that have their survey
 * (default 200,000) and 50 that wait. Times a page of the queue and the count of what waits as Mesa
 * reads them (the index of waiting tickets, migration 028), next to the read it replaced (every closed
 * ticket from the oldest, skipping those with a survey): median of 10 after 3 warm-up runs, in process.
 *
 *   npx tsx bench/survey-queue.ts                                                        # SQLite
 *   BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres npx tsx bench/survey-queue.ts   # PostgreSQL
 */
import { sql } from "kysely";
import { surveysRepo } from "../src/server/modules/surveys/repository.js";
import { startApp } from "../test/harness.js";
import { bareTicketRow } from "../test/support/ticket-rows.js";

const SURVEYED = Number(process.env.BENCH_SURVEYED) || 200_000;
const WAITING = 50;
const BATCH = 200; // SQLite's limit on bound values per statement
const AT = "2024-01-02T12:00:00.000Z";

if (process.env.BENCH_PG_URL) process.env.TEST_DATABASE_URL = process.env.BENCH_PG_URL;
const kind = process.env.BENCH_PG_URL ? "postgres" : "sqlite";
const t = await startApp(kind);
const db = t.app.ctx.db;

async function seed(): Promise<void> {
  await db
    .insertInto("clients")
    .values({
      id: "bench-c",
      name: "Cliente",
      rfc: null,
      phone: null,
      email: null,
      billing_address: null,
      payment_terms: "cash",
      credit_days: null,
      credit_limit_cents: null,
      credit_approved_by: null,
      credit_approved_at: null,
      account_technician_id: null,
      notes: null,
      search_text: "cliente",
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  const total = SURVEYED + WAITING;
  for (let i = 0; i < total; i += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, total - i) }, (_, j) => {
      const k = i + j;
      const ticket = bareTicketRow({
        id: `bench-t-${k}`,
        folio: `OS-2024-${k}`,
        client_id: "bench-c",
        status: "closed",
        urgent: 0,
        assignee_id: null,
        response_due_at: AT,
        text: "t",
        at: AT,
      });
      return {
        ...ticket,
        closed_at: new Date(Date.parse(AT) + k * 1000).toISOString(),
        survey_recorded: k < SURVEYED ? 1 : 0,
      };
    });
    await db.insertInto("tickets").values(rows).execute();
    const surveys = rows
      .filter((r) => r.survey_recorded === 1)
      .map((r) => ({
        id: `bench-s-${r.id}`,
        ticket_id: r.id,
        overall: 5,
        technician: 5,
        timeliness: 5,
        comments: null,
        outcome: "answered" as const,
        recorded_by: null,
        recorded_at: AT,
      }));
    if (surveys.length) await db.insertInto("surveys").values(surveys).execute();
  }
  await sql`analyze`.execute(db);
}

/** The page as it was read before migration 028: closed tickets, oldest first, without a survey. */
const walkOfClosed = () =>
  db
    .selectFrom("tickets")
    .innerJoin("clients", "clients.id", "tickets.client_id")
    .leftJoin("surveys", "surveys.ticket_id", "tickets.id")
    .selectAll("tickets")
    .select("clients.name as client_name")
    .where("tickets.status", "=", "closed")
    .where("surveys.id", "is", null)
    .orderBy("tickets.closed_at")
    .orderBy("tickets.id")
    .limit(101)
    .execute();

async function median(run: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 3; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[5]!;
}

await seed();
const rows = [
  ["page (101 rows), walk of every closed ticket (before)", await median(walkOfClosed)],
  ["page (101 rows), index of waiting tickets", await median(() => surveysRepo.queue(db, 101))],
  ["count of waiting tickets", await median(() => surveysRepo.pending(db))],
] as const;
console.log(`\n${SURVEYED.toLocaleString("en")} surveyed + ${WAITING} waiting closed tickets on ${kind}\n`);
console.log("| Read | median ms |\n|---|---:|");
for (const [label, ms] of rows) console.log(`| ${label} | ${ms.toFixed(2)} |`);
await t.close();
