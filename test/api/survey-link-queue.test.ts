/**
 * Reception's survey queue tells which tickets' survey link was mailed (POST /api/tickets/:id/survey-link):
 * when and to whom, the latest one when it was sent again, and whether the mail server refused it,
 * so nobody calls a client who has the survey by mail, or mails it twice without knowing.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runDueTasks } from "../../src/server/platform/tasks/worker.js";
import { createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { countQueries, DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { mailEnv, Sink } from "../mail-support.js";
import { closedTicket } from "../portal-support.js";

interface QueueItem {
  id: string;
  surveyLinkSentAt: string | null;
  surveyLinkSentTo: string | null;
  surveyLinkFailed: boolean;
}

const NONE = { surveyLinkSentAt: null, surveyLinkSentTo: null, surveyLinkFailed: false };

describe.each(DATABASES)("the survey queue shows the survey link mailed on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;
  const sink = new Sink();
  const time = manualClock("2026-12-03T15:00:00Z");
  const tickets = { mailed: "", other: "", refused: "" };

  beforeAll(async () => {
    await sink.start();
    t = await startApp(kind, { clock: time.clock, env: mailEnv(sink, { listen: false }) });
    staff = await seedStaff(t.app);
    const ana = await createClientWithContact(staff, "Constructora Ñandú", "CÑA010203AB5", "ana@nandu.mx");
    const luis = await createClientWithContact(staff, "Farmacia Sol", "FSO010203AB6", "luis@sol.mx");
    for (const c of [ana, luis])
      expect((await staff.sales.post(`/api/contacts/${c.contact.id}/portal-invite`)).status).toBe(200);
    tickets.mailed = await closedTicket(staff, ana.client.id, ana.contact.id);
    tickets.other = await closedTicket(staff, ana.client.id, ana.contact.id);
    tickets.refused = await closedTicket(staff, luis.client.id, luis.contact.id);
  });
  afterAll(async () => {
    await t?.close();
    await sink.stop();
  });

  /** Each queue item's survey link fields, by ticket id. */
  const links = async () => {
    const res = await staff.reception.get("/api/surveys/queue");
    expect(res.status).toBe(200);
    return new Map(
      (res.body.items as QueueItem[]).map((i) => [
        i.id,
        {
          surveyLinkSentAt: i.surveyLinkSentAt,
          surveyLinkSentTo: i.surveyLinkSentTo,
          surveyLinkFailed: i.surveyLinkFailed,
        },
      ]),
    );
  };
  const sendLinkAt = async (iso: string, ticketId: string) => {
    time.set(iso);
    const res = await staff.reception.post(`/api/tickets/${ticketId}/survey-link`);
    expect(res.status).toBe(202);
    return res.body.sentTo as string;
  };
  const deliver = async () => {
    for (let i = 0; i < 3; i++) await runDueTasks(t.app.ctx, { owner: "test" });
  };

  it("says when and to whom the link went, the later one once sent again, and only on that ticket", async () => {
    const before = await links();
    for (const id of Object.values(tickets)) expect(before.get(id)).toEqual(NONE);

    expect(await sendLinkAt("2026-12-03T20:05:00Z", tickets.mailed)).toBe("ana@nandu.mx");
    const sent = { surveyLinkSentAt: "2026-12-03T20:05:00.000Z", surveyLinkSentTo: "ana@nandu.mx" };
    let now = await links();
    expect(now.get(tickets.mailed)).toEqual({ ...sent, surveyLinkFailed: false });
    expect(now.get(tickets.other)).toEqual(NONE);
    expect(now.get(tickets.refused)).toEqual(NONE);

    // Delivered, it reads the same: the time is when reception sent it.
    await deliver();
    const mail = await t.app.ctx.db
      .selectFrom("outbox")
      .select("status")
      .where("ticket_id", "=", tickets.mailed)
      .where("kind", "=", "portal_survey")
      .executeTakeFirstOrThrow();
    expect(mail.status).toBe("sent");
    expect((await links()).get(tickets.mailed)).toEqual({ ...sent, surveyLinkFailed: false });

    await sendLinkAt("2026-12-05T16:30:00Z", tickets.mailed);
    now = await links();
    expect(now.get(tickets.mailed)).toEqual({
      surveyLinkSentAt: "2026-12-05T16:30:00.000Z",
      surveyLinkSentTo: "ana@nandu.mx",
      surveyLinkFailed: false,
    });
    expect(now.get(tickets.other)).toEqual(NONE);
    expect(now.get(tickets.refused)).toEqual(NONE);
  });

  it("says a link the mail server refused failed, until a later one goes out", async () => {
    sink.refused.add("luis@sol.mx");
    await sendLinkAt("2026-12-06T17:00:00Z", tickets.refused);
    await deliver();
    expect((await links()).get(tickets.refused)).toEqual({
      surveyLinkSentAt: "2026-12-06T17:00:00.000Z",
      surveyLinkSentTo: "luis@sol.mx",
      surveyLinkFailed: true,
    });

    sink.refused.clear();
    await sendLinkAt("2026-12-06T17:20:00Z", tickets.refused);
    await deliver();
    expect((await links()).get(tickets.refused)).toEqual({
      surveyLinkSentAt: "2026-12-06T17:20:00.000Z",
      surveyLinkSentTo: "luis@sol.mx",
      surveyLinkFailed: false,
    });
  });

  it("says where a link would go, and that none can go to a contact without a portal account", async () => {
    const pedro = await createClientWithContact(staff, "Taller Peña", "TPE010203AB2", "pedro@pena.mx");
    const uninvited = await closedTicket(staff, pedro.client.id, pedro.contact.id);
    const linkTo = async () => {
      const res = await staff.reception.get("/api/surveys/queue");
      const items = res.body.items as (QueueItem & { surveyLinkTo: string | null })[];
      return new Map(items.map((i) => [i.id, i.surveyLinkTo]));
    };
    let to = await linkTo();
    expect(to.get(tickets.other)).toBe("ana@nandu.mx");
    expect(to.get(tickets.refused)).toBe("luis@sol.mx");
    expect(to.get(uninvited)).toBeNull();
    // What the queue says is what sending does: 422 (nothing queued) for the one without an account…
    const refused = await staff.reception.post(`/api/tickets/${uninvited}/survey-link`);
    expect([refused.status, refused.body.error.details]).toEqual([422, { field: "contactId" }]);
    expect((await linkTo()).get(uninvited)).toBeNull();
    expect((await links()).get(uninvited)).toEqual(NONE);
    // …and once invited, the link goes to that address.
    expect((await staff.sales.post(`/api/contacts/${pedro.contact.id}/portal-invite`)).status).toBe(200);
    to = await linkTo();
    expect(to.get(uninvited)).toBe("pedro@pena.mx");
    expect(await sendLinkAt("2026-12-07T16:00:00Z", uninvited)).toBe("pedro@pena.mx");
  });

  it("pages the queue oldest closing first, each ticket once at any page size; bad paging is 400", async () => {
    const ana = await createClientWithContact(staff, "Papelería Óscar", "POS010203ABA", "oscar@pos.mx");
    // Some closed at the same instant: the order goes on by id, and no page splits them wrongly.
    for (const at of [
      "2026-12-08T16:00:00Z",
      "2026-12-08T16:00:00Z",
      "2026-12-08T16:00:00Z",
      "2026-12-09T17:00:00Z",
    ]) {
      time.set(at);
      await closedTicket(staff, ana.client.id, ana.contact.id);
    }
    const all = await staff.reception.get("/api/surveys/queue?limit=500");
    expect(all.body.nextCursor).toBeNull();
    const items = all.body.items as { id: string; closedAt: string }[];
    expect(items.length).toBe(8);
    const sorted = [...items].sort((a, b) =>
      a.closedAt === b.closedAt ? (a.id < b.id ? -1 : 1) : a.closedAt < b.closedAt ? -1 : 1,
    );
    expect(items.map((i) => i.id)).toEqual(sorted.map((i) => i.id));
    for (const limit of [1, 2, 3, 7]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const q: string = cursor ? `&cursor=${cursor}` : "";
        const page = await staff.reception.get(`/api/surveys/queue?limit=${limit}${q}`);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.body.items.map((i: { id: string }) => i.id));
        cursor = page.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(items.map((i) => i.id));
    }
    for (const bad of [
      "limit=0",
      "limit=501",
      "limit=dos",
      "cursor=no-es-un-cursor",
      `cursor=${"x".repeat(600)}`,
    ]) {
      const res = await staff.reception.get(`/api/surveys/queue?${bad}`);
      expect([bad, res.status, res.body.error.code]).toEqual([bad, 400, "validation_failed"]);
    }
    // The survey calls are reception's: a technician does not see the queue.
    expect((await staff.technician.get("/api/surveys/queue")).status).toBe(403);
  });

  it("reads the links of the whole queue in one statement, the portal accounts in one more", async () => {
    const counter = countQueries(t.app);
    await links();
    expect(counter.ran.filter((r) => r.endsWith(" outbox"))).toHaveLength(1);
    expect(counter.ran.filter((r) => r.endsWith(" users"))).toHaveLength(1);
  });
});
