import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../client.js";
import { clientUser, createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { deliver, drain, mailEnv, Sink } from "../mail-support.js";
import { type PortalClient, portalSignIn } from "../portal-support.js";

/**
 * Staff hear of what concerns them: a ticket sent back to its technician, a client's urgent request
 * (the desk), a client's message (the assignee, else reception). In the bell, and by e-mail for those
 * who keep the kind on.
 */
describe.each(DATABASES)("staff notices on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;
  const sink = new Sink();
  const time = manualClock("2026-11-24T16:00:00Z");
  let acme: { client: { id: string; name: string }; contact: { id: string; name: string } };
  let ana: PortalClient;
  let apiClient: Caller;

  beforeAll(async () => {
    await sink.start();
    t = await startApp(kind, {
      clock: time.clock,
      env: mailEnv(sink),
    });
    staff = await seedStaff(t.app);
    acme = await createClientWithContact(staff, "Acme Industrial", "AIN050505AB6", "ana@acme.mx");
    ana = await portalSignIn(t.app, staff, acme.contact.id, "ana@acme.mx");
    apiClient = await clientUser(staff, acme.client.id, "sistemas@acme.mx");
  });
  afterAll(async () => {
    await t?.close();
    await sink.stop();
  });

  const ids = () => ({
    admin: staff.admin.user!.id,
    reception: staff.reception.user!.id,
    technician: staff.technician.user!.id,
    technician2: staff.technician2.user!.id,
    senior: staff.senior.user!.id,
    leader: staff.leader.user!.id,
    sales: staff.sales.user!.id,
  });
  /** Who (by staff role name) holds a notice of this kind about this ticket. */
  const told = async (ticketId: string, noticeKind: string) => {
    const rows = await t.app.ctx.db
      .selectFrom("notifications")
      .select("user_id")
      .where("ticket_id", "=", ticketId)
      .where("kind", "=", noticeKind)
      .execute();
    const names = Object.entries(ids());
    return rows.map((r) => names.find(([, id]) => id === r.user_id)?.[0] ?? r.user_id).sort();
  };
  const staffMails = (to: string, ticketId: string) =>
    t.app.ctx.db
      .selectFrom("outbox")
      .selectAll()
      .where("kind", "=", "staff_notice")
      .where("to_addr", "=", to)
      .where("ticket_id", "=", ticketId)
      .execute();
  const bellItem = async (who: Caller, ticketId: string, noticeKind: string) =>
    ((await who.get("/api/notifications")).body.items as { ticketId: string; kind: string }[]).find(
      (n) => n.ticketId === ticketId && n.kind === noticeKind,
    );
  const byDesk = async (title: string, urgent = false) => {
    const r = await staff.reception.post("/api/tickets", {
      clientId: acme.client.id,
      contactId: acme.contact.id,
      title,
      description: "Algo falla.",
      urgent,
      channel: "phone",
    });
    expect(r.status).toBe(201);
    return r.body as { id: string; folio: string };
  };
  const move = (who: Caller, id: string, body: object) => who.post(`/api/tickets/${id}/transitions`, body);
  /** A ticket the technician attended: the senior may send it back. */
  const attendedBy = async (tech: Caller, title: string) => {
    const ticket = await byDesk(title);
    expect(
      (await move(staff.reception, ticket.id, { action: "assign", assigneeId: tech.user!.id })).status,
    ).toBe(200);
    expect((await move(tech, ticket.id, { action: "start" })).status).toBe(200);
    const entry = await tech.post(`/api/tickets/${ticket.id}/time-entries`, {
      minutes: 30,
      mode: "remote",
      activity: "Revisión",
    });
    expect(entry.status).toBe(201);
    expect((await move(tech, ticket.id, { action: "attend" })).status).toBe(200);
    return ticket;
  };

  describe("rejected by the client", () => {
    it("the assignee is told who rejected the service order and why, in the portal or recorded by staff", async () => {
      const ticket = await attendedBy(staff.technician, "Impresora de caja");
      const portal = await ana.post(`/api/portal/tickets/${ticket.id}/service-order/decision`, {
        decision: "reject",
        reason: "No quedó configurado el escáner",
      });
      expect(portal.status, JSON.stringify(portal.body)).toBe(200);
      expect(await told(ticket.id, "client_rejected")).toEqual(["technician"]);
      const item = await bellItem(staff.technician, ticket.id, "client_rejected");
      expect(item).toMatchObject({
        code: "notification.client_rejected",
        message: `${acme.contact.name} rechazó la orden de servicio de ${ticket.folio}: Impresora de caja. Motivo: No quedó configurado el escáner`,
      });
      const mail = (await staffMails("tecnico@encor.mx", ticket.id)).find((m) =>
        m.text_body.includes("rechazó la orden"),
      );
      expect(mail?.text_body).toContain("Motivo: No quedó configurado el escáner");

      // Recorded by the technician himself on site: nobody is told what he just typed.
      const onSite = await attendedBy(staff.technician, "Cámara del almacén");
      const rejected = await move(staff.technician, onSite.id, {
        action: "reject",
        signerName: "Ana López",
        reason: "Falta un ángulo",
      });
      expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
      expect(await told(onSite.id, "client_rejected")).toEqual([]);
      // Recorded by a senior (the client called him): the assignee is told, with the signer's name.
      const byPhone = await attendedBy(staff.technician, "Red del segundo piso");
      const recorded = await move(staff.senior, byPhone.id, {
        action: "reject",
        signerName: "Ana López",
        reason: "Sigue sin red",
      });
      expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
      expect(await bellItem(staff.technician, byPhone.id, "client_rejected")).toMatchObject({
        params: { by: "Ana López", reason: "Sigue sin red" },
      });
      // Recorded without the signer's name: «El cliente», not the senior who typed it.
      const unnamed = await attendedBy(staff.technician, "Impresora del tercer piso");
      expect(
        (await move(staff.senior, unnamed.id, { action: "reject", reason: "No imprime a color" })).status,
      ).toBe(200);
      expect(await bellItem(staff.technician, unnamed.id, "client_rejected")).toMatchObject({
        message: `El cliente rechazó la orden de servicio de ${unnamed.folio}: Impresora del tercer piso. Motivo: No imprime a color`,
      });
    });
  });

  describe("sent back to the technician", () => {
    it("the assignee is told who sent it back and why, in the bell and by e-mail, in their language", async () => {
      const ticket = await attendedBy(staff.technician, "Switch del piso 3");
      const back = await move(staff.senior, ticket.id, {
        action: "send_back",
        reason: "Faltan las fotos del rack",
      });
      expect(back.status).toBe(200);
      expect(await told(ticket.id, "sent_back")).toEqual(["technician"]);

      const item = await bellItem(staff.technician, ticket.id, "sent_back");
      expect(item).toMatchObject({
        ticketId: ticket.id,
        code: "notification.sent_back",
        params: {
          folio: ticket.folio,
          title: "Switch del piso 3",
          by: "Sergio Senior",
          reason: "Faltan las fotos del rack",
        },
        message: `Sergio Senior te regresó ${ticket.folio}: Switch del piso 3. Motivo: Faltan las fotos del rack`,
        readAt: null,
      });
      await staff.technician.patch("/api/auth/me", { locale: "en" });
      expect((await bellItem(staff.technician, ticket.id, "sent_back")) as unknown).toMatchObject({
        message: `Sergio Senior sent ${ticket.folio} back to you: Switch del piso 3. Reason: Faltan las fotos del rack`,
      });
      await staff.technician.patch("/api/auth/me", { locale: "es-MX" });

      // The assignment's mail, then this one.
      const mails = await staffMails("tecnico@encor.mx", ticket.id);
      expect(mails).toHaveLength(2);
      const mail = mails.find((m) => m.text_body.includes("te regresó"))!;
      // The subject names the folio once and leaves the reason to the body.
      expect(mail.subject).toBe(`Sergio Senior te regresó ${ticket.folio}: Switch del piso 3`);
      expect(mail.text_body).toContain(`https://mesa.encor.mx/tickets/${ticket.id}`);
      expect(mail.text_body).toContain("Motivo: Faltan las fotos del rack");
      // Nobody else hears of it by mail: not the senior who sent it back, not the desk.
      for (const to of ["senior@encor.mx", "recepcion@encor.mx", "lider@encor.mx"]) {
        expect(await staffMails(to, ticket.id)).toHaveLength(0);
      }
    });

    it("a reviewed ticket sent back is told too; the e-mail follows the assignee's preference", async () => {
      const saved = await staff.technician2.put("/api/account/notification-preferences", {
        email: { sent_back: false },
      });
      expect(saved.body.email).toMatchObject({ sent_back: false, assignment: true });
      const ticket = await attendedBy(staff.technician2, "Respaldo que no corre");
      expect(
        (await move(staff.technician2, ticket.id, { action: "accept", signerName: "Ana Pérez" })).status,
      ).toBe(200);
      expect((await move(staff.senior, ticket.id, { action: "review" })).status).toBe(200);
      const back = await move(staff.senior, ticket.id, { action: "send_back", reason: "Cobrar la visita" });
      expect(back.status).toBe(200);
      expect(await told(ticket.id, "sent_back")).toEqual(["technician2"]);
      expect(await staffMails("tecnico2@encor.mx", ticket.id)).toHaveLength(1); // the assignment's only
      expect((await staffMails("tecnico2@encor.mx", ticket.id))[0]!.text_body).not.toContain("Cobrar");
    });

    it("a refused send back (no reason) tells nobody", async () => {
      const ticket = await attendedBy(staff.technician, "Sin motivo");
      expect((await move(staff.senior, ticket.id, { action: "send_back" })).status).toBe(422);
      expect(await told(ticket.id, "sent_back")).toEqual([]);
    });
  });

  describe("a client's urgent request", () => {
    it("from the portal: reception and the leaders are told, with folio, client and title; nobody else", async () => {
      const r = await ana.post("/api/portal/tickets", {
        title: "El ERP no abre",
        description: "Funcionaba ayer.",
        wasWorking: true,
      });
      expect(r.status).toBe(201);
      const { id, folio } = r.body as { id: string; folio: string };
      expect(await told(id, "urgent_request")).toEqual(["leader", "reception"]);
      expect(await bellItem(staff.reception, id, "urgent_request")).toMatchObject({
        code: "notification.urgent_request",
        params: { folio, title: "El ERP no abre", client: "Acme Industrial" },
        message: `Nueva solicitud urgente ${folio} de Acme Industrial: El ERP no abre`,
      });
      const mails = await staffMails("recepcion@encor.mx", id);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toContain(folio);
      expect(mails[0]!.text_body).toContain(`https://mesa.encor.mx/tickets/${id}`);
      expect(await staffMails("tecnico@encor.mx", id)).toHaveLength(0);
    });

    it("a leader who turned the kind off by e-mail still sees it in the bell", async () => {
      await staff.leader.put("/api/account/notification-preferences", { email: { urgent_request: false } });
      const r = await ana.post("/api/portal/tickets", { title: "Sin internet", wasWorking: true });
      expect(r.status).toBe(201);
      expect(await told(r.body.id, "urgent_request")).toEqual(["leader", "reception"]);
      expect(await staffMails("lider@encor.mx", r.body.id)).toHaveLength(0);
      expect(await staffMails("recepcion@encor.mx", r.body.id)).toHaveLength(1);
    });

    it("a client contact's own API call counts as the client's request (channel e-mail too)", async () => {
      const r = await apiClient.post("/api/tickets", {
        clientId: acme.client.id,
        title: "Correo caído",
        description: "No llegan correos.",
        urgent: true,
        channel: "email",
      });
      expect(r.status).toBe(201);
      expect(await told(r.body.id, "urgent_request")).toEqual(["leader", "reception"]);
    });

    it("not urgent, or filed by the desk itself, or a mail (never urgent): nobody is alerted", async () => {
      const calm = await ana.post("/api/portal/tickets", { title: "Toner", wasWorking: false });
      expect(calm.status).toBe(201);
      expect(await told(calm.body.id, "urgent_request")).toEqual([]);
      const desk = await byDesk("Llamada urgente", true);
      expect(await told(desk.id, "urgent_request")).toEqual([]);
      await deliver(t.app, {
        from: "Ana <ana@acme.mx>",
        to: "soporte@encor.mx",
        subject: "URGENTE: no hay red",
        text: "Todo caído.",
        messageId: "<urgente-1@acme.mx>",
      });
      await drain(t.app);
      const mailed = await t.app.ctx.db
        .selectFrom("tickets")
        .select(["id", "urgent"])
        .where("title", "=", "URGENTE: no hay red")
        .executeTakeFirstOrThrow();
      expect(mailed.urgent).toBe(0);
      expect(await told(mailed.id, "urgent_request")).toEqual([]);
    });
  });

  describe("a client's message", () => {
    it("from the portal: the assignee is told, with an excerpt; the desk is not", async () => {
      const ticket = await byDesk("Impresora atascada");
      await move(staff.reception, ticket.id, { action: "assign", assigneeId: staff.technician.user!.id });
      const sent = await ana.post(`/api/portal/tickets/${ticket.id}/messages`, {
        body: "Ya reinicié la impresora\ny sigue igual.",
      });
      expect(sent.status).toBe(201);
      expect(await told(ticket.id, "client_message")).toEqual(["technician"]);
      expect(await bellItem(staff.technician, ticket.id, "client_message")).toMatchObject({
        code: "notification.client_message",
        params: {
          folio: ticket.folio,
          title: "Impresora atascada",
          by: acme.contact.name,
          excerpt: "Ya reinicié la impresora y sigue igual.",
        },
        message: `${acme.contact.name} escribió en ${ticket.folio} (Impresora atascada): «Ya reinicié la impresora y sigue igual.»`,
      });
      const mails = await staffMails("tecnico@encor.mx", ticket.id);
      expect(mails.map((m) => m.text_body).join("\n")).toContain("Ya reinicié la impresora");
      expect(await staffMails("recepcion@encor.mx", ticket.id)).toHaveLength(0);
    });

    it("unassigned: reception is told (not the leaders); a long message is cut", async () => {
      const ticket = await byDesk("Sin asignar");
      const long = `Detalle ${"x".repeat(300)}`;
      expect((await ana.post(`/api/portal/tickets/${ticket.id}/messages`, { body: long })).status).toBe(201);
      expect(await told(ticket.id, "client_message")).toEqual(["reception"]);
      const item = (await bellItem(staff.reception, ticket.id, "client_message")) as unknown as {
        params: { excerpt: string };
      };
      expect(item.params.excerpt).toHaveLength(140);
      expect(item.params.excerpt.endsWith("…")).toBe(true);
    });

    it("staff messages and notes tell nobody", async () => {
      const ticket = await byDesk("Conversación interna");
      await move(staff.reception, ticket.id, { action: "assign", assigneeId: staff.technician.user!.id });
      for (const [who, body] of [
        [staff.technician, { body: "Voy en camino", kind: "message" }],
        [staff.reception, { body: "Llamó otra vez", kind: "note" }],
        [staff.reception, { body: "Le avisamos", kind: "message" }],
      ] as const) {
        expect((await who.post(`/api/tickets/${ticket.id}/messages`, body)).status).toBe(201);
      }
      expect(await told(ticket.id, "client_message")).toEqual([]);
    });

    it("a client contact's own API message tells the assignee", async () => {
      const ticket = await byDesk("Por la API");
      await move(staff.reception, ticket.id, { action: "assign", assigneeId: staff.technician2.user!.id });
      const sent = await apiClient.post(`/api/tickets/${ticket.id}/messages`, { body: "¿Hay avance?" });
      expect(sent.status).toBe(201);
      expect(await told(ticket.id, "client_message")).toEqual(["technician2"]);
    });

    it("an e-mail reply: the assignee is told, naming the contact", async () => {
      const ticket = await byDesk("Reply por correo");
      await move(staff.reception, ticket.id, { action: "assign", assigneeId: staff.technician.user!.id });
      await deliver(t.app, {
        from: "Ana <ana@acme.mx>",
        to: "soporte@encor.mx",
        subject: `Re: [${ticket.folio}] Reply por correo`,
        text: "Les mando la foto del error.",
        messageId: "<reply-notice@acme.mx>",
      });
      await drain(t.app);
      expect(await told(ticket.id, "client_message")).toEqual(["technician"]);
      expect(await bellItem(staff.technician, ticket.id, "client_message")).toMatchObject({
        params: { by: acme.contact.name, excerpt: "Les mando la foto del error." },
      });
    });
  });
});
