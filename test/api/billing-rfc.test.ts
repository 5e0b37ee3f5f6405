import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { attendedTicket, close, raw, review } from "../support/billing.js";

/**
 * The ERP cannot stamp an invoice without an RFC (issue #14 item 9): issuing a draft of a client with
 * none is refused with a coded 409 until the client has one (its own or the generic one), and an
 * issued invoice without one is not exported.
 */
describe.each(DATABASES)("invoices without an RFC on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  const time = manualClock("2026-01-12T16:00:00Z");
  let clientId = "";

  const draftOf = async () => {
    const ev = await attendedTicket(s, { clientId, entries: [{ minutes: 30, mode: "remote" }] });
    await review(s, ev.id);
    await close(s, ev.id);
    const drafts = (await s.leader.get(`/api/invoices?clientId=${clientId}&status=draft`)).body.items;
    return drafts.find((i: { ticketId: string }) => i.ticketId === ev.id);
  };

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    expect((await s.sales.post("/api/rates", { hourlyRateCents: 50_000 })).status).toBe(201);
    const c = await s.reception.post("/api/clients", { name: "Tlapalería Sin RFC" });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    clientId = c.body.id;
  });
  afterAll(() => t?.close());

  it("refuses to issue a draft with no RFC, and issues it once the client has the generic one", async () => {
    const draft = await draftOf();
    expect(draft.clientRfc).toBeNull();
    const refused = await s.leader.post(`/api/invoices/${draft.id}/issue`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("conflict");
    expect(refused.body.error.message).toBe(
      `La factura ${draft.folio} de «Tlapalería Sin RFC» no tiene RFC y el ERP no puede timbrarla: registre el RFC del cliente (o el genérico XAXX010101000 si es venta al público en general).`,
    );
    expect((await s.leader.get(`/api/invoices/${draft.id}`)).body.status).toBe("draft");

    const client = (await s.admin.get(`/api/clients/${clientId}`)).body;
    const edited = await s.admin.patch(`/api/clients/${clientId}`, {
      rfc: "XAXX010101000",
      version: client.version,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const issued = await s.leader.post(`/api/invoices/${draft.id}/issue`);
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    expect(issued.body).toMatchObject({ status: "issued", clientRfc: "XAXX010101000" });
  });

  it("does not export an issued invoice without an RFC", async () => {
    const draft = await draftOf();
    expect((await s.leader.post(`/api/invoices/${draft.id}/issue`)).status).toBe(200);
    // Issued before issuing required one (data of an older version).
    await t.app.ctx.db.updateTable("invoices").set({ client_rfc: null }).where("id", "=", draft.id).execute();
    const res = await raw(s.leader, "POST", "/api/billing/exports", {
      format: "csv",
      invoiceIds: [draft.id],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(new RegExp(`^La factura ${draft.folio} de`));
    expect((await s.leader.get(`/api/invoices/${draft.id}`)).body.status).toBe("issued");
  });
});
