import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { attendedTicket, close, newClient, newContract, review } from "../support/billing.js";

/** Event invoices and the warranty execution fee; figures computed by hand. IVA 16 % on the subtotal. */
describe.each(DATABASES)("event invoices with warranty on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  // Monday 12 Jan 2026, 10:00 in Mexico City.
  const time = manualClock("2026-01-12T16:00:00Z");

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    expect((await s.sales.post("/api/rates", { hourlyRateCents: 50_000 })).status).toBe(201);
  });
  afterAll(() => t?.close());

  const sendToWarranty = async (ticketId: string, body: object) => {
    const r = await s.leader.post(`/api/tickets/${ticketId}/warranty`, body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  };

  it("adds the warranty execution fee to an event ticket's draft when its case was sent", async () => {
    const client = await newClient(s, "Despacho Garantía", "pagos@garantia.mx");
    const ev = await attendedTicket(s, {
      clientId: client,
      entries: [{ minutes: 40, mode: "onsite" }],
      charges: [{ kind: "courier", description: "Mensajería", quantity: 1, unitPriceCents: 15_050 }],
    });
    expect(ev.serviceKind).toBe("event");
    await sendToWarranty(ev.id, {
      manufacturer: "Dell",
      model: "Latitude 5420",
      serial: "SN-77",
      sentOn: "2026-01-12",
    });
    await review(s, ev.id);
    await close(s, ev.id);
    const items = (await s.leader.get(`/api/invoices?clientId=${client}`)).body.items;
    expect(items).toHaveLength(1);
    // 40 min → 1 h × 500.00 = 500.00; courier 150.50; warranty fee 500.00 (the default setting).
    expect(items[0].lines).toEqual([
      expect.objectContaining({ quantity: 1, unitPriceCents: 50_000, amountCents: 50_000 }),
      { description: "Mensajería", quantity: 1, unitPriceCents: 15_050, amountCents: 15_050 },
      {
        description: "Ejecución de garantía Dell Latitude 5420 (serie SN-77)",
        quantity: 1,
        unitPriceCents: 50_000,
        amountCents: 50_000,
      },
    ]);
    // 115,050 × 16 % = 18,408; total 133,458.
    expect(items[0]).toMatchObject({ subtotalCents: 115_050, taxCents: 18_408, totalCents: 133_458 });
    // The draft's creation is in the audit log, by the leader who closed the ticket.
    const audit = await t.app.ctx.db
      .selectFrom("audit_log")
      .select(["actor_id", "action", "changes"])
      .where("entity", "=", "invoice")
      .where("entity_id", "=", items[0].id)
      .execute();
    expect(audit.map((a) => ({ ...a, changes: JSON.parse(String(a.changes)) }))).toEqual([
      {
        actor_id: s.leader.user!.id,
        action: "create",
        changes: {
          kind: "event",
          runKey: `ticket:${ev.id}`,
          contractId: null,
          ticketId: ev.id,
          period: null,
          totalCents: 133_458,
          folio: items[0].folio,
        },
      },
    ]);
  });

  it("lists an event's invoice under the month it was made in, in the calendar's zone", async () => {
    const client = await newClient(s, "Despacho Mensual", "pagos@mensual.mx");
    const ev = await attendedTicket(s, { clientId: client, entries: [{ minutes: 30, mode: "remote" }] });
    await review(s, ev.id);
    await close(s, ev.id);
    const of = async (period: string) =>
      (await s.leader.get(`/api/invoices?clientId=${client}&period=${period}`)).body.items.length;
    // Made on 12 January 2026: January has it, December and February do not.
    expect([await of("2026-01"), await of("2025-12"), await of("2026-02")]).toEqual([1, 0, 0]);
  });

  it("charges the fee setting in force, and nothing for a case never sent", async () => {
    const settings = (await s.admin.get("/api/settings/warranty")).body;
    const put = await s.admin.put("/api/settings/warranty", {
      warrantyExecutionFeeCents: 32_525,
      version: settings.version,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const client = await newClient(s, "Consultorio Garantía", "cxp@consultorio.mx");
    const sent = await attendedTicket(s, { clientId: client, entries: [{ minutes: 15, mode: "phone" }] });
    await sendToWarranty(sent.id, {
      manufacturer: "HP",
      model: "ProDesk 400",
      serial: "MX-1",
      sentOn: "2026-01-12",
    });
    const open = await attendedTicket(s, { clientId: client, entries: [{ minutes: 15, mode: "phone" }] });
    await sendToWarranty(open.id, { manufacturer: "HP", model: "ProDesk 400", serial: "MX-2" });
    for (const id of [sent.id, open.id]) {
      await review(s, id);
      await close(s, id);
    }
    const items = (await s.leader.get(`/api/invoices?clientId=${client}`)).body.items;
    const of = (id: string) => items.find((i: { ticketId: string }) => i.ticketId === id);
    // 15 min → 1 h (event time is billed by the started hour) × 500.00 + the 325.25 fee = 825.25;
    // IVA 132.04; total 957.29.
    expect(of(sent.id)).toMatchObject({ subtotalCents: 82_525, taxCents: 13_204, totalCents: 95_729 });
    expect(of(sent.id).lines.at(-1)).toEqual({
      description: "Ejecución de garantía HP ProDesk 400 (serie MX-1)",
      quantity: 1,
      unitPriceCents: 32_525,
      amountCents: 32_525,
    });
    expect(of(open.id)).toMatchObject({ subtotalCents: 50_000, taxCents: 8000, totalCents: 58_000 });
    expect(of(open.id).lines).toHaveLength(1);
  });
  const ticket = async (id: string) => (await s.leader.get(`/api/tickets/${id}`)).body;
  const billingHistory = async (id: string) =>
    (await ticket(id)).history
      .filter((h: { changes: { billingStatus?: unknown } | null }) => h.changes?.billingStatus)
      .map((h: { reason: string | null; changes: { billingStatus: unknown } }) => [
        h.reason,
        h.changes.billingStatus,
      ]);

  it("marks the tickets of an issued invoice invoiced, and puts them back when it is cancelled", async () => {
    const client = await newClient(s, "Imprenta Facturada", "cobros@imprenta.mx");
    const ev = await attendedTicket(s, { clientId: client, entries: [{ minutes: 30, mode: "remote" }] });
    await review(s, ev.id);
    expect((await close(s, ev.id)).billingStatus).toBe("to_invoice");
    const draft = (await s.leader.get(`/api/invoices?clientId=${client}`)).body.items[0];
    expect((await ticket(ev.id)).billingStatus).toBe("to_invoice");
    expect((await s.leader.post(`/api/invoices/${draft.id}/issue`)).status).toBe(200);
    expect((await ticket(ev.id)).billingStatus).toBe("invoiced");
    const cancel = await s.leader.post(`/api/invoices/${draft.id}/cancel`, { reason: "RFC equivocado" });
    expect(cancel.status).toBe(200);
    expect((await ticket(ev.id)).billingStatus).toBe("to_invoice");
    expect((await billingHistory(ev.id)).slice(-2)).toEqual([
      [`Factura ${draft.folio} emitida`, { from: "to_invoice", to: "invoiced" }],
      [`Factura ${draft.folio} cancelada`, { from: "invoiced", to: "to_invoice" }],
    ]);
    // Mesa wrote those reasons as codes: each reader gets them in their own language.
    await s.leader.patch("/api/auth/me", { locale: "en" });
    expect((await billingHistory(ev.id)).slice(-2).map(([reason]: [string, unknown]) => reason)).toEqual([
      `Invoice ${draft.folio} issued`,
      `Invoice ${draft.folio} cancelled`,
    ]);
    await s.leader.patch("/api/auth/me", { locale: "es-MX" });
    // Billed anew: the correction's issue marks it invoiced again.
    const redo = await s.leader.post(`/api/tickets/${ev.id}/invoice`);
    expect(redo.status).toBe(201);
    expect((await s.leader.post(`/api/invoices/${redo.body.id}/issue`)).status).toBe(200);
    expect((await ticket(ev.id)).billingStatus).toBe("invoiced");
  });

  it("marks a contract ticket billed for its extra charges invoiced; a no-charge one stays so", async () => {
    const client = await newClient(s, "Clínica Póliza", "admin@clinica.mx");
    await newContract(s, client);
    const extras = await attendedTicket(s, {
      clientId: client,
      entries: [{ minutes: 30, mode: "onsite" }],
      charges: [{ kind: "spare_part", description: "Disco SSD", quantity: 1, unitPriceCents: 99_900 }],
    });
    const plain = await attendedTicket(s, { clientId: client, entries: [{ minutes: 30, mode: "onsite" }] });
    for (const id of [extras.id, plain.id]) {
      await review(s, id);
      await close(s, id);
    }
    expect((await ticket(plain.id)).billingStatus).toBe("no_charge");
    // January's extras go into February's run (Tue 3 Feb 2026, its first business day).
    time.set("2026-02-03T16:00:00Z");
    const run = await s.leader.post("/api/billing/runs", { period: "2026-02" });
    const inv = run.body.items.find((i: { clientId: string }) => i.clientId === client);
    expect(inv.lines.map((l: { description: string }) => l.description)).toContain(
      `${extras.folio}: Disco SSD`,
    );
    expect((await s.leader.post(`/api/invoices/${inv.id}/issue`)).status).toBe(200);
    expect((await ticket(extras.id)).billingStatus).toBe("invoiced");
    expect((await ticket(plain.id)).billingStatus).toBe("no_charge");
  });

  it("cancels an event ticket's draft when the leader makes it no-charge, and only a draft", async () => {
    const client = await newClient(s, "Librería Cortesía", "pagos@libreria.mx");
    const ev = await attendedTicket(s, { clientId: client, entries: [{ minutes: 45, mode: "phone" }] });
    await review(s, ev.id);
    await close(s, ev.id);
    const draft = (await s.leader.get(`/api/invoices?clientId=${client}`)).body.items[0];
    const free = await s.leader.patch(`/api/tickets/${ev.id}`, {
      billingStatus: "no_charge",
      reason: "Cortesía",
    });
    expect(free.status, JSON.stringify(free.body)).toBe(200);
    expect((await s.leader.get(`/api/invoices/${draft.id}`)).body).toMatchObject({
      status: "cancelled",
      cancelReason: "El ticket pasó a sin cargo.",
    });
    // Mesa's own reason reads in the reader's language (a reason a person typed stays as typed).
    await s.leader.patch("/api/auth/me", { locale: "en" });
    expect((await s.leader.get(`/api/invoices/${draft.id}`)).body.cancelReason).toBe(
      "The ticket was made no-charge.",
    );
    await s.leader.patch("/api/auth/me", { locale: "es-MX" });
    // Charged after all: a fresh draft; issued, a later no-charge leaves the invoice alone.
    await s.leader.patch(`/api/tickets/${ev.id}`, { billingStatus: "to_invoice", reason: "Sí se cobra" });
    const fresh = (await s.leader.get(`/api/invoices?clientId=${client}&status=draft`)).body.items;
    expect(fresh).toHaveLength(1);
    expect((await s.leader.post(`/api/invoices/${fresh[0].id}/issue`)).status).toBe(200);
    await s.leader.patch(`/api/tickets/${ev.id}`, { billingStatus: "no_charge", reason: "Otra vez" });
    expect((await s.leader.get(`/api/invoices/${fresh[0].id}`)).body.status).toBe("issued");
    // A technician may not change billing: 403 and nothing changes.
    const before = (await s.leader.get(`/api/invoices/${fresh[0].id}`)).body;
    const tech = await s.technician.patch(`/api/tickets/${ev.id}`, { billingStatus: "to_invoice" });
    expect(tech.status).toBe(403);
    expect((await s.leader.get(`/api/invoices/${fresh[0].id}`)).body).toEqual(before);
  });

  it("refuses a billing status before review, and «invoiced» by hand while the ticket's draft waits", async () => {
    const client = await newClient(s, "Papelería Orden", "pagos@orden.mx");
    const open = await attendedTicket(s, { clientId: client, entries: [{ minutes: 30, mode: "phone" }] });
    const early = await s.leader.patch(`/api/tickets/${open.id}`, { billingStatus: "invoiced" });
    expect([early.status, early.body.error.code, early.body.error.message]).toEqual([
      422,
      "precondition_failed",
      "El estatus de cobro se decide al revisar o cerrar el ticket; este aún está en curso.",
    ]);
    expect((await ticket(open.id)).billingStatus).toBe("pending");
    await review(s, open.id);
    await close(s, open.id);
    const draft = (await s.leader.get(`/api/invoices?clientId=${client}`)).body.items[0];
    expect(draft.status).toBe("draft");
    const byHand = await s.leader.patch(`/api/tickets/${open.id}`, { billingStatus: "invoiced" });
    expect([byHand.status, byHand.body.error.message]).toEqual([
      422,
      `La prefactura ${draft.folio} de este ticket sigue en borrador: emítela y el ticket queda facturado, o márcalo sin cargo.`,
    ]);
    expect((await ticket(open.id)).billingStatus).toBe("to_invoice");
    // Issuing the draft is what makes it invoiced.
    expect((await s.leader.post(`/api/invoices/${draft.id}/issue`)).status).toBe(200);
    expect((await ticket(open.id)).billingStatus).toBe("invoiced");
  });
});
