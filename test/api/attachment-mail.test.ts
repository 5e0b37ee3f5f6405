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

// A file staff add for the client to see reaches the client by mail, as a staff message does.
describe.each(DATABASES)("a client-visible staff file is mailed to the client on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  let ana: PortalClient;
  const sink = new Sink();
  let ticket = { id: "", folio: "" };

  beforeAll(async () => {
    await sink.start();
    t = await startApp(kind, { env: mailEnv(sink, { listen: false }) });
    s = await seedStaff(t.app);
    const acme = await createClientWithContact(s, "Acme Industrial", "AIN050505AB6", "ana@acme.mx");
    ana = await portalSignIn(t.app, s, acme.contact.id, "ana@acme.mx");
    const created = await s.reception.post("/api/tickets", {
      clientId: acme.client.id,
      contactId: acme.contact.id,
      title: "Reporte de red",
      description: "Piden el diagnóstico por escrito",
      urgent: false,
      channel: "phone",
    });
    expect(created.status).toBe(201);
    ticket = { id: created.body.id, folio: created.body.folio };
    await drain(t.app);
  });
  afterAll(async () => {
    await t?.close();
    await sink.stop();
  });

  /** Uploads as `who`, sends the outbox, and returns the mails about files of this ticket sent since. */
  async function uploadAndSend(who: Caller, body: object) {
    const before = sink.received.length;
    const up = await who.post(`/api/tickets/${ticket.id}/attachments`, body);
    expect(up.status).toBe(201);
    await drain(t.app);
    return sink.received.slice(before).map((r) => r.mail);
  }

  it("a client-visible file goes to the contact attached, named, sized and threaded under the folio", async () => {
    const mails = await uploadAndSend(s.reception, file("diagnostico.pdf", PDF));
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
  });

  it("an internal file sends nothing", async () => {
    expect(await uploadAndSend(s.reception, file("notas-internas.pdf", PDF, "internal"))).toEqual([]);
  });

  it("a file too large to mail is named with the link to the request, not attached", async () => {
    const mails = await uploadAndSend(s.reception, file("respaldo.pdf", BIG_PDF));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.attachments).toEqual([]);
    expect(mails[0]!.text).toContain("respaldo.pdf (7 MB)");
    expect(mails[0]!.text).toContain("Es demasiado grande para el correo: descárguelo desde su solicitud.");
    expect(mails[0]!.text).toContain(`https://mesa.encor.mx/portal/tickets/${ticket.id}`);
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
