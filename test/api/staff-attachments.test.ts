import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachmentVisibilityMigration } from "../../src/server/platform/database/migrations/033_attachment_visibility.js";
import type { Caller } from "../client.js";
import { clientUser, createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";
import { type PortalClient, portalSignIn } from "../portal-support.js";

const PNG = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52,
]);
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const body = (filename: string, data: Buffer, extra: object = {}) => ({
  filename,
  dataBase64: data.toString("base64"),
  ...extra,
});

// Staff attach files to a ticket (POST /api/tickets/:id/attachments): who may, what is refused, and
// that a file marked internal never reaches the client's portal.
describe.each(DATABASES)("staff attachments on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  let ana: PortalClient; // the ticket's contact, in the portal
  let carla: PortalClient; // another company's contact, in the portal
  let acmeUser: Caller; // a client-role user of the ticket's company
  let betaUser: Caller; // a client-role user of another company
  let ticketId = "";
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-staff-att-"));

  beforeAll(async () => {
    // Files land in a directory of this suite's own, on PostgreSQL too.
    t = await startApp(kind, { env: { MESA_DATA_DIR: dataDir } });
    s = await seedStaff(t.app);
    const acme = await createClientWithContact(s, "Acme Industrial", "AIN050505AB6", "ana@acme.mx");
    const beta = await createClientWithContact(s, "Beta Logística", "BLO060606CD1", "carla@beta.mx");
    ana = await portalSignIn(t.app, s, acme.contact.id, "ana@acme.mx");
    carla = await portalSignIn(t.app, s, beta.contact.id, "carla@beta.mx");
    acmeUser = await clientUser(s, acme.client.id, "usuario@acme.mx");
    betaUser = await clientUser(s, beta.client.id, "usuario@beta.mx");
    ticketId = await workingTicket(acme.client.id, acme.contact.id);
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function workingTicket(clientId: string, contactId: string): Promise<string> {
    const created = await s.reception.post("/api/tickets", {
      clientId,
      contactId,
      title: "Impresora de etiquetas",
      description: "No imprime",
      urgent: false,
      channel: "phone",
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const go = (c: Caller, move: object) => c.post(`/api/tickets/${id}/transitions`, move);
    expect((await go(s.reception, { action: "assign", assigneeId: s.technician.user!.id })).status).toBe(200);
    expect((await go(s.technician, { action: "start" })).status).toBe(200);
    return id;
  }

  const upload = (who: Caller, id: string, b: object) => who.post(`/api/tickets/${id}/attachments`, b);
  const staffList = async (id = ticketId) =>
    (await s.reception.get(`/api/tickets/${id}/attachments`)).body.items as { id: string }[];
  const storedFiles = () => {
    const dir = path.join(dataDir, "attachments", "staff");
    return fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }) : [];
  };

  it("the assigned technician attaches a photo: client-visible by default, listed with who and when", async () => {
    const up = await upload(s.technician, ticketId, body("etiqueta.png", PNG));
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      filename: "etiqueta.png",
      contentType: "image/png",
      size: PNG.length,
      visibility: "client",
      source: "staff",
      uploadedByName: "Tomás Técnico",
    });
    expect(up.body.createdAt).toEqual(expect.any(String));
    // The list shows the file as the upload's answer did, without that answer's note of the mail.
    const { mailedTo, mailedAttached, ...listed } = up.body;
    expect({ mailedTo, mailedAttached }).toEqual({ mailedTo: "ana@acme.mx", mailedAttached: true });
    expect(await staffList()).toContainEqual(listed);
    const down = await t.app.inject({
      method: "GET",
      url: `/api/tickets/${ticketId}/attachments/${up.body.id}`,
      headers: { authorization: `Bearer ${s.senior.token}` },
    });
    expect(down.statusCode).toBe(200);
    expect(down.headers["content-type"]).toBe("image/png");
    expect(Buffer.compare(down.rawPayload, PNG)).toBe(0);

    // The ticket's history says who attached what.
    const ticket = await s.reception.get(`/api/tickets/${ticketId}`);
    const line = ticket.body.history.find((h: { action: string }) => h.action === "attachment");
    expect(line).toMatchObject({
      actorName: "Tomás Técnico",
      changes: { attachmentId: up.body.id, filename: "etiqueta.png", visibility: "client" },
    });
  });

  it("reception attaches an internal file; staff see it marked, the portal neither lists nor serves it", async () => {
    const internal = await upload(s.reception, ticketId, body("rack.pdf", PDF, { visibility: "internal" }));
    expect(internal.status).toBe(201);
    expect(internal.body).toMatchObject({ visibility: "internal", uploadedByName: "Rocío Recepción" });
    const visible = await upload(s.leader, ticketId, body("informe.pdf", PDF, { visibility: "client" }));
    expect(visible.status).toBe(201);
    expect((await staffList()).map((a) => a.id)).toEqual(
      expect.arrayContaining([internal.body.id, visible.body.id]),
    );

    const detail = await ana.get(`/api/portal/tickets/${ticketId}`);
    const names = detail.body.attachments.map((a: { filename: string }) => a.filename);
    expect(names).toContain("informe.pdf");
    expect(names).toContain("etiqueta.png");
    expect(names).not.toContain("rack.pdf");
    expect(JSON.stringify(detail.body)).not.toContain(internal.body.id);
    const portalFile = (id: string) => ana.get(`/api/portal/tickets/${ticketId}/attachments/${id}`);
    expect((await portalFile(internal.body.id)).status).toBe(404);
    const served = await portalFile(visible.body.id);
    expect(served.status).toBe(200);
    expect(Buffer.compare(served.raw, PDF)).toBe(0);
    // A client-role user of the same company, through the API, reads the ticket as the portal does.
    const theirs = (await acmeUser.get(`/api/tickets/${ticketId}/attachments`)).body.items as {
      id: string;
    }[];
    expect(theirs.map((a) => a.id)).toContain(visible.body.id);
    expect(theirs.map((a) => a.id)).not.toContain(internal.body.id);
    expect((await acmeUser.get(`/api/tickets/${ticketId}/attachments/${internal.body.id}`)).status).toBe(404);
    // The client's own uploads stay client-visible, and staff read them as the portal's.
    const mine = await ana.post(`/api/portal/tickets/${ticketId}/attachments`, body("foto.png", PNG));
    expect(mine.status).toBe(201);
    const listed = (await s.reception.get(`/api/tickets/${ticketId}/attachments`)).body.items;
    expect(listed.find((a: { id: string }) => a.id === mine.body.id)).toMatchObject({
      visibility: "client",
      source: "portal",
      uploadedByName: "Contacto de Acme Industrial",
    });
    // And the history says who sent which file, as for staff.
    const history = (await s.reception.get(`/api/tickets/${ticketId}`)).body.history as {
      action: string;
      changes: { attachmentId?: string } | null;
    }[];
    expect(history.some((h) => h.action === "attachment" && h.changes?.attachmentId === mine.body.id)).toBe(
      true,
    );
  });

  it("refuses whoever may not write on the ticket: another technician, client users, portal sessions", async () => {
    const before = (await staffList()).length;
    const refused = await upload(s.technician2, ticketId, body("x.png", PNG));
    expect(refused.status).toBe(403);
    expect((await upload(acmeUser, ticketId, body("x.png", PNG))).status).toBe(403);
    // Another company's user gets the same answer: the route is not theirs, so nothing is probed.
    expect((await upload(betaUser, ticketId, body("x.png", PNG))).status).toBe(403);
    // The portal cookie opens no staff route; in the portal another company's ticket is missing.
    expect((await ana.post(`/api/tickets/${ticketId}/attachments`, body("x.png", PNG))).status).toBe(401);
    expect((await carla.post(`/api/portal/tickets/${ticketId}/attachments`, body("x.png", PNG))).status).toBe(
      404,
    );
    expect((await upload(s.reception, "01JZZZZZZZZZZZZZZZZZZZZZZZ", body("x.png", PNG))).status).toBe(404);
    expect((await staffList()).length).toBe(before);
  });

  it("refuses empty, too large, bad Base64 and unknown fields with the server's words, keeping no file", async () => {
    const files = storedFiles().length;
    const before = (await staffList()).length;
    expect((await upload(s.technician, ticketId, { filename: "x", dataBase64: "" })).status).toBe(400);
    const empty = await upload(s.technician, ticketId, { filename: "x", dataBase64: "==" });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe("El archivo está vacío.");
    const big = await upload(s.technician, ticketId, body("big.bin", Buffer.alloc(25 * 1024 * 1024 + 1, 1)));
    expect(big.status).toBe(413);
    expect(big.body.error).toMatchObject({
      code: "payload_too_large",
      message: "El archivo pesa más de 25 MB.",
    });
    const bad = await upload(s.technician, ticketId, { filename: "x", dataBase64: "no es base64!" });
    expect(bad.status).toBe(400);
    const unknown = await upload(s.technician, ticketId, body("x.png", PNG, { visibility: "secreto" }));
    expect(unknown.status).toBe(400);
    expect((await upload(s.technician, ticketId, body("x.png", PNG, { owner: "x" }))).status).toBe(400);
    expect((await staffList()).length).toBe(before);
    expect(storedFiles().length).toBe(files);
  });

  it("refuses a cancelled ticket, as the portal does", async () => {
    const other = await createClientWithContact(s, "Cancelada SA", "CSA070707EF1", "c@cancelada.mx");
    const created = await s.reception.post("/api/tickets", {
      clientId: other.client.id,
      title: "Duplicado",
      description: "Ya estaba levantado",
      urgent: false,
      channel: "phone",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    const cancel = await s.reception.post(`/api/tickets/${id}/transitions`, {
      action: "cancel",
      reason: "Dup",
    });
    expect(cancel.status).toBe(200);
    const refused = await upload(s.reception, id, body("x.png", PNG));
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe("El ticket está cancelado.");
    expect(await staffList(id)).toEqual([]);
  });

  it("a retry with the same Idempotency-Key is the same attachment, not a second one", async () => {
    const send = () =>
      t.app.inject({
        method: "POST",
        url: `/api/tickets/${ticketId}/attachments`,
        headers: { authorization: `Bearer ${s.technician.token}`, "idempotency-key": "foto-1" },
        payload: body("otra.png", PNG),
      });
    const first = await send();
    const again = await send();
    expect(first.statusCode).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.json().id).toBe(first.json().id);
    expect((await staffList()).filter((a) => a.id === first.json().id)).toHaveLength(1);
  });

  it("migration 033 makes every attachment kept before client-visible", async () => {
    const db = t.app.ctx.db;
    await sql`alter table mail_attachments drop column visibility`.execute(db);
    await sql`insert into mail_attachments (id, ticket_id, inbound_id, filename, content_type, size, path, created_at)
      values ('01JOLDATTACHMENT000000000A', ${ticketId}, 'inbound-1', 'viejo.pdf', 'application/pdf', 3, 'x/y',
        '2026-01-01T00:00:00.000Z')`.execute(db);
    await attachmentVisibilityMigration.up!(db as never);
    const rows = await db.selectFrom("mail_attachments").select(["id", "visibility"]).execute();
    expect(rows.length).toBeGreaterThan(1);
    expect(new Set(rows.map((r) => r.visibility))).toEqual(new Set(["client"]));
    const names = (await ana.get(`/api/portal/tickets/${ticketId}`)).body.attachments.map(
      (a: { filename: string }) => a.filename,
    );
    expect(names).toContain("viejo.pdf");
  });
});
