import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientUser, createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { type PortalClient, portalSignIn } from "../portal-support.js";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

describe.each(DATABASES)("client portal tickets on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;
  const time = manualClock("2026-11-24T16:00:00Z");
  let ana: PortalClient; // Ñandú, own tickets only
  let bruno: PortalClient; // Ñandú, company admin
  let carla: PortalClient; // another company
  let nandu = "";
  let otherContact = "";

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    staff = await seedStaff(t.app);
    const a = await createClientWithContact(staff, "Constructora Ñandú", "CÑA010203AB5", "ana@nandu.mx");
    nandu = a.client.id;
    const b = await staff.reception.post("/api/contacts", {
      clientId: nandu,
      name: "Bruno Jefe",
      email: "bruno@nandu.mx",
    });
    const o = await staff.reception.post("/api/contacts", {
      clientId: nandu,
      name: "Olga Otra",
      email: "olga@nandu.mx",
    });
    otherContact = o.body.id;
    const c = await createClientWithContact(staff, "Farmacia Sol", "FSO010203AB6", "carla@sol.mx");
    // Company admin is set by staff in the contact editor; a technician may not grant it.
    expect((await staff.technician.patch(`/api/contacts/${b.body.id}`, { portalAdmin: true })).status).toBe(
      403,
    );
    const flagged = await staff.reception.patch(`/api/contacts/${b.body.id}`, { portalAdmin: true });
    expect(flagged.body.portalAdmin).toBe(true);
    ana = await portalSignIn(t.app, staff, a.contact.id, "ana@nandu.mx");
    bruno = await portalSignIn(t.app, staff, b.body.id, "bruno@nandu.mx");
    carla = await portalSignIn(t.app, staff, c.contact.id, "carla@sol.mx");
    expect(bruno.user.companyAdmin).toBe(true);
  });
  afterAll(() => t?.close());

  const newTicket = (who: PortalClient, title: string, key?: string) =>
    who.post(
      "/api/portal/tickets",
      { title, description: "La impresora no imprime", wasWorking: true },
      key ? { "idempotency-key": key } : {},
    );

  it("creates a ticket with the urgency question: folio, channel portal, deadlines, and the auto-reply", async () => {
    const r = await newTicket(ana, "Impresora sin servicio", "k-1");
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      status: "new",
      channel: "portal",
      urgent: true,
      contactName: "Contacto de Constructora Ñandú",
    });
    expect(r.body.folio).toMatch(/^OS-2026-\d{6}$/);
    expect(r.body.responseDueAt).toEqual(expect.any(String));
    for (const hidden of [
      "rawMinutes",
      "billingStatus",
      "charges",
      "timeEntries",
      "availableActions",
      "clientId",
    ])
      expect(r.body).not.toHaveProperty(hidden);
    // A retry with the same Idempotency-Key is the same ticket.
    const again = await newTicket(ana, "Impresora sin servicio", "k-1");
    expect(again.body.folio).toBe(r.body.folio);
    const mail = await t.app.ctx.db
      .selectFrom("outbox")
      .selectAll()
      .where("ticket_id", "=", r.body.id)
      .where("kind", "=", "autoreply")
      .execute();
    expect(mail).toHaveLength(1);
    expect(mail[0]!.to_addr).toBe("ana@nandu.mx");
    expect(mail[0]!.subject).toContain(r.body.folio);
    expect(mail[0]!.text_body).toContain(`/portal/tickets/${r.body.id}`);
    const notWorking = await ana.post("/api/portal/tickets", {
      title: "Instalar antivirus",
      description: "",
      wasWorking: false,
    });
    expect(notWorking.body.urgent).toBe(false);
  });

  it("refuses wrong types, unknown fields and huge strings with 400, creating nothing", async () => {
    const count = async () => (await bruno.get("/api/portal/tickets")).body.items.length;
    const before = await count();
    for (const body of [
      { title: "x".repeat(201), description: "", wasWorking: true },
      { title: "Algo", description: "", wasWorking: "sí" },
      { title: "Algo", description: "x".repeat(20_001), wasWorking: true },
      { title: "Algo", description: "", wasWorking: true, clientId: "otro" },
      { title: "Algo", description: "", wasWorking: true, channel: "phone" },
      { title: 7, description: "", wasWorking: true },
    ]) {
      expect((await ana.post("/api/portal/tickets", body)).status).toBe(400);
    }
    expect(await count()).toBe(before);
  });

  it("lists own tickets for a contact, all of the company's for its admin, none of another company's", async () => {
    const staffMade = await staff.reception.post("/api/tickets", {
      clientId: nandu,
      contactId: otherContact,
      title: "Llamada de Olga",
      description: "",
      urgent: false,
      channel: "phone",
    });
    const mine = (await ana.get("/api/portal/tickets")).body.items.map((i: { title: string }) => i.title);
    expect(mine).not.toContain("Llamada de Olga");
    expect(mine).toContain("Impresora sin servicio");
    const all = (await bruno.get("/api/portal/tickets")).body.items.map((i: { title: string }) => i.title);
    expect(all).toEqual(expect.arrayContaining(["Llamada de Olga", "Impresora sin servicio"]));
    expect((await carla.get("/api/portal/tickets")).body.items).toEqual([]);
    // A colleague's ticket is as missing to a non-admin contact as another company's.
    expect((await ana.get(`/api/portal/tickets/${staffMade.body.id}`)).status).toBe(404);
    expect((await bruno.get(`/api/portal/tickets/${staffMade.body.id}`)).status).toBe(200);
    expect((await carla.get(`/api/portal/tickets/${staffMade.body.id}`)).status).toBe(404);
    expect((await carla.get("/api/portal/tickets/no-existe")).status).toBe(404);
  });

  it("shows client messages, never internal notes or calls; another company cannot write", async () => {
    const id = (await ana.get("/api/portal/tickets")).body.items[0].id;
    const sent = await ana.post(`/api/portal/tickets/${id}/messages`, { body: "Sigue sin imprimir" });
    expect(sent.status).toBe(201);
    time.advance(60_000);
    await staff.reception.post(`/api/tickets/${id}/messages`, {
      body: "Nota: cliente molesto",
      kind: "note",
    });
    // A minute apart: messages of the same instant are ordered by id, which is random.
    time.advance(60_000);
    await staff.reception.post(`/api/tickets/${id}/messages`, { body: "Llamé, no contestó", kind: "call" });
    time.advance(60_000);
    await staff.reception.post(`/api/tickets/${id}/messages`, { body: "Vamos en camino", kind: "message" });
    const d = (await ana.get(`/api/portal/tickets/${id}`)).body;
    expect(d.messages.map((m: { body: string; fromClient: boolean }) => [m.body, m.fromClient])).toEqual([
      ["Sigue sin imprimir", true],
      ["Vamos en camino", false],
    ]);
    expect(JSON.stringify(d)).not.toMatch(/cliente molesto|no contestó/);
    // Staff read who wrote each message the same way: the contact's is the client's, theirs are not.
    const staffView = (await staff.reception.get(`/api/tickets/${id}`)).body;
    expect(
      staffView.messages.map((m: { body: string; fromClient: boolean }) => [m.body, m.fromClient]),
    ).toEqual([
      ["Sigue sin imprimir", true],
      ["Nota: cliente molesto", false],
      ["Llamé, no contestó", false],
      ["Vamos en camino", false],
    ]);
    expect(d.timeline.map((s: { action: string }) => s.action)).toEqual(["create"]);
    expect((await carla.post(`/api/portal/tickets/${id}/messages`, { body: "hola" })).status).toBe(404);
    expect((await ana.post(`/api/portal/tickets/${id}/messages`, { body: "" })).status).toBe(400);
    expect((await ana.post(`/api/portal/tickets/${id}/messages`, { body: ["x"] })).status).toBe(400);
    expect((await ana.post(`/api/portal/tickets/${id}/messages`, { body: "x".repeat(200_000) })).status).toBe(
      400,
    );
    expect((await ana.get(`/api/portal/tickets/${id}`)).body.messages).toHaveLength(2);
  });

  it("uploads and downloads attachments; other companies' ids are 404", async () => {
    const id = (await ana.get("/api/portal/tickets")).body.items[0].id;
    const up = await ana.post(`/api/portal/tickets/${id}/attachments`, {
      filename: "../factura<1>.pdf",
      dataBase64: PDF.toString("base64"),
    });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ contentType: "application/pdf", size: PDF.length });
    expect(up.body.filename).not.toMatch(/[/<>]/);
    const down = await ana.get(`/api/portal/tickets/${id}/attachments/${up.body.id}`);
    expect(down.status).toBe(200);
    expect(Buffer.compare(down.raw, PDF)).toBe(0);
    expect(down.headers["content-disposition"]).toMatch(/^attachment;/);
    // Staff see it with the ticket's other attachments.
    const staffList = await staff.reception.get(`/api/tickets/${id}/attachments`);
    expect(staffList.body.items.map((a: { id: string }) => a.id)).toContain(up.body.id);
    expect((await ana.get(`/api/portal/tickets/${id}`)).body.attachments).toHaveLength(1);

    expect((await carla.get(`/api/portal/tickets/${id}/attachments/${up.body.id}`)).status).toBe(404);
    const carlasTicket = (await newTicket(carla, "Otra cosa")).body.id;
    expect((await carla.get(`/api/portal/tickets/${carlasTicket}/attachments/${up.body.id}`)).status).toBe(
      404,
    );
    expect(
      (
        await carla.post(`/api/portal/tickets/${id}/attachments`, {
          filename: "x.pdf",
          dataBase64: PDF.toString("base64"),
        })
      ).status,
    ).toBe(404);
    expect(
      (await ana.post(`/api/portal/tickets/${id}/attachments`, { filename: "x", dataBase64: "" })).status,
    ).toBe(400);
    expect(
      (
        await ana.post(`/api/portal/tickets/${id}/attachments`, {
          filename: "x",
          dataBase64: "no es base64!",
        })
      ).status,
    ).toBe(400);
    expect((await ana.get(`/api/portal/tickets/${id}`)).body.attachments).toHaveLength(1);
  });

  it("refuses staff on portal routes, and portal sessions and client contacts on staff routes", async () => {
    expect((await staff.reception.get("/api/portal/tickets")).status).toBe(403);
    expect(
      (await staff.admin.post("/api/portal/tickets", { title: "x", description: "", wasWorking: true }))
        .status,
    ).toBe(403);
    const anon = await t.app.inject({ method: "GET", url: "/api/portal/tickets" });
    expect(anon.statusCode).toBe(401);
    // The portal cookie is not a staff session.
    const asStaff = await t.app.inject({
      method: "GET",
      url: "/api/tickets",
      headers: { cookie: `mesa_portal=${ana.cookie}` },
    });
    expect(asStaff.statusCode).toBe(401);
    // Without the CSRF token a portal write is refused and nothing is written.
    const noCsrf = await t.app.inject({
      method: "POST",
      url: "/api/portal/tickets",
      headers: { cookie: `mesa_portal=${ana.cookie}` },
      payload: { title: "Sin CSRF", description: "", wasWorking: true },
    });
    expect(noCsrf.statusCode).toBe(403);
    // A client contact with a password (older accounts) never reaches staff-only calls.
    const client = await clientUser(staff, nandu, "viejo@nandu.mx");
    for (const url of ["/api/users", "/api/admin/outbox", "/api/surveys/queue", "/api/settings/mail"])
      expect((await client.get(url)).status, url).toBe(403);
    const id = (await ana.get("/api/portal/tickets")).body.items[0].id;
    const entry = await client.post(`/api/tickets/${id}/time-entries`, {
      minutes: 5,
      mode: "remote",
      activity: "x",
    });
    expect(entry.status).toBe(403);
    // Signing out ends the portal session.
    expect((await bruno.post("/api/portal/logout")).status).toBe(204);
    expect((await bruno.get("/api/portal/tickets")).status).toBe(401);
  });
});
