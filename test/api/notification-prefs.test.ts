import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escalateSla } from "../../src/server/platform/jobs/definitions.js";
import { createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";

describe.each(DATABASES)("staff e-mail notification preferences on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;
  const time = manualClock("2026-11-24T16:00:00Z");
  let acme: { client: { id: string }; contact: { id: string } };

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock, env: { MESA_PUBLIC_URL: "https://mesa.encor.mx" } });
    staff = await seedStaff(t.app);
    acme = await createClientWithContact(staff, "Acme Industrial", "AIN050505AB6", "ana@acme.mx");
  });
  afterAll(async () => {
    await t?.close();
  });

  const staffMailsTo = async (to: string) =>
    t.app.ctx.db
      .selectFrom("outbox")
      .selectAll()
      .where("kind", "=", "staff_notice")
      .where("to_addr", "=", to)
      .execute();
  const newTicket = async (title: string) =>
    (
      await staff.reception.post("/api/tickets", {
        clientId: acme.client.id,
        contactId: acme.contact.id,
        title,
        description: "Algo falla.",
        urgent: true,
        channel: "phone",
      })
    ).body as { id: string; folio: string };

  it("every kind comes by e-mail until the user turns it off; only the named kind changes", async () => {
    expect((await staff.technician.get("/api/account/notification-preferences")).body).toEqual({
      email: {
        escalation: true,
        assignment: true,
        sent_back: true,
        urgent_request: true,
        client_message: true,
      },
    });
    const saved = await staff.technician.put("/api/account/notification-preferences", {
      email: { assignment: false },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.email).toEqual({
      escalation: true,
      assignment: false,
      sent_back: true,
      urgent_request: true,
      client_message: true,
    });
  });

  it("bad input is refused and changes nothing; client contacts have no such preferences", async () => {
    for (const body of [{ email: { assignment: "no" } }, { email: { vacaciones: true } }, { other: 1 }]) {
      expect((await staff.technician.put("/api/account/notification-preferences", body)).status).toBe(400);
    }
    expect((await staff.technician.get("/api/account/notification-preferences")).body.email.assignment).toBe(
      false,
    );
    const anon = await t.app.inject({ method: "GET", url: "/api/account/notification-preferences" });
    expect(anon.statusCode).toBe(401);
  });

  it("an assignment is notified in the app always, and by e-mail only to those who keep it on", async () => {
    const one = await newTicket("Asignado al técnico que no quiere correo");
    await staff.reception.post(`/api/tickets/${one.id}/transitions`, {
      action: "assign",
      assigneeId: staff.technician.user!.id,
    });
    const inApp = (await staff.technician.get("/api/notifications")).body.items;
    expect(
      inApp.some(
        (n: { ticketId: string; code: string }) =>
          n.ticketId === one.id && n.code === "notification.assigned",
      ),
    ).toBe(true);
    expect(await staffMailsTo("tecnico@encor.mx")).toHaveLength(0);

    const two = await newTicket("Asignado a la técnica con correo");
    await staff.reception.post(`/api/tickets/${two.id}/transitions`, {
      action: "assign",
      assigneeId: staff.technician2.user!.id,
    });
    const mails = await staffMailsTo("tecnico2@encor.mx");
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain(two.folio);
    expect(mails[0]!.text_body).toContain(`https://mesa.encor.mx/tickets/${two.id}`);
    expect(mails[0]!.text_body).toContain("Rocío Recepción te asignó");
  });

  it("escalation mails reception and leaders who keep it on, and not those who turned it off", async () => {
    await staff.leader.put("/api/account/notification-preferences", { email: { escalation: false } });
    const before = (await staffMailsTo("recepcion@encor.mx")).length;
    await newTicket("Urgente sin atender");
    time.advance(3 * 24 * 3600_000);
    expect(await escalateSla(t.app.ctx, time.clock())).toBeGreaterThan(0);
    const reception = await staffMailsTo("recepcion@encor.mx");
    expect(reception.length).toBeGreaterThan(before);
    expect(reception.at(-1)!.subject).toMatch(/venció|por vencer/);
    expect(await staffMailsTo("lider@encor.mx")).toHaveLength(0);
  });
});
