import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../client.js";
import { createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";
import { drain, mailEnv, Sink } from "../mail-support.js";
import { type PortalClient, portalSignIn } from "../portal-support.js";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
/** A PDF past the 7 MB a mail carries (under the 25 MB an upload may have). */
const BIG_PDF = Buffer.concat([PDF, Buffer.alloc(7 * 1024 * 1024 + 1, 0x20)]);
const file = (filename: string, data: Buffer, visibility?: "client" | "internal") => ({
  filename,
  dataBase64: data.toString("base64"),
  ...(visibility ? { visibility } : {}),
});

// A file staff add for the client to see reaches the ticket's contact by mail, as a staff message does.
describe.each(DATABASES)("a client-visible staff file is mailed to the client on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  let ana: PortalClient; // the contact of `ticket`, with a portal account
  const sink = new Sink();
  let acme = { client: { id: "" }, contact: { id: "" } };
  let ticket = { id: "", folio: "" };

  beforeAll(async () => {
    await sink.start();
    t = await startApp(kind, { env: mailEnv(sink, { listen: false }) });
    s = await seedStaff(t.app);
    acme = await createClientWithContact(s, "Acme Industrial", "AIN050505AB6", "ana@acme.mx");
    ana = await portalSignIn(t.app, s, acme.contact.id, "ana@acme.mx");
    ticket = await newTicket(acme.contact.id);
  });
  afterAll(async () => {
    await t?.close();
    await sink.stop();
  });

  async function newTicket(contactId: string | null) {
    const created = await s.reception.post("/api/tickets", {
      clientId: acme.client.id,
      ...(contactId ? { contactId } : {}),
      title: "Reporte de red",
      description: "Piden el diagnóstico por escrito",
      urgent: false,
      channel: "phone",
    });
    expect(created.status).toBe(201);
    await drain(t.app);
    return { id: created.body.id as string, folio: created.body.folio as string };
  }

  /** The outbox row of the file's notice on `ticket`, found by the file's name in its text. */
  const noticeRow = (filename: string) =>
    t.app.ctx.db
      .selectFrom("outbox")
      .select(["kind", "status", "attachments", "text_body", "last_error"])
      .where("ticket_id", "=", ticket.id)
      .where("kind", "=", "attachment")
      .where("text_body", "like", `%${filename}%`)
      .executeTakeFirstOrThrow();

  /** Uploads as `who`, sends the outbox, and returns the answer and the mails sent since. */
  async function uploadAndSend(who: Caller, body: object, id = ticket.id) {
    const before = sink.received.length;
    const up = await who.post(`/api/tickets/${id}/attachments`, body);
    expect(up.status).toBe(201);
    await drain(t.app);
    return { answer: up.body, mails: sink.received.slice(before).map((r) => r.mail) };
  }

  it("a client-visible file goes to the contact attached, named, sized and threaded under the folio", async () => {
    const { answer, mails } = await uploadAndSend(s.reception, file("diagnostico.pdf", PDF));
    expect(answer).toMatchObject({
      filename: "diagnostico.pdf",
      mailedTo: "ana@acme.mx",
      mailedAttached: true,
    });
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(JSON.stringify(mail.to)).toContain("ana@acme.mx");
    expect(mail.subject).toBe(`Re: [${ticket.folio}] Reporte de red`);
    expect(mail.text).toContain(`agregó un archivo a su solicitud ${ticket.folio}: diagnostico.pdf (`);
    expect(mail.text).toContain("Va adjunto a este correo.");
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]!.filename).toBe("diagnostico.pdf");
    expect(mail.attachments[0]!.contentType).toBe("application/pdf");
    expect(mail.attachments[0]!.content.equals(PDF)).toBe(true);
    // Threaded after the ticket's earlier mail (the intake auto-reply), as a staff message is.
    expect(mail.inReplyTo).toBeTruthy();
    // The outbox names the stored file instead of keeping its bytes a second time.
    const row = await noticeRow("diagnostico.pdf");
    expect(row.attachments).toContain("storedFile");
    expect(row.attachments).not.toContain(PDF.toString("base64").slice(0, 12));
  });

  it("the file's name is escaped in the mail's HTML", async () => {
    const { mails } = await uploadAndSend(s.reception, file("Cotización R&D 'v2'.pdf", PDF));
    expect(mails[0]!.html).toContain("Cotización R&amp;D &#39;v2&#39;.pdf");
    expect(mails[0]!.attachments[0]!.filename).toBe("Cotización R&D 'v2'.pdf");
  });

  it("an internal file sends nothing", async () => {
    const { answer, mails } = await uploadAndSend(s.reception, file("notas-internas.pdf", PDF, "internal"));
    expect(answer).toMatchObject({ mailedTo: null, mailedAttached: false });
    expect(mails).toEqual([]);
  });

  it("past 7 MB the mail names the file: with the portal link for a portal user, else asking to reply", async () => {
    const portalUser = await uploadAndSend(s.reception, file("respaldo.pdf", BIG_PDF));
    expect(portalUser.answer).toMatchObject({ mailedTo: "ana@acme.mx", mailedAttached: false });
    expect(portalUser.mails).toHaveLength(1);
    expect(portalUser.mails[0]!.attachments).toEqual([]);
    expect(portalUser.mails[0]!.text).toContain("respaldo.pdf (7 MB)");
    expect(portalUser.mails[0]!.text).toContain("descárguelo desde su solicitud en el portal de clientes.");
    expect(portalUser.mails[0]!.text).toContain(`https://mesa.encor.mx/portal/tickets/${ticket.id}`);

    const bruno = await s.reception.post("/api/contacts", {
      clientId: acme.client.id,
      name: "Bruno Sin Portal",
      email: "bruno@acme.mx",
    });
    const his = await newTicket(bruno.body.id);
    const noPortal = await uploadAndSend(s.reception, file("respaldo.pdf", BIG_PDF), his.id);
    expect(noPortal.answer).toMatchObject({ mailedTo: "bruno@acme.mx", mailedAttached: false });
    expect(noPortal.mails[0]!.text).toContain("si lo necesita, responda a este correo");
    expect(noPortal.mails[0]!.text).not.toContain("portal de clientes");
  });

  it("a mail server that refuses the message for its size gets the notice again without the file, at once", async () => {
    sink.maxBytes = 1024 * 1024; // a small company's server: 1 MB, under the 7 MB Mesa attaches
    const photos = Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024, 0x20)]);
    try {
      const { answer, mails } = await uploadAndSend(s.reception, file("fotos-rack.pdf", photos));
      expect(answer).toMatchObject({ mailedTo: "ana@acme.mx", mailedAttached: true });
      expect(mails).toHaveLength(1);
      // Lengths, not the lists: a failure would print every byte of the file.
      expect(mails[0]!.attachments.length).toBe(0);
      expect(mails[0]!.text).toContain("fotos-rack.pdf (2 MB)");
      expect(mails[0]!.text).toContain("descárguelo desde su solicitud en el portal de clientes.");
      expect(mails[0]!.text).not.toContain("Va adjunto");
      expect(mails[0]!.html).toContain("fotos-rack.pdf");
      expect(mails[0]!.inReplyTo).toBeTruthy();
    } finally {
      sink.maxBytes = 0;
    }
    // The outbox keeps what was sent: the version without the file, no longer naming it.
    const row = await noticeRow("fotos-rack.pdf");
    expect(row).toMatchObject({ status: "sent", attachments: null });
    expect(row.text_body).toContain("portal de clientes");
  });

  it("a full mailbox (552 5.2.2) is no size refusal: the mail fails as it was, file and all, for a retry", async () => {
    sink.maxBytes = 1024 * 1024;
    sink.sizeRefusal = "5.2.2 Mailbox full";
    try {
      const photos = Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024, 0x20)]);
      const { mails } = await uploadAndSend(s.reception, file("buzon-lleno.pdf", photos));
      expect(mails.length).toBe(0);
    } finally {
      sink.maxBytes = 0;
      sink.sizeRefusal = new Sink().sizeRefusal;
    }
    const row = await noticeRow("buzon-lleno.pdf");
    expect(row.status).toBe("failed");
    expect(row.attachments).toContain("storedFile");
    expect(row.text_body).toContain("Va adjunto a este correo.");
    expect(row.last_error).toContain("5.2.2");
  });

  it("a ticket without a contact's e-mail mails no one, and the answer says so", async () => {
    const nameless = await newTicket(null);
    const { answer, mails } = await uploadAndSend(s.reception, file("acta.pdf", PDF), nameless.id);
    expect(answer).toMatchObject({ filename: "acta.pdf", mailedTo: null, mailedAttached: false });
    expect(mails).toEqual([]);
  });

  it("the client's own upload in the portal is not mailed back to the client", async () => {
    const before = sink.received.length;
    const up = await ana.post(`/api/portal/tickets/${ticket.id}/attachments`, file("foto.pdf", PDF));
    expect(up.status).toBe(201);
    await drain(t.app);
    expect(
      sink.received.slice(before).filter((r) => JSON.stringify(r.mail.to).includes("ana@acme.mx")),
    ).toEqual([]);
  });

  it("a refused upload (a cancelled ticket) mails nothing", async () => {
    const cancel = await s.admin.post(`/api/tickets/${ticket.id}/transitions`, {
      action: "cancel",
      reason: "Duplicado",
    });
    expect(cancel.status).toBe(200);
    await drain(t.app);
    const before = sink.received.length;
    const up = await s.admin.post(`/api/tickets/${ticket.id}/attachments`, file("tarde.pdf", PDF));
    expect(up.status).toBe(409);
    await drain(t.app);
    expect(sink.received.length).toBe(before);
  });
});
