import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientUser, createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";
import { deliver, drain } from "../mail-support.js";

const PDF = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(2000, 0x20)]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

describe.each(DATABASES)("mail attachments on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;

  beforeAll(async () => {
    t = await startApp(kind, {
      env: {
        MESA_SMTP_LISTEN: "127.0.0.1:0",
        MESA_MAIL_MAX_MB: "1",
        MESA_SUPPORT_ADDRESS: "soporte@encor.mx",
      },
    });
    staff = await seedStaff(t.app);
  });
  afterAll(async () => t?.close());

  it("keeps attachments with their real type, lists and serves them only to who may see the ticket", async () => {
    const acme = await createClientWithContact(staff, "Acme Industrial", "AIN050505AB6", "ana@acme.mx");
    const beta = await createClientWithContact(staff, "Beta Logística", "BLO060606CD1", "beto@beta.mx");
    await deliver(t.app, {
      from: "ana@acme.mx",
      to: "soporte@encor.mx",
      subject: "Con adjuntos",
      text: "Van la factura y la captura.",
      messageId: "<att-1@acme.mx>",
      attachments: [
        { filename: "factura.pdf", content: PDF, contentType: "text/html" },
        { filename: "../../captura\r\n.png", content: PNG },
        { filename: "notas.bin", content: Buffer.from("texto cualquiera") },
      ],
    });
    await drain(t.app);
    const row = await t.app.ctx.db
      .selectFrom("inbound_mail")
      .selectAll()
      .where("message_id", "=", "<att-1@acme.mx>")
      .executeTakeFirstOrThrow();
    const list = await staff.reception.get(`/api/tickets/${row.ticket_id}/attachments`);
    expect(list.status).toBe(200);
    const byName = Object.fromEntries(list.body.items.map((a: { filename: string }) => [a.filename, a]));
    const names = Object.keys(byName);
    const png = names.find((n) => n.includes("captura"))!;
    // The sender's path and line breaks never reach the disk or a header.
    expect(png).not.toMatch(/[/\\\r\n]/);
    expect(names.sort()).toEqual([png, "factura.pdf", "notas.bin"].sort());
    expect(byName["factura.pdf"].contentType).toBe("application/pdf");
    expect(byName[png].contentType).toBe("image/png");
    expect(byName["notas.bin"].contentType).toBe("application/octet-stream");

    const url = `/api/tickets/${row.ticket_id}/attachments/${byName["factura.pdf"].id}`;
    const file = await t.app.inject({
      method: "GET",
      url,
      headers: { authorization: `Bearer ${staff.reception.token}` },
    });
    expect(file.statusCode).toBe(200);
    expect(file.headers["content-type"]).toBe("application/pdf");
    expect(file.headers["content-disposition"]).toMatch(/^attachment; filename\*=UTF-8''factura\.pdf$/);
    expect(file.rawPayload.equals(PDF)).toBe(true);

    const ana = await clientUser(staff, acme.client.id, "ana.portal@acme.mx");
    const beto = await clientUser(staff, beta.client.id, "beto.portal@beta.mx");
    expect((await ana.get(`/api/tickets/${row.ticket_id}/attachments`)).status).toBe(200);
    const foreign = await t.app.inject({
      method: "GET",
      url,
      headers: { authorization: `Bearer ${beto.token}` },
    });
    expect(foreign.statusCode).toBe(404);
    expect((await beto.get(`/api/tickets/${row.ticket_id}/attachments`)).status).toBe(404);
  });

  it("reception links an unidentified sender's ticket to its client; only once, only reception or leader", async () => {
    const gamma = await createClientWithContact(staff, "Gamma Textil", "GTE070707EF1", "gina@gamma.mx");
    await deliver(t.app, {
      from: "nuevo@gamma.mx",
      to: "soporte@encor.mx",
      subject: "Primera vez que escribo",
      text: "Hola",
      messageId: "<link-1@gamma.mx>",
    });
    await drain(t.app);
    const { ticket_id: id } = await t.app.ctx.db
      .selectFrom("inbound_mail")
      .select("ticket_id")
      .where("message_id", "=", "<link-1@gamma.mx>")
      .executeTakeFirstOrThrow();
    const before = (await staff.reception.get(`/api/tickets/${id}`)).body;
    expect(before).toMatchObject({ unknownSender: true, channel: "email", senderEmail: "nuevo@gamma.mx" });
    const body = { clientId: gamma.client.id, contactId: gamma.contact.id };
    expect((await staff.technician.post(`/api/tickets/${id}/link-sender`, body)).status).toBe(403);
    const wrong = await staff.reception.post(`/api/tickets/${id}/link-sender`, {
      ...body,
      contactId: (await createClientWithContact(staff, "Otra", "OTR080808GH0", "o@o.mx")).contact.id,
    });
    expect(wrong.status).toBe(400);
    const linked = await staff.reception.post(`/api/tickets/${id}/link-sender`, body);
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({
      unknownSender: false,
      clientId: gamma.client.id,
      contactId: gamma.contact.id,
    });
    const again = await staff.reception.post(`/api/tickets/${id}/link-sender`, body);
    expect(again.body.error.code).toBe("invalid_transition");
    const after = (await staff.reception.get(`/api/tickets/${id}`)).body;
    expect(after.senderEmail).toBeNull();
    const history = after.history;
    expect(history.map((h: { action: string }) => h.action)).toContain("link_sender");
  });

  it("refuses a mail over the size limit with 552 and stores nothing of it", async () => {
    const before = await t.app.ctx.db.selectFrom("inbound_mail").select("id").execute();
    await expect(
      deliver(t.app, {
        from: "ana@acme.mx",
        to: "soporte@encor.mx",
        subject: "Enorme",
        text: "x".repeat(1_500_000),
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(await t.app.ctx.db.selectFrom("inbound_mail").select("id").execute()).toHaveLength(before.length);
  });
});
