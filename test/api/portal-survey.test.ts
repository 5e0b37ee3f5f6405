import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import {
  closedTicket,
  exchange,
  PortalClient as Portal,
  type PortalClient,
  portalSignIn,
} from "../portal-support.js";

describe.each(DATABASES)("satisfaction survey answered in the portal on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;
  const time = manualClock("2026-11-24T16:00:00Z");
  let ticketId = "";
  let ana: PortalClient;
  let carla: PortalClient;
  const contacts = { ana: "", carla: "" };

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    staff = await seedStaff(t.app);
    const a = await createClientWithContact(staff, "Constructora Ñandú", "CÑA010203AB5", "ana@nandu.mx");
    const c = await createClientWithContact(staff, "Farmacia Sol", "FSO010203AB6", "carla@sol.mx");
    ticketId = await closedTicket(staff, a.client.id, a.contact.id);
    contacts.ana = a.contact.id;
    contacts.carla = c.contact.id;
    // Without a portal account the link cannot be sent: reception is told to invite first.
    const uninvited = await staff.reception.post(`/api/tickets/${ticketId}/survey-link`);
    expect(uninvited.status).toBe(422);
    expect(uninvited.body.error.message).toMatch(/invítalo/);
    await staff.sales.post(`/api/contacts/${a.contact.id}/portal-invite`);
  });
  afterAll(() => t?.close());

  it("reception sends the survey link; the contact answers; the ticket leaves the survey queue as done", async () => {
    const queued = async () =>
      (await staff.reception.get("/api/surveys/queue")).body.items.map((i: { id: string }) => i.id);
    expect(await queued()).toContain(ticketId);
    expect((await staff.technician.post(`/api/tickets/${ticketId}/survey-link`)).status).toBe(403);
    const sent = await staff.reception.post(`/api/tickets/${ticketId}/survey-link`);
    expect(sent.status).toBe(202);
    expect(sent.body.sentTo).toBe("ana@nandu.mx");
    const mail = await t.app.ctx.db
      .selectFrom("outbox")
      .selectAll()
      .where("kind", "=", "portal_survey")
      .executeTakeFirstOrThrow();
    expect(mail.to_addr).toBe("ana@nandu.mx");
    const token = /token=([A-Za-z0-9_-]+)/.exec(mail.text_body)![1]!;

    // Days later the link still opens the portal on that ticket's survey.
    time.advance(3 * 24 * 3600_000);
    ana = await portalSignIn(t.app, staff, contacts.ana, "ana@nandu.mx");
    carla = await portalSignIn(t.app, staff, contacts.carla, "carla@sol.mx");
    const session = await exchange(t.app, token);
    expect(session.statusCode).toBe(200);
    expect(session.json().next).toBe(`/portal/tickets/${ticketId}#encuesta`);
    const viaLink = new Portal(
      t.app,
      session.cookies.find((c) => c.name === "mesa_portal")!.value,
      session.json().csrfToken,
      session.json().user,
    );
    expect((await viaLink.get(`/api/portal/tickets/${ticketId}`)).body.survey).toBe("open");

    // The link opened again: refused as used; only the browser signed in as Ana learns where it led
    // (the portal then goes to the survey rather than to her list).
    const again = (cookie?: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/portal/session",
        payload: { token },
        headers: cookie ? { cookie: `mesa_portal=${cookie}` } : {},
      });
    for (const [cookie, details] of [
      [viaLink.cookie, { next: `/portal/tickets/${ticketId}#encuesta` }],
      [carla.cookie, null],
      [undefined, null],
    ] as const) {
      const r = await again(cookie);
      expect(r.statusCode).toBe(401);
      expect(r.json().error).toMatchObject({ code: "magic_link_used", details });
      expect(r.cookies).toHaveLength(0);
    }

    // Another company cannot answer it, and nonsense scores change nothing.
    const answer = { overall: 5, technician: 4, timeliness: 5, comments: "Muy rápido" };
    expect((await carla.post(`/api/portal/tickets/${ticketId}/survey`, answer)).status).toBe(404);
    expect(
      (await viaLink.post(`/api/portal/tickets/${ticketId}/survey`, { ...answer, overall: 9 })).status,
    ).toBe(400);
    expect(
      (await viaLink.post(`/api/portal/tickets/${ticketId}/survey`, { ...answer, overall: "5" })).status,
    ).toBe(400);
    expect(await queued()).toContain(ticketId);

    const done = await viaLink.post(`/api/portal/tickets/${ticketId}/survey`, answer);
    expect(done.status).toBe(200);
    expect(done.body.survey).toBe("answered");
    expect(await queued()).not.toContain(ticketId);
    const recorded = await staff.reception.get(`/api/tickets/${ticketId}/survey`);
    expect(recorded.body.survey).toMatchObject({ outcome: "answered", overall: 5, comments: "Muy rápido" });
    expect((await ana.post(`/api/portal/tickets/${ticketId}/survey`, answer)).status).toBe(409);
    expect((await staff.reception.post(`/api/tickets/${ticketId}/survey-link`)).status).toBe(409);
  });

  it("refuses a survey on a ticket not yet closed", async () => {
    const open = await ana.post("/api/portal/tickets", { title: "Otra", description: "", wasWorking: false });
    expect(
      (
        await ana.post(`/api/portal/tickets/${open.body.id}/survey`, {
          overall: 5,
          technician: 5,
          timeliness: 5,
        })
      ).status,
    ).toBe(409);
    expect((await staff.reception.post(`/api/tickets/${open.body.id}/survey-link`)).status).toBe(409);
  });
});
