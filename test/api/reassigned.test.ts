import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";

describe.each(DATABASES)("reassigned tickets and client history on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  let clientId = "";

  const newTicket = async (title: string) =>
    (
      await s.reception.post("/api/tickets", {
        clientId,
        title,
        description: "",
        urgent: false,
        channel: "phone",
      })
    ).body.id as string;
  const go = (who: keyof Staff, id: string, body: object) =>
    s[who].post(`/api/tickets/${id}/transitions`, body);

  beforeAll(async () => {
    t = await startApp(kind);
    s = await seedStaff(t.app);
    clientId = (await s.reception.post("/api/clients", { name: "Hotel Las Palmas" })).body.id;
  });
  afterAll(() => t.close());

  it("tells a technician who has the ticket now, instead of a bare refusal", async () => {
    const id = await newTicket("Wifi del lobby");
    await go("reception", id, { action: "assign", assigneeId: s.technician.user!.id });
    expect((await s.technician.get(`/api/tickets/${id}`)).status).toBe(200);
    await go("reception", id, { action: "assign", assigneeId: s.technician2.user!.id });
    const r = await s.technician.get(`/api/tickets/${id}`);
    expect(r.status).toBe(403);
    expect(r.body.error.message).toContain("ahora lo tiene Teresa Técnica");
    expect(r.body.error.details).toMatchObject({ reason: "not_assignee", assigneeName: "Teresa Técnica" });
  });

  it("counts as history with the client only the tickets a technician logged time on", async () => {
    // Tomás was assigned a ticket and handed it over; Teresa worked it.
    const worked = await newTicket("Impresora de recepción");
    await go("reception", worked, { action: "assign", assigneeId: s.technician.user!.id });
    await go("reception", worked, { action: "assign", assigneeId: s.technician2.user!.id });
    expect((await go("technician2", worked, { action: "start" })).status).toBe(200);
    const entry = await s.technician2.post(`/api/tickets/${worked}/time-entries`, {
      minutes: 30,
      mode: "remote",
      activity: "Reinstalación del controlador",
    });
    expect(entry.status).toBe(201);
    const next = await newTicket("Otra impresora");
    const r = await s.reception.get(`/api/tickets/${next}/candidates`);
    expect(r.status).toBe(200);
    const reasons = (name: string) =>
      (r.body.items as { user: { name: string }; reasons: { code: string; text: string }[] }[]).find(
        (c) => c.user.name === name,
      )!.reasons;
    expect(reasons("Teresa Técnica")).toContainEqual({
      code: "assign.reason.client_history",
      params: { count: 1 },
      text: "Ha atendido 1 ticket de este cliente",
    });
    expect(reasons("Tomás Técnico").map((r) => r.code)).not.toContain("assign.reason.client_history");
  });
});
