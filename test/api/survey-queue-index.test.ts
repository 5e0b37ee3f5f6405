/**
 * Reception's survey queue reads only the closed tickets still waiting for their survey (the partial
 * index of migration 028), however many surveys the desk has recorded before: it says how many wait
 * in all, a ticket leaves it with its survey (answered, or unreachable after the last call), and its
 * statements are served by that index on both databases.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { surveysRepo } from "../../src/server/modules/surveys/repository.js";
import { DEFAULT_MAX_SURVEY_ATTEMPTS } from "../../src/server/modules/surveys/surveys.js";
import { surveyQueueMigration } from "../../src/server/platform/database/migrations/028_survey_queue.js";
import { createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, type DbKind, manualClock, startApp, type TestApp } from "../harness.js";
import { closedTicket } from "../portal-support.js";
import { planProbe, scansAllTickets } from "../support/query-plans.js";
import { bareTicketRow } from "../support/ticket-rows.js";

const HISTORY = 3000;

describe.each(DATABASES)("the survey queue's own index on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;
  const time = manualClock("2026-12-03T15:00:00Z");
  const ids = { answered: "", unreachable: "", waiting: "" };

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    staff = await seedStaff(t.app);
    const c = await createClientWithContact(staff, "Taller Güero", "TGU010203AB8", "memo@guero.mx");
    // Years of history first: closed tickets, each with its survey recorded.
    const db = t.app.ctx.db;
    const at = "2024-01-02T12:00:00.000Z";
    const old = Array.from({ length: HISTORY }, (_, i) => ({
      ...bareTicketRow({
        id: `h-${String(i).padStart(5, "0")}`,
        folio: `OS-2024-${String(i).padStart(6, "0")}`,
        client_id: c.client.id,
        status: "closed",
        urgent: 0,
        assignee_id: null,
        response_due_at: at,
        text: "historia",
        at,
      }),
      closed_at: new Date(Date.parse(at) + i * 60_000).toISOString(),
      survey_recorded: 1,
    }));
    for (let i = 0; i < old.length; i += 500)
      await db
        .insertInto("tickets")
        .values(old.slice(i, i + 500))
        .execute();
    for (const key of Object.keys(ids) as (keyof typeof ids)[])
      ids[key] = await closedTicket(staff, c.client.id, c.contact.id);
  });
  afterAll(async () => {
    await t?.close();
  });

  const queue = async (query = "") => {
    const res = await staff.reception.get(`/api/surveys/queue${query}`);
    expect(res.status).toBe(200);
    return res.body as { items: { id: string }[]; nextCursor: string | null; pending: number };
  };

  it("says how many wait in all, on every page; a ticket leaves with its survey, answered or unreachable", async () => {
    const first = await queue("?limit=1");
    expect(first.pending).toBe(3);
    expect(first.items).toHaveLength(1);
    const second = await queue(`?limit=1&cursor=${first.nextCursor}`);
    expect(second.pending).toBe(3);
    expect(second.items).toHaveLength(1);

    const answered = await staff.reception.post(`/api/tickets/${ids.answered}/survey`, {
      overall: 5,
      technician: 5,
      timeliness: 4,
    });
    expect(answered.status).toBe(201);
    for (let i = 0; i < DEFAULT_MAX_SURVEY_ATTEMPTS; i++)
      expect((await staff.reception.post(`/api/tickets/${ids.unreachable}/survey-attempts`, {})).status).toBe(
        201,
      );

    const after = await queue();
    expect(after.items.map((i) => i.id)).toEqual([ids.waiting]);
    expect(after.pending).toBe(1);
    const flags = await t.app.ctx.db
      .selectFrom("tickets")
      .select(["id", "survey_recorded"])
      .where("id", "in", Object.values(ids))
      .execute();
    expect(Object.fromEntries(flags.map((f) => [f.id, Number(f.survey_recorded)]))).toEqual({
      [ids.answered]: 1,
      [ids.unreachable]: 1,
      [ids.waiting]: 0,
    });
  });

  it("reads the page and the count from the index of waiting tickets, not the history", async () => {
    const plans = await explainQueueStatements(t, kind);
    expect(plans.length).toBeGreaterThan(0);
    for (const plan of plans) {
      expect(plan.join("\n"), plan.join("\n")).toContain("tickets_survey_queue");
      expect(plan.filter(scansAllTickets(kind)), plan.join("\n")).toEqual([]);
    }
  });

  it("marks, when upgrading, the tickets that already had a survey", async () => {
    const db = t.app.ctx.db;
    await sql`drop index tickets_survey_queue`.execute(db);
    await db.schema.alterTable("tickets").dropColumn("survey_recorded").execute();
    await surveyQueueMigration.up(db);
    const marked = await db
      .selectFrom("tickets")
      .select("id")
      .where("survey_recorded", "=", 1)
      .where("id", "in", Object.values(ids))
      .execute();
    expect(marked.map((m) => m.id).sort()).toEqual([ids.answered, ids.unreachable].sort());
  });
});

/** The survey queue's statements (a page, the count) as the database would run them: their plans. */
async function explainQueueStatements(t: TestApp, kind: DbKind): Promise<string[][]> {
  const probe = await planProbe(t, kind);
  await surveysRepo.queue(probe.db, 101);
  await surveysRepo.pending(probe.db);
  const plans = await Promise.all(probe.captured.map(probe.explain));
  await probe.close();
  return plans;
}
