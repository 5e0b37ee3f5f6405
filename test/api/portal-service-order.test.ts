import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { pdfText } from "../pdf-text.js";
import { type PortalClient, portalSignIn } from "../portal-support.js";
import { attendedTicket } from "../service-orders-support.js";

type Who = { client: { id: string }; contact: { id: string; name: string } };

describe.each(DATABASES)("service orders in the client portal on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;
  const time = manualClock("2026-11-24T16:00:00Z");
  let acme: Who;
  let ana: PortalClient; // Acme, own tickets only
  let carla: PortalClient; // another company
  let colleague: Who;

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    staff = await seedStaff(t.app);
    acme = await createClientWithContact(staff, "Acme Industrial", "AIN050505AB6", "ana@acme.mx");
    const beta = await createClientWithContact(staff, "Beta Logística", "BLO060606CD1", "carla@beta.mx");
    const olga = await staff.reception.post("/api/contacts", {
      clientId: acme.client.id,
      name: "Olga Otra",
      email: "olga@acme.mx",
    });
    colleague = { client: acme.client, contact: olga.body };
    await staff.admin.put("/api/settings/company", { name: "Encor Soluciones", rfc: "ESO010101AA1" });
    ana = await portalSignIn(t.app, staff, acme.contact.id, "ana@acme.mx");
    carla = await portalSignIn(t.app, staff, beta.contact.id, "carla@beta.mx");
  });
  afterAll(() => t?.close());

  const url = (id: string, rest = "") => `/api/portal/tickets/${id}/service-order${rest}`;
  const decisions = (ticketId: string) =>
    t.app.ctx.db
      .selectFrom("service_order_decisions")
      .selectAll()
      .where("ticket_id", "=", ticketId)
      .execute();
  const statusOf = async (id: string) => (await staff.admin.get(`/api/tickets/${id}`)).body.status;

  it("shows the contact its attended order: activities, times by mode, charges, pending acceptance", async () => {
    const ticket = await attendedTicket(staff, acme, "No arranca el servidor");
    const res = await ana.get(url(ticket.id));
    expect(res.status).toBe(200);
    expect(res.body.canDecide).toBe(true);
    const order = res.body.order;
    expect(order).toMatchObject({
      folio: ticket.folio,
      clientName: "Acme Industrial",
      totalMinutes: 75,
      chargesTotalCents: 85000,
      decision: null,
      company: { name: "Encor Soluciones", rfc: "ESO010101AA1" },
    });
    expect(order.activities.map((a: { activity: string }) => a.activity).sort()).toEqual([
      "Cambio de fuente de poder",
      "Diagnóstico remoto del arranque",
    ]);
    expect(order.minutesByMode).toEqual([
      { mode: "onsite", minutes: 30 },
      { mode: "remote", minutes: 45 },
    ]);
    // Client-facing fields only: nothing of the desk's (assignee, billable time, notes) rides along.
    expect(Object.keys(order).sort()).toEqual(
      [
        "activities",
        "charges",
        "chargesTotalCents",
        "clientName",
        "company",
        "contactName",
        "decision",
        "folio",
        "minutesByMode",
        "status",
        "ticketId",
        "title",
        "totalMinutes",
      ].sort(),
    );
  });

  it("has no order before the work is attended, and nothing to decide", async () => {
    const created = await ana.post("/api/portal/tickets", { title: "Sin red", wasWorking: false });
    const res = await ana.get(url(created.body.id));
    expect(res.body).toEqual({ order: null, canDecide: false });
    expect((await ana.get(url(created.body.id, "/pdf"))).status).toBe(404);
    const refused = await ana.post(url(created.body.id, "/decision"), { decision: "accept" });
    expect(refused.status).toBe(409);
    expect(await decisions(created.body.id)).toEqual([]);
  });

  it("the PDF carries the firm, the folio and the acceptance status", async () => {
    const ticket = await attendedTicket(staff, acme, "Respaldo fallido");
    const res = await ana.get(url(ticket.id, "/pdf"));
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/pdf");
    expect(res.headers["content-disposition"]).toContain(`${ticket.folio}.pdf`);
    const text = pdfText(res.raw);
    expect(text).toContain(`Orden de servicio ${ticket.folio}`);
    expect(text).toContain("Encor Soluciones");
    expect(text).toContain("Pendiente de aceptación por el cliente");
    // Mail is not set up here: the default sender (mesa@localhost) is no address a client could use.
    expect(text).not.toContain("localhost");
    expect((await ana.get(url(ticket.id))).body.order.company.email).toBeNull();
  });

  it("another company's order, and a colleague's for a non-admin contact, answer 404 and change nothing", async () => {
    const mine = await attendedTicket(staff, acme, "Impresora atascada");
    const theirs = await attendedTicket(staff, colleague, "Monitor sin imagen");
    for (const [who, id] of [
      [carla, mine.id],
      [ana, theirs.id],
    ] as const) {
      expect((await who.get(url(id))).status).toBe(404);
      expect((await who.get(url(id, "/pdf"))).status).toBe(404);
      const post = await who.post(url(id, "/decision"), { decision: "accept" });
      expect(post.status).toBe(404);
      expect(await decisions(id)).toEqual([]);
      expect(await statusOf(id)).toBe("attended");
    }
  });

  it("accepting records method portal with the contact's name; a replay answers the same; a second decision is refused", async () => {
    const ticket = await attendedTicket(staff, acme, "Falla de red");
    time.advance(60_000);
    const key = { "idempotency-key": "acepta-1", "user-agent": "Firefox/120 portal" };
    const accepted = await ana.post(url(ticket.id, "/decision"), { decision: "accept" }, key);
    expect(accepted.status).toBe(200);
    expect(accepted.body.canDecide).toBe(false);
    expect(accepted.body.order.decision).toMatchObject({
      decision: "accepted",
      method: "portal",
      signerName: acme.contact.name,
      at: time.clock().toISOString(),
    });
    const replay = await ana.post(url(ticket.id, "/decision"), { decision: "accept" }, key);
    expect(replay.status).toBe(200);
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    const again = await ana.post(url(ticket.id, "/decision"), {
      decision: "reject",
      reason: "Cambié de opinión",
    });
    expect(again.status).toBe(409);
    const rows = await decisions(ticket.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      method: "portal",
      decision: "accepted",
      user_agent: "Firefox/120 portal",
    });
    const after = (await staff.admin.get(`/api/tickets/${ticket.id}`)).body;
    expect(after.status).toBe("attended");
    expect(after.acceptance).toMatchObject({ via: "portal", signerName: acme.contact.name });
  });

  it.each([
    { name: "no reason", body: { decision: "reject" } },
    { name: "a blank reason", body: { decision: "reject", reason: "   " } },
    { name: "an unknown decision", body: { decision: "maybe" } },
    { name: "a signer name (the contact signs)", body: { decision: "accept", name: "Otro" } },
  ])("a decision with $name is refused with 400 and changes nothing", async ({ body }) => {
    const ticket = await attendedTicket(staff, acme, "Pantalla azul");
    const res = await ana.post(url(ticket.id, "/decision"), body);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(await decisions(ticket.id)).toEqual([]);
    expect(await statusOf(ticket.id)).toBe("attended");
  });

  it("rejecting with a reason sends the work back and the order shows the rejection", async () => {
    const ticket = await attendedTicket(staff, acme, "Correo caído");
    const res = await ana.post(url(ticket.id, "/decision"), {
      decision: "reject",
      reason: "Sigue sin llegar el correo",
    });
    expect(res.status).toBe(200);
    expect(res.body.order.decision).toMatchObject({
      decision: "rejected",
      method: "portal",
      reason: "Sigue sin llegar el correo",
    });
    expect(res.body.canDecide).toBe(false);
    expect(await statusOf(ticket.id)).toBe("in_progress");
    expect((await ana.get(url(ticket.id))).body.order.decision.decision).toBe("rejected");
  });

  it("an acceptance the senior sent back is not shown on the order attended again, which waits for a new one", async () => {
    const ticket = await attendedTicket(staff, acme, "Respaldo incompleto");
    time.advance(60_000);
    expect((await ana.post(url(ticket.id, "/decision"), { decision: "accept" })).status).toBe(200);
    time.advance(60_000);
    const back = await staff.senior.post(`/api/tickets/${ticket.id}/transitions`, {
      action: "send_back",
      reason: "Falta respaldar la base de datos",
    });
    expect(back.status).toBe(200);
    time.advance(60_000);
    await staff.technician.post(`/api/tickets/${ticket.id}/time-entries`, {
      minutes: 10,
      mode: "remote",
      activity: "Respaldo de la base de datos",
    });
    const attend = await staff.technician.post(`/api/tickets/${ticket.id}/transitions`, { action: "attend" });
    expect(attend.status).toBe(200);
    const shown = (await ana.get(url(ticket.id))).body;
    expect([shown.order.decision, shown.canDecide]).toEqual([null, true]);
    const staffView = await staff.senior.get(`/api/service-orders/${ticket.id}`);
    expect([staffView.status, staffView.body.decision]).toEqual([200, null]);
    time.advance(60_000);
    const again = await ana.post(url(ticket.id, "/decision"), { decision: "accept" });
    expect(again.body.order.decision).toMatchObject({ decision: "accepted", at: time.clock().toISOString() });
  });
});
