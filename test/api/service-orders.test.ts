import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/server/context.js";
import { decideAsContact } from "../../src/server/modules/service-orders/index.js";
import type { Caller } from "../client.js";
import { clientUser, createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { drain, mailEnv, Sink } from "../mail-support.js";
import { pdfText } from "../pdf-text.js";
import { attendedTicket } from "../service-orders-support.js";

describe.each(DATABASES)("service orders on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;
  const sink = new Sink();
  const time = manualClock("2026-11-24T16:00:00Z");
  let acme: { client: { id: string }; contact: { id: string } };
  let beta: { client: { id: string }; contact: { id: string } };
  let acmeUser: Caller;
  let betaUser: Caller;

  beforeAll(async () => {
    await sink.start();
    t = await startApp(kind, {
      clock: time.clock,
      env: mailEnv(sink, { listen: false }),
    });
    staff = await seedStaff(t.app);
    acme = await createClientWithContact(staff, "Acme Industrial", "AIN050505AB6", "ana@acme.mx");
    beta = await createClientWithContact(staff, "Beta Logística", "BLO060606CD1", "beto@beta.mx");
    acmeUser = await clientUser(staff, acme.client.id, "portal@acme.mx");
    betaUser = await clientUser(staff, beta.client.id, "portal@beta.mx");
    await staff.admin.put("/api/settings/company", { name: "Encor Soluciones", rfc: "ESO010101AA1" });
  });
  afterAll(async () => {
    await t?.close();
    await sink.stop();
  });

  /** Attends a new ticket, sends the outbox, and returns the order mail and the token in its link. */
  async function attendAndMail(title: string) {
    const ticket = await attendedTicket(staff, acme, title);
    await drain(t.app);
    const mail = sink.received.find(
      (r) => r.mail.subject?.includes(ticket.folio) && r.mail.subject.includes("Orden de servicio"),
    )?.mail;
    if (!mail) throw new Error(`no service order mail for ${ticket.folio}`);
    const link = /https:\/\/mesa\.encor\.mx\/orden\?token=([^\s"<]+)/.exec(mail.text ?? "");
    return { ticket, mail, token: decodeURIComponent(link![1]!) };
  }
  const anon = (method: "GET" | "POST", url: string, payload?: object, ua = "Firefox/120 prueba") =>
    t.app.inject({ method, url, headers: { "user-agent": ua }, ...(payload ? { payload } : {}) });
  const ticketOf = async (id: string) => (await staff.admin.get(`/api/tickets/${id}`)).body;

  it("attend mails the client the order: activities, times by mode, charges, a link and the PDF", async () => {
    const { ticket, mail } = await attendAndMail("No arranca el servidor");
    expect(mail.to && JSON.stringify(mail.to)).toContain("ana@acme.mx");
    expect(mail.text).toContain("Diagnóstico remoto del arranque");
    expect(mail.text).toContain("Presencial: 30 min");
    expect(mail.text).toContain("Remota: 45 min");
    expect(mail.text).toContain("Tiempo total: 1 h 15 min");
    expect(mail.text).toContain("Fuente de poder 500 W");
    expect(mail.text).toMatch(/\$850\.00/);
    const pdf = mail.attachments.find((a) => a.contentType === "application/pdf");
    expect(pdf?.filename).toBe(`${ticket.folio}.pdf`);
    expect(pdf!.content.subarray(0, 8).toString()).toBe("%PDF-1.4");
    const text = pdfText(pdf!.content);
    expect(text).toContain(`Orden de servicio ${ticket.folio}`);
    expect(text).toContain("Encor Soluciones");
    expect(text).toContain("RFC ESO010101AA1");
    expect(text).toContain("Diagnóstico remoto del arranque");
    expect(text).toContain("Fuente de poder 500 W");
    expect(text).toContain("Pendiente de aceptación por el cliente");
  });

  it("the link shows the order without signing in; accepting records name, time, IP, user agent and method", async () => {
    const { ticket, token } = await attendAndMail("Falla de red");
    const shown = await anon("GET", `/api/service-orders/by-link?token=${encodeURIComponent(token)}`);
    expect(shown.statusCode).toBe(200);
    expect(shown.json().order.folio).toBe(ticket.folio);
    expect(shown.json().order.totalMinutes).toBe(75);
    time.advance(60_000);
    const accepted = await anon("POST", "/api/service-orders/by-link/decision", {
      token,
      decision: "accept",
      name: "Ana Pérez",
    });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().decision).toMatchObject({
      decision: "accepted",
      method: "link",
      signerName: "Ana Pérez",
    });
    const after = await ticketOf(ticket.id);
    expect(after.status).toBe("attended");
    expect(after.acceptance).toMatchObject({
      signerName: "Ana Pérez",
      via: "link",
      at: time.clock().toISOString(),
    });
    expect(after.history.at(-1)).toMatchObject({ action: "accept", actorId: null });
    const row = await t.app.ctx.db
      .selectFrom("service_order_decisions")
      .selectAll()
      .where("ticket_id", "=", ticket.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      method: "link",
      signer_name: "Ana Pérez",
      ip: "127.0.0.1",
      user_agent: "Firefox/120 prueba",
    });
    // The review no longer needs an override reason: the acceptance counts.
    expect(
      (await staff.senior.post(`/api/tickets/${ticket.id}/transitions`, { action: "review" })).status,
    ).toBe(200);
  });

  it("work changed after the client accepted: the order is mailed again, pending, and the old link is spent", async () => {
    const { ticket, token } = await attendAndMail("Cambio de switch");
    time.advance(60_000);
    const body = { token, decision: "accept", name: "Ana Pérez" };
    expect((await anon("POST", "/api/service-orders/by-link/decision", body)).statusCode).toBe(200);
    const before = sink.received.length;
    const charge = await staff.technician.post(`/api/tickets/${ticket.id}/charges`, {
      kind: "spare_part",
      description: "Cable de red adicional",
      quantity: 1,
      unitPriceCents: 12_000,
    });
    expect(charge.status, JSON.stringify(charge.body)).toBe(201);
    expect((await ticketOf(ticket.id)).acceptance).toBeNull();
    expect((await staff.admin.get(`/api/service-orders/${ticket.id}`)).body.decision).toBeNull();
    // The same answer on the old link is no repeat of anything now: refused, nothing recorded.
    expect((await anon("POST", "/api/service-orders/by-link/decision", body)).statusCode).toBe(410);
    await drain(t.app);
    const again = sink.received
      .slice(before)
      .find(
        (r) => r.mail.subject?.includes(ticket.folio) && r.mail.subject.includes("Orden de servicio"),
      )?.mail;
    expect(again?.text).toContain("Cable de red adicional");
    expect(pdfText(again!.attachments.find((a) => a.contentType === "application/pdf")!.content)).toContain(
      "Pendiente de aceptación por el cliente",
    );
    const fresh = decodeURIComponent(/orden\?token=([^\s"<]+)/.exec(again!.text ?? "")![1]!);
    time.advance(60_000);
    const reaccepted = await anon("POST", "/api/service-orders/by-link/decision", { ...body, token: fresh });
    expect(reaccepted.statusCode).toBe(200);
    expect((await ticketOf(ticket.id)).acceptance).toMatchObject({ signerName: "Ana Pérez", via: "link" });
  });

  it("a used link is refused and changes nothing", async () => {
    const { ticket, token } = await attendAndMail("Impresora atascada");
    const first = await anon("POST", "/api/service-orders/by-link/decision", {
      token,
      decision: "accept",
      name: "Ana",
    });
    expect(first.statusCode).toBe(200);
    const before = await ticketOf(ticket.id);
    const again = await anon("POST", "/api/service-orders/by-link/decision", {
      token,
      decision: "reject",
      name: "Otra persona",
      reason: "No quedó",
    });
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe("link_used");
    expect(again.json().error.message).toMatch(/ya se usó/);
    expect(
      (await anon("GET", `/api/service-orders/by-link?token=${encodeURIComponent(token)}`)).statusCode,
    ).toBe(410);
    const now = await ticketOf(ticket.id);
    expect(now.status).toBe(before.status);
    expect(now.version).toBe(before.version);
  });

  it("the same answer sent twice (a double click, a retry after a lost response) gets the order, recorded once", async () => {
    const { ticket, token } = await attendAndMail("Cámara sin imagen");
    const answer = { token, decision: "accept", name: "Ana Pérez" };
    const [one, two] = await Promise.all([
      anon("POST", "/api/service-orders/by-link/decision", answer),
      anon("POST", "/api/service-orders/by-link/decision", answer),
    ]);
    expect([one.statusCode, two.statusCode]).toEqual([200, 200]);
    expect(two.json().decision).toMatchObject({ decision: "accepted", signerName: "Ana Pérez" });
    const retried = await anon("POST", "/api/service-orders/by-link/decision", {
      ...answer,
      name: " ana pérez ",
    });
    expect(retried.statusCode).toBe(200);
    const decisions = await t.app.ctx.db
      .selectFrom("service_order_decisions")
      .select("decision")
      .where("ticket_id", "=", ticket.id)
      .execute();
    expect(decisions).toHaveLength(1);
    const after = await ticketOf(ticket.id);
    expect(after.history.filter((h: { action: string }) => h.action === "accept")).toHaveLength(1);
    // Another answer on the used link is still refused: the other decision, or another person's name.
    for (const other of [
      { ...answer, decision: "reject", reason: "No quedó" },
      { ...answer, name: "Luis Gómez" },
    ]) {
      const refused = await anon("POST", "/api/service-orders/by-link/decision", other);
      expect([refused.statusCode, refused.json().error.code]).toEqual([410, "link_used"]);
    }
    expect((await ticketOf(ticket.id)).version).toBe(after.version);
    // Only moments after: the same answer long after does not read the order through a used link.
    time.advance(11 * 60_000);
    const late = await anon("POST", "/api/service-orders/by-link/decision", answer);
    expect([late.statusCode, late.json().error.code]).toEqual([410, "link_used"]);
  });

  it("a rejection repeated with another reason, or an answer given elsewhere, is not taken as a repeat", async () => {
    const { token } = await attendAndMail("Teléfono sin tono");
    const reject = { token, decision: "reject", name: "Ana Pérez", reason: "Sigue sin tono" };
    expect((await anon("POST", "/api/service-orders/by-link/decision", reject)).statusCode).toBe(200);
    expect((await anon("POST", "/api/service-orders/by-link/decision", reject)).statusCode).toBe(200);
    const otherReason = await anon("POST", "/api/service-orders/by-link/decision", {
      ...reject,
      reason: "Otra",
    });
    expect(otherReason.statusCode).toBe(410);
  });

  it("an expired link is refused and changes nothing", async () => {
    const { ticket, token } = await attendAndMail("Correo no sincroniza");
    time.advance(31 * 24 * 3600_000);
    const res = await anon("POST", "/api/service-orders/by-link/decision", {
      token,
      decision: "accept",
      name: "Ana",
    });
    expect(res.statusCode).toBe(410);
    expect(res.json().error.code).toBe("link_expired");
    expect((await ticketOf(ticket.id)).acceptance).toBeNull();
  });

  it("a tampered link is refused and changes nothing", async () => {
    const { ticket, token } = await attendAndMail("VPN caída");
    const [id, exp, sig] = token.split(".");
    const forged = [
      `${id}.${Number(exp) + 86_400 * 365}.${sig}`, // a later expiry
      `${id}.${exp}.${sig!.slice(0, -1)}${sig!.endsWith("A") ? "B" : "A"}`, // another signature
      "no-es-un-token",
    ];
    for (const bad of forged) {
      const res = await anon("POST", "/api/service-orders/by-link/decision", {
        token: bad,
        decision: "accept",
        name: "X",
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe("link_invalid");
    }
    expect((await ticketOf(ticket.id)).acceptance).toBeNull();
  });

  it("rejecting needs a reason; with one the ticket goes back to in progress", async () => {
    const { ticket, token } = await attendAndMail("Pantalla azul");
    const bare = await anon("POST", "/api/service-orders/by-link/decision", {
      token,
      decision: "reject",
      name: "Ana",
    });
    expect(bare.statusCode).toBe(400);
    expect((await ticketOf(ticket.id)).status).toBe("attended");
    const res = await anon("POST", "/api/service-orders/by-link/decision", {
      token,
      decision: "reject",
      name: "Ana",
      reason: "Sigue apareciendo la pantalla azul",
    });
    expect(res.statusCode).toBe(200);
    const after = await ticketOf(ticket.id);
    expect(after.status).toBe("in_progress");
    expect(after.history.at(-1)).toMatchObject({
      action: "reject",
      reason: "Sigue apareciendo la pantalla azul",
    });
  });

  it("the PDF is downloadable by staff and the ticket's company, 404 for another company", async () => {
    const { ticket } = await attendAndMail("Respaldo fallido");
    for (const caller of [staff.reception, acmeUser]) {
      const res = await caller.app.inject({
        method: "GET",
        url: `/api/service-orders/${ticket.id}/pdf`,
        headers: { authorization: `Bearer ${caller.token}` },
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers["content-type"]).toBe("application/pdf");
      expect(res.rawPayload.subarray(0, 8).toString()).toBe("%PDF-1.4");
    }
    expect((await betaUser.get(`/api/service-orders/${ticket.id}/pdf`)).status).toBe(404);
    expect((await betaUser.get(`/api/service-orders/${ticket.id}`)).status).toBe(404);
    expect((await anon("GET", `/api/service-orders/${ticket.id}/pdf`)).statusCode).toBe(401);
  });

  it("an on-site acceptance by the technician closes the mailed link", async () => {
    const { ticket, token } = await attendAndMail("Cableado");
    const onsite = await staff.technician.post(`/api/tickets/${ticket.id}/transitions`, {
      action: "accept",
      signerName: "Jefe de planta",
    });
    expect(onsite.status).toBe(200);
    const res = await anon("POST", "/api/service-orders/by-link/decision", {
      token,
      decision: "accept",
      name: "Ana",
    });
    expect(res.json().error.code).toBe("link_used");
    const order = (await staff.admin.get(`/api/service-orders/${ticket.id}`)).body;
    expect(order.decision).toMatchObject({ method: "onsite", signerName: "Jefe de planta" });
  });
  it("the portal use case: a contact decides for its own company only, recorded as portal", async () => {
    const { ticket, token } = await attendAndMail("Licencias vencidas");
    const contact = (caller: Caller, clientId: string): Actor => ({
      id: caller.user!.id,
      email: caller.user!.email,
      name: "Paula Portal",
      roles: ["client"],
      skills: [],
      clientId,
      locale: "es-MX",
      via: "token",
      sessionId: null,
      csrfToken: null,
    });
    const input = { ticketId: ticket.id, decision: "accept" as const, ip: "10.0.0.7", userAgent: "Portal" };
    await expect(decideAsContact(t.app.ctx, contact(betaUser, beta.client.id), input)).rejects.toMatchObject({
      code: "not_found",
    });
    expect((await ticketOf(ticket.id)).acceptance).toBeNull();
    const order = await decideAsContact(t.app.ctx, contact(acmeUser, acme.client.id), input);
    expect(order.decision).toMatchObject({
      decision: "accepted",
      method: "portal",
      signerName: "Paula Portal",
    });
    expect((await ticketOf(ticket.id)).acceptance).toMatchObject({ via: "portal" });
    const viaLink = await anon("POST", "/api/service-orders/by-link/decision", {
      token,
      decision: "accept",
      name: "Ana",
    });
    expect(viaLink.json().error.code).toBe("link_used");
  });
});
