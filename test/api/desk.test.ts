import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";

describe.each(DATABASES)("reception desk on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;
  const time = manualClock("2026-11-24T16:00:00Z");

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    staff = await seedStaff(t.app);
  });
  afterAll(async () => t?.close());

  async function newTicket(clientId: string, over: object = {}) {
    const res = await staff.reception.post("/api/tickets", {
      clientId,
      title: "Falla de red",
      description: "",
      urgent: false,
      channel: "phone",
      category: "redes",
      ...over,
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function closeTicket(id: string) {
    const tech = staff.technician;
    await staff.reception.post(`/api/tickets/${id}/transitions`, {
      action: "assign",
      assigneeId: tech.user!.id,
    });
    await tech.post(`/api/tickets/${id}/transitions`, { action: "start" });
    await tech.post(`/api/tickets/${id}/time-entries`, {
      minutes: 30,
      mode: "remote",
      activity: "Diagnóstico",
    });
    await tech.post(`/api/tickets/${id}/transitions`, { action: "attend" });
    await tech.post(`/api/tickets/${id}/transitions`, { action: "accept", signerName: "Cliente" });
    await staff.senior.post(`/api/tickets/${id}/transitions`, { action: "review" });
    const closed = await staff.leader.post(`/api/tickets/${id}/transitions`, { action: "close" });
    expect(closed.body.status).toBe("closed");
  }

  it("ranks the trained technician first and explains why", async () => {
    const { client } = await createClientWithContact(
      staff,
      "Hospital Ángeles",
      "HAN050505ABA",
      "ti@hospital.mx",
    );
    const ticket = await newTicket(client.id, { category: "fortigate" });
    const res = await staff.reception.get(`/api/tickets/${ticket.id}/candidates`);
    expect(res.status).toBe(200);
    const [first] = res.body.items;
    expect(first.user.id).toBe(staff.technician.user!.id);
    // A code with parameters, and the text in the caller's language naming the category, not its code.
    expect(first.reasons).toContainEqual({
      code: "assign.reason.skill",
      params: { category: "Fortigate" },
      text: "Capacitado en «Fortigate»",
    });
    expect((await staff.technician.get(`/api/tickets/${ticket.id}/candidates`)).status).toBe(403);
  });

  it("the account technician rises to the top for its client", async () => {
    const res = await staff.reception.post("/api/clients", {
      name: "Despacho Contable",
      accountTechnicianId: staff.technician2.user!.id,
    });
    const ticket = await newTicket(res.body.id, { category: "hosting" });
    const ranked = await staff.reception.get(`/api/tickets/${ticket.id}/candidates`);
    expect(ranked.body.items[0].user.id).toBe(staff.technician2.user!.id);
    expect(ranked.body.items[0].reasons.map((r: { code: string }) => r.code)).toContain(
      "assign.reason.account_technician",
    );
  });

  it("reassigning: whoever has the ticket comes last, marked current, and the ticket is not counted as their load", async () => {
    const { client } = await createClientWithContact(staff, "Ferretería Ruiz", "FRU101010AA3", "a@fru.mx");
    // The technician trained in fortigate would be first; once holding the ticket, they must not be.
    const ticket = await newTicket(client.id, { category: "fortigate" });
    const holder = staff.technician.user!.id;
    const before = await staff.reception.get(`/api/tickets/${ticket.id}/candidates`);
    expect(before.body.items[0].user.id).toBe(holder);
    const loadBefore = before.body.items[0].openTickets;
    await staff.reception.post(`/api/tickets/${ticket.id}/transitions`, {
      action: "assign",
      assigneeId: holder,
    });
    await staff.technician.post(`/api/tickets/${ticket.id}/time-entries`, {
      minutes: 15,
      mode: "remote",
      activity: "Diagnóstico",
    });
    const res = await staff.leader.get(`/api/tickets/${ticket.id}/candidates`);
    const items = res.body.items as {
      user: { id: string };
      current: boolean;
      openTickets: number;
      reasons: { code: string }[];
    }[];
    expect(items[0]!.user.id).not.toBe(holder);
    expect(items[0]!.current).toBe(false);
    const last = items.at(-1)!;
    expect(last).toMatchObject({ user: { id: holder }, current: true, openTickets: loadBefore });
    // Its own time on this ticket is no history with the client.
    expect(last.reasons.map((r) => r.code)).not.toContain("assign.reason.client_history");
    expect(items.filter((c) => c.current)).toHaveLength(1);
  });

  it("a second assignment with a stale version gets a clear conflict and the current state", async () => {
    const { client } = await createClientWithContact(
      staff,
      "Farmacias del Centro",
      "FCE101010AA8",
      "a@fce.mx",
    );
    const ticket = await newTicket(client.id);
    const first = await staff.reception.post(`/api/tickets/${ticket.id}/transitions`, {
      action: "assign",
      assigneeId: staff.technician.user!.id,
      expectedVersion: ticket.version,
    });
    expect(first.status).toBe(200);
    const second = await staff.leader.post(`/api/tickets/${ticket.id}/transitions`, {
      action: "assign",
      assigneeId: staff.technician2.user!.id,
      expectedVersion: ticket.version,
    });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("conflict");
    expect(second.body.error.details.current.assigneeId).toBe(staff.technician.user!.id);
  });

  it("closed tickets wait in the survey queue until answered or unreachable", async () => {
    const { client } = await createClientWithContact(
      staff,
      "Escuela Benito Juárez",
      "EBJ020202AB8",
      "d@ebj.mx",
    );
    const answered = await newTicket(client.id);
    const unreachable = await newTicket(client.id);
    await closeTicket(answered.id);
    await closeTicket(unreachable.id);
    const queue = await staff.reception.get("/api/surveys/queue");
    const ids = queue.body.items.map((i: { id: string }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([answered.id, unreachable.id]));

    const bad = await staff.reception.post(`/api/tickets/${answered.id}/survey`, {
      overall: 6,
      technician: 5,
      timeliness: 5,
    });
    expect(bad.status).toBe(400);
    const ok = await staff.reception.post(`/api/tickets/${answered.id}/survey`, {
      overall: 5,
      technician: 4,
      timeliness: 5,
      comments: "Muy atentos",
    });
    expect(ok.status).toBe(201);
    expect(
      (
        await staff.reception.post(`/api/tickets/${answered.id}/survey`, {
          overall: 5,
          technician: 5,
          timeliness: 5,
        })
      ).status,
    ).toBe(409);
    expect((await staff.technician.post(`/api/tickets/${unreachable.id}/survey-attempts`, {})).status).toBe(
      403,
    );

    for (const n of [1, 2]) {
      const attempt = await staff.reception.post(`/api/tickets/${unreachable.id}/survey-attempts`, {
        note: `Llamada ${n}`,
      });
      expect(attempt.body).toMatchObject({ attempts: n, survey: null });
    }
    const last = await staff.reception.post(`/api/tickets/${unreachable.id}/survey-attempts`, {
      note: "Buzón",
    });
    expect(last.body.survey.outcome).toBe("unreachable");
    const after = await staff.reception.get("/api/surveys/queue");
    const left = after.body.items.map((i: { id: string }) => i.id);
    expect(left).not.toContain(answered.id);
    expect(left).not.toContain(unreachable.id);
  });

  it("keeps deadlines when the calendar changes until an admin recomputes them", async () => {
    const { client } = await createClientWithContact(staff, "Taller Mecánico", "TME030303AB2", "t@tme.mx");
    const ticket = await newTicket(client.id);
    const cal = (await staff.admin.get("/api/settings/calendar")).body;
    // Close Wednesday 25 Nov: an 8-hour event deadline from Tuesday 10:00 moves to Thursday.
    const saved = await staff.admin.put("/api/settings/calendar", {
      ...cal,
      closures: [{ date: "2026-11-25", reason: "Inventario anual" }],
    });
    expect(saved.status).toBe(200);
    expect((await staff.reception.get(`/api/tickets/${ticket.id}`)).body.responseDueAt).toBe(
      ticket.responseDueAt,
    );
    expect((await staff.reception.post("/api/sla/recompute", {})).status).toBe(403);
    const rec = await staff.admin.post("/api/sla/recompute", {});
    expect(rec.body.updated).toBeGreaterThanOrEqual(1);
    const after = await staff.reception.get(`/api/tickets/${ticket.id}`);
    expect(after.body.responseDueAt).toBe("2026-11-26T16:00:00.000Z");
    expect(after.body.history.at(-1).action).toBe("sla_recompute");
    await staff.admin.put("/api/settings/calendar", cal);
  });
});
