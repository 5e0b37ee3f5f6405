import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller, Res } from "../client.js";
import { snapshotDb } from "../db-snapshot.js";
import { clientUser, createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";

// Only the desk back-dates a ticket (a phone call taken earlier), and the history says so. A client
// contact's ticket is received when it arrives; naming a staff-only field is refused, not ignored.
// A folio belongs to the year it is registered in, in the calendar's zone.

const NOW = "2026-11-24T16:00:00Z"; // Tuesday 10:00 in Mexico City

describe.each(DATABASES)("back-dating and staff-only fields on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  let portal: Caller;
  let own = { clientId: "", contactId: "" };
  let attended = "";
  const time = manualClock(NOW);

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    const a = await createClientWithContact(s, "Constructora Ñandú", "CÑA010203AB5", "ana@nandu.mx");
    own = { clientId: a.client.id, contactId: a.contact.id };
    // A contract that expired at the end of 2025: today the company is served per event.
    const contract = await s.leader.post("/api/contracts", {
      clientId: own.clientId,
      type: "SS",
      startsOn: "2025-01-01",
      endsOn: "2025-12-31",
      monthlyFeeCents: 100000,
    });
    expect(contract.status).toBe(201);
    portal = await clientUser(s, own.clientId, "portal@nandu.mx");
    attended = await attendedTicket();
  });
  afterAll(async () => t?.close());

  async function attendedTicket(): Promise<string> {
    const id = (await s.reception.post("/api/tickets", request({ channel: "phone" }))).body.id as string;
    const go = (c: Caller, body: object) => c.post(`/api/tickets/${id}/transitions`, body);
    expect((await go(s.reception, { action: "assign", assigneeId: s.technician.user!.id })).status).toBe(200);
    expect((await go(s.technician, { action: "start" })).status).toBe(200);
    const entry = { minutes: 30, mode: "remote", activity: "Cambio de switch" };
    expect((await s.technician.post(`/api/tickets/${id}/time-entries`, entry)).status).toBe(201);
    expect((await go(s.technician, { action: "attend" })).status).toBe(200);
    return id;
  }

  const request = (extra: object = {}) => ({
    clientId: own.clientId,
    contactId: own.contactId,
    title: "Sin correo",
    description: "Desde ayer",
    urgent: false,
    channel: "portal",
    ...extra,
  });
  const fromPortal = (extra: object) => () => portal.post("/api/tickets", request(extra));
  const accept = (extra: object) => () =>
    portal.post(`/api/tickets/${attended}/transitions`, { action: "accept", ...extra });
  const refused: { name: string; fields: string[]; run: () => Promise<Res> }[] = [
    {
      name: "receivedAt back in 2025",
      fields: ["receivedAt"],
      run: fromPortal({ receivedAt: "2025-06-15T10:00:00-06:00" }),
    },
    {
      name: "receivedAt a minute ago",
      fields: ["receivedAt"],
      run: fromPortal({ receivedAt: "2026-11-24T09:59:00-06:00" }),
    },
    {
      name: "an estimate",
      fields: ["estimatedSolutionMinutes"],
      run: fromPortal({ estimatedSolutionMinutes: 60 }),
    },
    {
      name: "an estimate of null",
      fields: ["estimatedSolutionMinutes"],
      run: fromPortal({ estimatedSolutionMinutes: null }),
    },
    { name: "channel phone", fields: ["channel"], run: fromPortal({ channel: "phone" }) },
    { name: "channel walk_in", fields: ["channel"], run: fromPortal({ channel: "walk_in" }) },
    {
      name: "all three",
      fields: ["receivedAt", "estimatedSolutionMinutes", "channel"],
      run: fromPortal({
        receivedAt: "2025-06-15T10:00:00-06:00",
        estimatedSolutionMinutes: 60,
        channel: "phone",
      }),
    },
    {
      name: "accept with a billing status",
      fields: ["billingStatus"],
      run: accept({ billingStatus: "no_charge" }),
    },
    { name: "accept with an assignee", fields: ["assigneeId"], run: accept({ assigneeId: "u" }) },
  ];

  it.each(refused)("a client contact naming $name gets 403 naming the field; nothing stored", async (c) => {
    const before = await snapshotDb(t.app);
    const res = await c.run();
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(res.body.error.code).toBe("forbidden");
    expect(res.body.error.details).toEqual({ fields: c.fields });
    for (const f of c.fields) expect(res.body.error.message).toContain(f);
    expect(await snapshotDb(t.app)).toEqual(before);
  });

  it("a client's ticket is received when it arrives: per event after the contract expired, folio of today's year", async () => {
    const res = await portal.post("/api/tickets", request());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      receivedAt: new Date(NOW).toISOString(),
      serviceKind: "event",
      contractId: null,
      channel: "portal",
    });
    expect(res.body.folio).toMatch(/^OS-2026-\d{6}$/);
    const byMail = await portal.post("/api/tickets", request({ channel: "email" }));
    expect(byMail.status).toBe(201);
    expect(byMail.body.channel).toBe("email");
    // Without the staff-only field the client's accept goes through.
    expect((await portal.post(`/api/tickets/${attended}/transitions`, { action: "accept" })).status).toBe(
      200,
    );
  });

  it("staff back-date a phone call: the contract in force then applies, and the history says when and by whom", async () => {
    const res = await s.reception.post(
      "/api/tickets",
      request({ channel: "phone", receivedAt: "2025-06-15T10:00:00-06:00" }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ receivedAt: "2025-06-15T16:00:00.000Z", serviceKind: "contract" });
    expect(res.body.folio).toMatch(/^OS-2026-\d{6}$/); // registered in 2026
    const history = (await s.leader.get(`/api/tickets/${res.body.id}`)).body.history;
    const backdated = history.find((h: { action: string }) => h.action === "backdated");
    expect(backdated).toMatchObject({
      at: new Date(NOW).toISOString(),
      actorId: s.reception.user!.id,
      actorName: "Rocío Recepción",
      changes: { receivedAt: "2025-06-15T16:00:00.000Z", registeredAt: new Date(NOW).toISOString() },
    });
    // A ticket taken as it arrives has no such entry.
    const plain = await s.reception.post("/api/tickets", request({ channel: "phone" }));
    const plainHistory = (await s.leader.get(`/api/tickets/${plain.body.id}`)).body.history;
    expect(plainHistory.map((h: { action: string }) => h.action)).toEqual(["create"]);
  });

  it("lists a ticket's time in the order the work was done, not the order it was typed", async () => {
    // The call came in yesterday morning (back-dated by reception), before yesterday's visit.
    const call = request({ channel: "phone", receivedAt: "2026-11-23T15:00:00Z" });
    const id = (await s.reception.post("/api/tickets", call)).body.id as string;
    await s.reception.post(`/api/tickets/${id}/transitions`, {
      action: "assign",
      assigneeId: s.technician.user!.id,
    });
    await s.technician.post(`/api/tickets/${id}/transitions`, { action: "start" });
    const log = (body: object) =>
      s.technician.post(`/api/tickets/${id}/time-entries`, { mode: "onsite", ...body });
    expect((await log({ minutes: 20, activity: "Hoy: pruebas" })).status).toBe(201);
    // Typed afterwards: yesterday's visit, 10:00–11:00 in Mexico City.
    const visit = {
      startedAt: "2026-11-23T16:00:00Z",
      endedAt: "2026-11-23T17:00:00Z",
      activity: "Ayer: visita",
    };
    expect((await log(visit)).status).toBe(201);
    const detail = (await s.technician.get(`/api/tickets/${id}`)).body;
    expect(detail.timeEntries.map((e: { activity: string }) => e.activity)).toEqual([
      "Ayer: visita",
      "Hoy: pruebas",
    ]);
    // Work on a day before the call is a mistyped date; earlier the same day is work begun on site.
    const before = { startedAt: "2026-11-22T16:00:00Z", endedAt: "2026-11-22T17:00:00Z", activity: "Antes" };
    const refused = await log(before);
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain("antes del día en que se recibió el ticket (23/11/2026)");
    const early = {
      startedAt: "2026-11-23T14:00:00Z",
      endedAt: "2026-11-23T14:30:00Z",
      activity: "Temprano",
    };
    expect((await log(early)).status).toBe(201);
  });

  it("numbers a folio by the year it is registered in the calendar's zone, not by receivedAt", async () => {
    try {
      // 1 Jan 2027 05:30Z is still 31 Dec 2026 23:30 in Mexico City: a folio of 2026.
      time.set("2027-01-01T05:30:00Z");
      const lateDec = await s.reception.post("/api/tickets", request({ channel: "phone" }));
      expect(lateDec.body.folio).toMatch(/^OS-2026-\d{6}$/);
      // A call taken on 31 Dec 2026, registered on 2 Jan 2027: the new year's first folio.
      time.set("2027-01-02T16:00:00Z");
      const call = await s.reception.post(
        "/api/tickets",
        request({ channel: "phone", receivedAt: "2026-12-31T16:30:00-06:00" }),
      );
      expect(call.status).toBe(201);
      expect(call.body.folio).toBe("OS-2027-000001");
      expect(call.body.receivedAt).toBe("2026-12-31T22:30:00.000Z");
      const next = await s.reception.post("/api/tickets", request({ channel: "phone" }));
      expect(next.body.folio).toBe("OS-2027-000002");
    } finally {
      time.set(NOW);
    }
  });
});
