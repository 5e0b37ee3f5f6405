import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UNIDENTIFIED_CLIENT_ID } from "../../src/server/platform/database/migrations/009_mail.js";
import { createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { deliver, deliverRaw, drain, mailEnv, Sink, smtpConversation } from "../mail-support.js";

describe.each(DATABASES)("mail in and out on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;
  const sink = new Sink();
  const time = manualClock("2026-11-24T16:00:00Z");
  let acme: { client: { id: string }; contact: { id: string } };
  let other: { client: { id: string }; contact: { id: string } };

  beforeAll(async () => {
    await sink.start();
    t = await startApp(kind, {
      clock: time.clock,
      env: mailEnv(sink),
    });
    staff = await seedStaff(t.app);
    acme = await createClientWithContact(staff, "Acme Industrial", "AIN050505AB6", "ana@acme.mx");
    other = await createClientWithContact(staff, "Beta Logística", "BLO060606CD1", "beto@beta.mx");
  });
  afterAll(async () => {
    await t?.close();
    await sink.stop();
  });

  const ticketsOf = async (clientId: string) =>
    (await staff.admin.get(`/api/tickets?clientId=${clientId}&limit=100`)).body.items as {
      id: string;
      folio: string;
      title: string;
      unknownSender: boolean;
      channel: string;
    }[];
  const mailsTo = (to: string) =>
    sink.received.filter((r) => r.mail.to && JSON.stringify(r.mail.to).includes(to));
  const inbound = (messageId: string) =>
    t.app.ctx.db
      .selectFrom("inbound_mail")
      .selectAll()
      .where("message_id", "=", messageId)
      .executeTakeFirst();

  it("a mail from a known contact makes an e-mail ticket and an auto-reply threaded to it", async () => {
    await deliver(t.app, {
      from: "Ana <ana@acme.mx>",
      to: "soporte@encor.mx",
      subject: "No imprime la impresora del piso 2",
      text: "Desde ayer no imprime.",
      messageId: "<orig-1@acme.mx>",
    });
    await drain(t.app);
    const [ticket] = await ticketsOf(acme.client.id);
    expect(ticket).toMatchObject({
      title: "No imprime la impresora del piso 2",
      channel: "email",
      unknownSender: false,
    });
    const replies = mailsTo("ana@acme.mx");
    expect(replies).toHaveLength(1);
    const reply = replies[0]!;
    expect(reply.mail.subject).toContain(`[${ticket!.folio}]`);
    expect(reply.mail.inReplyTo).toBe("<orig-1@acme.mx>");
    expect(reply.mail.references).toContain("<orig-1@acme.mx>");
    expect(reply.mail.headers.get("auto-submitted")).toBe("auto-replied");
    expect(reply.mail.text).toContain(ticket!.folio);
    expect(reply.mail.text).toMatch(/lun–vie 09:00–17:00 \(hora estándar central\)/);
    // Received Tuesday 10:00 in Mexico City, an event without contract: 8 business hours.
    expect(reply.mail.text).toMatch(/Respuesta a más tardar: miércoles 25 de noviembre de 2026, 10:00/);
  });

  it("a reply (by folio or by In-Reply-To) joins the ticket's conversation; a staff message goes back threaded", async () => {
    const [ticket] = await ticketsOf(acme.client.id);
    const autoReply = mailsTo("ana@acme.mx")[0]!.mail;
    await deliver(t.app, {
      from: "ana@acme.mx",
      to: "soporte@encor.mx",
      subject: "Re: sin folio",
      text: "Sigue sin imprimir.",
      messageId: "<reply-1@acme.mx>",
      inReplyTo: autoReply.messageId,
      references: [autoReply.messageId!],
    });
    await drain(t.app);
    expect(await ticketsOf(acme.client.id)).toHaveLength(1);
    let detail = (await staff.admin.get(`/api/tickets/${ticket!.id}`)).body;
    expect(detail.messages.map((m: { body: string }) => m.body)).toContain("Sigue sin imprimir.");
    // A mailed reply is the client's, whether or not its sender has a portal account.
    expect(detail.messages.find((m: { body: string }) => m.body === "Sigue sin imprimir.").fromClient).toBe(
      true,
    );

    await staff.admin.post(`/api/tickets/${ticket!.id}/messages`, {
      kind: "note",
      body: "Nota interna secreta",
    });
    await staff.admin.post(`/api/tickets/${ticket!.id}/messages`, {
      kind: "call",
      body: "Llamada registrada",
    });
    const sent = await staff.admin.post(`/api/tickets/${ticket!.id}/messages`, {
      kind: "message",
      body: "Vamos en camino.",
    });
    expect(sent.status).toBe(201);
    await drain(t.app);
    const toAna = mailsTo("ana@acme.mx");
    expect(toAna).toHaveLength(2);
    expect(toAna.some((m) => m.raw.includes("Nota interna") || m.raw.includes("Llamada registrada"))).toBe(
      false,
    );
    const staffMail = toAna[1]!.mail;
    expect(staffMail.text).toContain("Vamos en camino.");
    expect(staffMail.inReplyTo).toBe("<reply-1@acme.mx>");
    expect(staffMail.headers.get("auto-submitted")).toBeUndefined();
    detail = (await staff.admin.get(`/api/tickets/${ticket!.id}`)).body;
    expect(detail.messages).toHaveLength(4);
  });

  it("another company's folio or thread in a mail does not attach to that ticket: a new flagged ticket", async () => {
    const [acmeTicket] = await ticketsOf(acme.client.id);
    await deliver(t.app, {
      from: "beto@beta.mx",
      to: "soporte@encor.mx",
      subject: `Re: [${acmeTicket!.folio}] quiero ver esto`,
      text: "Intento colarme.",
      messageId: "<forged-1@beta.mx>",
    });
    await deliver(t.app, {
      from: "intruso@desconocido.mx",
      to: "soporte@encor.mx",
      subject: `[${acmeTicket!.folio}] hola`,
      text: "Soy otro.",
      messageId: "<forged-2@x.mx>",
    });
    await drain(t.app);
    const detail = (await staff.admin.get(`/api/tickets/${acmeTicket!.id}`)).body;
    expect(JSON.stringify(detail.messages)).not.toMatch(/colarme|Soy otro/);
    expect((await ticketsOf(other.client.id)).map((x) => x.title)).toContain(
      `Re: [${acmeTicket!.folio}] quiero ver esto`,
    );
    const flagged = (await inbound("<forged-2@x.mx>"))!;
    const own = (await staff.admin.get(`/api/tickets/${flagged.ticket_id}`)).body;
    expect(own.unknownSender).toBe(true);
    expect(own.channel).toBe("email");
  });

  it("an address of contacts at two companies files its mail unidentified, and its replies join that ticket", async () => {
    const shared = "sistemas@compartido.mx";
    await staff.reception.post("/api/contacts", {
      clientId: acme.client.id,
      name: "Sistemas Acme",
      email: shared,
    });
    const gamma = await createClientWithContact(staff, "Gamma Hoteles", "GHO070707EF1", shared);
    await deliver(t.app, {
      from: shared,
      to: "soporte@encor.mx",
      subject: "Se cayó el wifi del lobby",
      text: "No hay red.",
      messageId: "<shared-1@compartido.mx>",
    });
    await drain(t.app);
    const row = (await inbound("<shared-1@compartido.mx>"))!;
    const ticket = (await staff.admin.get(`/api/tickets/${row.ticket_id}`)).body;
    // Neither company's: reception says whose it is.
    expect(ticket).toMatchObject({ unknownSender: true, clientId: UNIDENTIFIED_CLIENT_ID, contactId: null });
    expect((await ticketsOf(gamma.client.id)).map((x) => x.title)).not.toContain("Se cayó el wifi del lobby");
    expect((await ticketsOf(acme.client.id)).map((x) => x.title)).not.toContain("Se cayó el wifi del lobby");
    // The same address answering by folio writes on that ticket, not on a new one.
    await deliver(t.app, {
      from: shared,
      to: "soporte@encor.mx",
      subject: `Re: [${ticket.folio}] Se cayó el wifi del lobby`,
      text: "Sigue sin red en el lobby.",
      messageId: "<shared-2@compartido.mx>",
    });
    await drain(t.app);
    expect((await inbound("<shared-2@compartido.mx>"))!.ticket_id).toBe(ticket.id);
    const linked = await staff.reception.post(`/api/tickets/${ticket.id}/link-sender`, {
      clientId: gamma.client.id,
      contactId: gamma.contact.id,
    });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ clientId: gamma.client.id, unknownSender: false });
    // Nobody can be filed under the placeholder itself: a contact there would be a "known" sender of
    // every stranger's ticket, and a client-role user there would read them all.
    const contact = await staff.reception.post("/api/contacts", {
      clientId: UNIDENTIFIED_CLIENT_ID,
      name: "Intruso",
      email: "z@intruso.mx",
    });
    expect(contact.status).toBe(404);
    const user = await staff.admin.post("/api/users", {
      email: "z@intruso.mx",
      name: "Intruso",
      roles: ["client"],
      clientId: UNIDENTIFIED_CLIENT_ID,
      password: "una-clave-larga-123",
    });
    expect(user.status).toBe(404);
  });

  it("never answers robots, lists, bounces or itself, and at most N auto-replies per sender and hour", async () => {
    const before = sink.received.length;
    const cases: [string, Record<string, string>][] = [
      ["ana@acme.mx", { "Auto-Submitted": "auto-replied" }],
      ["ana@acme.mx", { Precedence: "bulk" }],
      ["ana@acme.mx", { "List-Id": "<novedades.acme.mx>" }],
      ["MAILER-DAEMON@acme.mx", {}],
      ["no-reply@acme.mx", {}],
    ];
    for (const [i, [from, headers]] of cases.entries()) {
      await deliver(t.app, {
        from,
        to: "soporte@encor.mx",
        subject: `Robot ${i}`,
        text: "x",
        headers,
        messageId: `<robot-${i}@acme.mx>`,
      });
    }
    await deliver(t.app, {
      from: "soporte@encor.mx",
      to: "soporte@encor.mx",
      subject: "Eco",
      text: "x",
      messageId: "<self@encor.mx>",
    });
    await drain(t.app);
    expect(sink.received.slice(before).map((m) => `${m.mail.subject} ${JSON.stringify(m.mail.to)}`)).toEqual(
      [],
    );
    expect((await inbound("<self@encor.mx>"))!.status).toBe("quarantined");
    for (let i = 0; i < cases.length; i++)
      expect((await inbound(`<robot-${i}@acme.mx>`))!.status).toBe("processed");

    for (let i = 0; i < 8; i++) {
      await deliver(t.app, {
        from: "flood@gamma.mx",
        to: "soporte@encor.mx",
        subject: `Pedido ${i}`,
        text: "x",
        messageId: `<flood-${i}@gamma.mx>`,
      });
    }
    await drain(t.app);
    expect(mailsTo("flood@gamma.mx")).toHaveLength(5);
  });

  it("the same Message-ID twice (SMTP retry, both channels) makes one ticket", async () => {
    const mail = {
      from: "ana@acme.mx",
      to: "soporte@encor.mx",
      subject: "Duplicado",
      text: "una vez",
      messageId: "<dup-1@acme.mx>",
    };
    await Promise.all([deliver(t.app, mail), deliver(t.app, mail), deliver(t.app, mail)]);
    await drain(t.app);
    expect((await ticketsOf(acme.client.id)).filter((x) => x.title === "Duplicado")).toHaveLength(1);
  });

  it("bad mail is kept and quarantined or ticketed, never lost, and the listener keeps serving", async () => {
    const empty = await smtpConversation(t.app.smtp!.port, [
      "EHLO prueba",
      "MAIL FROM:<x@acme.mx>",
      "RCPT TO:<soporte@encor.mx>",
      "DATA",
      ".",
      "QUIT",
    ]);
    expect(empty).toMatch(/^250 .*(Queued|OK)/im);
    await deliverRaw(
      t.app,
      "ana@acme.mx",
      Buffer.concat([
        Buffer.from(
          "From: ana@acme.mx\r\nSubject: =?windows-1252?Q?Acci=F3n_r=E1pida?=\r\nMessage-ID: <cp1252@acme.mx>\r\n",
        ),
        Buffer.from("Content-Type: text/plain; charset=windows-1252\r\n\r\n"),
        Buffer.from([0x41, 0x63, 0x63, 0x69, 0xf3, 0x6e, 0x20, 0x80, 0x0d, 0x0a]),
      ]),
    );
    await deliverRaw(
      t.app,
      "ana@acme.mx",
      'From: ana@acme.mx\r\nSubject: html\r\nMessage-ID: <html-1@acme.mx>\r\nContent-Type: text/html\r\n\r\n<p>Hola<script>alert(1)</script><iframe src="x"></iframe><a href="javascript:alert(2)" onclick="x()">clic</a></p>\r\n',
    );
    await deliverRaw(
      t.app,
      "ana@acme.mx",
      "Message-ID: <nofrom@acme.mx>\r\nContent-Type: multipart/mixed; boundary=\r\n\r\n--\r\nbroken",
    );
    await deliver(t.app, {
      from: "ana@acme.mx",
      to: "soporte@encor.mx",
      subject: "sigo vivo",
      text: "ok",
      messageId: "<alive@acme.mx>",
    });
    await drain(t.app);
    const rows = await t.app.ctx.db
      .selectFrom("inbound_mail")
      .select(["message_id", "status", "reason", "ticket_id"])
      .execute();
    expect(rows.every((r) => r.status !== "received")).toBe(true);
    expect(rows.find((r) => r.reason?.includes("vacío"))?.status).toBe("quarantined");
    const cp = (await staff.admin.get(`/api/tickets/${(await inbound("<cp1252@acme.mx>"))!.ticket_id}`)).body;
    expect(cp.title).toBe("Acción rápida");
    expect(cp.description).toContain("Acción €");
    const html = (await staff.admin.get(`/api/tickets/${(await inbound("<html-1@acme.mx>"))!.ticket_id}`))
      .body;
    expect(html.description).toContain("Hola");
    expect(html.description).not.toMatch(/script|alert|iframe|javascript|onclick/);
    expect((await inbound("<nofrom@acme.mx>"))!.status).not.toBe("received");
    expect((await inbound("<alive@acme.mx>"))!.status).toBe("processed");
  });

  it("CR/LF in a ticket title never reaches a header of the mail sent", async () => {
    const delta = await createClientWithContact(staff, "Delta Textil", "DTE070707EF4", "dora@delta.mx");
    const res = await staff.reception.post("/api/tickets", {
      clientId: delta.client.id,
      contactId: delta.contact.id,
      title: "Falla\r\nBcc: victima@evil.mx\r\nX-Evil: 1",
      description: "",
      urgent: false,
      channel: "phone",
    });
    expect(res.status).toBe(201);
    await drain(t.app);
    const mail = sink.received.at(-1)!;
    expect(mail.mail.subject).toContain(res.body.folio);
    expect(mail.mail.headers.get("x-evil")).toBeUndefined();
    expect(mail.mail.bcc).toBeUndefined();
    const headerBlock = mail.raw.split("\r\n\r\n")[0]!;
    expect(headerBlock).not.toMatch(/^(Bcc|X-Evil):/im);
    expect(mail.mail.subject).toBe(
      `[${res.body.folio}] Recibimos su solicitud: Falla Bcc: victima@evil.mx X-Evil: 1`,
    );
  });

  it("with the mail server down mail stays queued and failing; when it is back every mail arrives exactly once", async () => {
    await sink.stop();
    const created: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await staff.reception.post("/api/tickets", {
        clientId: other.client.id,
        contactId: other.contact.id,
        title: `Corte ${i}`,
        description: "",
        urgent: false,
        channel: "phone",
      });
      expect(res.status).toBe(201);
      created.push(res.body.folio);
    }
    await drain(t.app);
    const waiting = (await staff.admin.get("/api/admin/outbox?status=queued")).body.items;
    expect(waiting).toHaveLength(3);
    expect(waiting[0].lastError).toBeTruthy();
    const before = sink.received.length;
    await sink.start();
    time.advance(10 * 60_000);
    await drain(t.app);
    const arrived = sink.received.slice(before).map((m) => m.mail.subject ?? "");
    for (const folio of created) expect(arrived.filter((s) => s.includes(folio))).toHaveLength(1);
    expect((await staff.admin.get("/api/admin/outbox?status=queued")).body.items).toHaveLength(0);
    expect((await staff.reception.get("/api/admin/outbox")).status).toBe(403);
  });
});
