import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientUser, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { attendedTicket, close, newClient, newContract, review } from "../support/billing.js";

/**
 * One ticket's rate override (issue #14 item 1): Ventas or a leader, with a reason kept in the
 * ticket's rate history and its history; the ticket's draft invoice is re-priced, an issued one never
 * changes. Figures by hand; IVA 16 % on the subtotal, half-up.
 */
describe.each(DATABASES)("a ticket's rate override on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  let clientId: string;
  // Monday 12 Jan 2026, 10:00 in Mexico City.
  const time = manualClock("2026-01-12T16:00:00Z");

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    for (const rate of [
      { hourlyRateCents: 50_000 },
      { mode: "remote", hourlyRateCents: 55_000 },
      { category: "redes", hourlyRateCents: 60_000 },
      { category: "redes", mode: "onsite", hourlyRateCents: 70_000 },
    ]) {
      expect((await s.sales.post("/api/rates", rate)).status).toBe(201);
    }
    clientId = await newClient(s, "Papelería Tarifa", "pagos@tarifa.mx");
  });
  afterAll(() => t?.close());

  const rateOf = async (id: string) => {
    const r = await s.sales.get(`/api/tickets/${id}/rate`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const override = (who: keyof Staff, id: string, body: object) =>
    s[who].put(`/api/tickets/${id}/rate`, body);
  /** The invoice as its other answers have it (the detail also says where issuing mails it: mailTo). */
  const invoice = async (id: string) => {
    const { mailTo: _, ...shown } = (await s.leader.get(`/api/invoices/${id}`)).body;
    return shown;
  };
  const overrideHistory = async (id: string) =>
    (await s.leader.get(`/api/tickets/${id}`)).body.history.filter(
      (h: { action: string }) => h.action === "rate_override",
    );
  const closedDraft = async (plan: Parameters<typeof attendedTicket>[1]) => {
    const ev = await attendedTicket(s, plan);
    await review(s, ev.id);
    await close(s, ev.id);
    const items = (await s.leader.get(`/api/invoices?clientId=${plan.clientId}&status=draft`)).body.items;
    return { ev, draft: items.find((i: { ticketId: string }) => i.ticketId === ev.id) };
  };

  it("shows the rate that applies and where it came from", async () => {
    const both = await attendedTicket(s, {
      clientId,
      category: "redes",
      entries: [{ minutes: 61, mode: "onsite" }],
    });
    const category = await attendedTicket(s, {
      clientId,
      category: "redes",
      entries: [{ minutes: 5, mode: "phone" }],
    });
    const mode = await attendedTicket(s, { clientId, entries: [{ minutes: 30, mode: "remote" }] });
    const fallback = await attendedTicket(s, { clientId, entries: [{ minutes: 30, mode: "office" }] });
    expect(await rateOf(both.id)).toMatchObject({
      serviceKind: "event",
      category: "redes",
      mode: "onsite",
      hourlyRateCents: 70_000,
      source: "category_mode",
      history: [],
      invoice: null,
    });
    expect(await rateOf(category.id)).toMatchObject({ hourlyRateCents: 60_000, source: "category" });
    expect(await rateOf(mode.id)).toMatchObject({ hourlyRateCents: 55_000, source: "mode" });
    expect(await rateOf(fallback.id)).toMatchObject({ hourlyRateCents: 50_000, source: "default" });
    // A leader reads it too.
    expect((await s.leader.get(`/api/tickets/${both.id}/rate`)).body.source).toBe("category_mode");
  });

  it("lets Ventas and a leader override with a reason; the latest is billed at close", async () => {
    const ev = await attendedTicket(s, {
      clientId,
      category: "redes",
      entries: [{ minutes: 61, mode: "remote" }],
    });
    const byVentas = await override("sales", ev.id, { hourlyRateCents: 45_000, reason: "Cliente frecuente" });
    expect(byVentas.status, JSON.stringify(byVentas.body)).toBe(200);
    expect(byVentas.body).toMatchObject({
      hourlyRateCents: 45_000,
      source: "override",
      history: [{ hourlyRateCents: 45_000, reason: "Cliente frecuente", actorName: "Víctor Ventas" }],
    });
    // Two overrides in the same instant (the test's clock stands still): the later one is in force.
    const byLeader = await override("leader", ev.id, {
      hourlyRateCents: 40_000,
      reason: "  Acuerdo con dirección ",
    });
    expect(byLeader.status, JSON.stringify(byLeader.body)).toBe(200);
    expect(byLeader.body).toMatchObject({ hourlyRateCents: 40_000, source: "override" });
    expect(
      byLeader.body.history.map((h: { reason: string; actorId: string }) => [h.reason, h.actorId]),
    ).toEqual([
      ["Acuerdo con dirección", s.leader.user!.id],
      ["Cliente frecuente", s.sales.user!.id],
    ]);
    // The ticket's history says who and why; the amounts stay with billing's roles.
    expect(await overrideHistory(ev.id)).toEqual([
      expect.objectContaining({ actorName: "Víctor Ventas", reason: "Cliente frecuente", changes: null }),
      expect.objectContaining({ actorName: "Lorena Líder", reason: "Acuerdo con dirección", changes: null }),
    ]);
    await review(s, ev.id);
    await close(s, ev.id);
    const draft = (await s.leader.get(`/api/invoices?clientId=${clientId}&status=draft`)).body.items.find(
      (i: { ticketId: string }) => i.ticketId === ev.id,
    );
    // 61 min → 2 h × 400.00 = 800.00; IVA 128.00; total 928.00.
    expect(draft).toMatchObject({
      lines: [{ quantity: 2, unitPriceCents: 40_000, amountCents: 80_000 }],
      subtotalCents: 80_000,
      taxCents: 12_800,
      totalCents: 92_800,
    });
  });

  it("re-prices the ticket's draft invoice; once issued, the invoice never changes", async () => {
    const { ev, draft } = await closedDraft({
      clientId,
      category: "redes",
      entries: [{ minutes: 30, mode: "onsite" }],
      charges: [{ kind: "courier", description: "Mensajería", quantity: 1, unitPriceCents: 15_050 }],
    });
    // 30 min → 1 h × 700.00 + 150.50 = 850.50.
    expect(draft).toMatchObject({ subtotalCents: 85_050, status: "draft" });
    const res = await override("sales", ev.id, { hourlyRateCents: 45_050, reason: "Descuento pactado" });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    // 1 h × 450.50 + 150.50 = 601.00; IVA 96.16; total 697.16.
    expect(res.body.invoice).toEqual({
      id: draft.id,
      folio: draft.folio,
      status: "draft",
      totalCents: 69_716,
    });
    const repriced = await invoice(draft.id);
    expect(repriced).toMatchObject({
      lines: [
        { description: draft.lines[0].description, quantity: 1, unitPriceCents: 45_050, amountCents: 45_050 },
        { description: "Mensajería", quantity: 1, unitPriceCents: 15_050, amountCents: 15_050 },
      ],
      subtotalCents: 60_100,
      taxCents: 9616,
      totalCents: 69_716,
      version: draft.version + 1,
    });
    expect(await overrideHistory(ev.id)).toEqual([
      expect.objectContaining({ reason: "Descuento pactado", changes: { invoiceFolio: draft.folio } }),
    ]);
    const audit = await t.app.ctx.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", draft.id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["create", "reprice"]);

    // Issued: a later override is recorded, but the invoice stays as issued.
    const issued = await s.leader.post(`/api/invoices/${draft.id}/issue`);
    expect(issued.status).toBe(200);
    const later = await override("leader", ev.id, { hourlyRateCents: 30_000, reason: "Error de captura" });
    expect(later.status, JSON.stringify(later.body)).toBe(200);
    expect(later.body).toMatchObject({
      hourlyRateCents: 30_000,
      invoice: { id: draft.id, status: "issued" },
    });
    expect(await invoice(draft.id)).toEqual(issued.body);
    // The correction is a cancellation and a new invoice, billed at the override.
    expect((await s.leader.post(`/api/invoices/${draft.id}/cancel`, { reason: "Tarifa" })).status).toBe(200);
    const redo = await s.leader.post(`/api/tickets/${ev.id}/invoice`);
    expect(redo.status, JSON.stringify(redo.body)).toBe(201);
    expect(redo.body).toMatchObject({ subtotalCents: 45_050, totalCents: 52_258 }); // 300.00 + 150.50; IVA 72.08
  });

  it("refuses to re-price a draft whose time line was rewritten by hand, and saves nothing", async () => {
    const { ev, draft } = await closedDraft({ clientId, entries: [{ minutes: 20, mode: "phone" }] });
    const edited = await s.leader.patch(`/api/invoices/${draft.id}`, {
      lines: [{ description: "Soporte telefónico", quantity: 1, unitPriceCents: 35_000 }],
    });
    expect(edited.status).toBe(200);
    const before = await rateOf(ev.id);
    const res = await override("sales", ev.id, { hourlyRateCents: 10_000, reason: "Cortesía parcial" });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe("conflict");
    expect(res.body.error.message).toContain(draft.folio);
    expect(res.body.error.details).toEqual({ invoiceId: draft.id });
    expect(await rateOf(ev.id)).toEqual(before);
    expect(await invoice(draft.id)).toEqual(edited.body);
    expect(await overrideHistory(ev.id)).toEqual([]);
  });

  it("refuses a contract ticket, bad amounts and a missing reason, changing nothing", async () => {
    const poliza = await newClient(s, "Clínica Póliza Tarifa", "admin@clinicatarifa.mx");
    await newContract(s, poliza);
    const contract = await attendedTicket(s, {
      clientId: poliza,
      entries: [{ minutes: 30, mode: "onsite" }],
    });
    expect(contract.serviceKind).toBe("contract");
    expect(await rateOf(contract.id)).toMatchObject({ serviceKind: "contract", source: "default" });
    const refused = await override("sales", contract.id, { hourlyRateCents: 1000, reason: "Prueba" });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toMatchObject({
      code: "precondition_failed",
      message: "Solo los tickets por evento se cobran por hora.",
    });
    expect((await rateOf(contract.id)).history).toEqual([]);

    const ev = await attendedTicket(s, { clientId, entries: [{ minutes: 30, mode: "remote" }] });
    const before = await rateOf(ev.id);
    for (const body of [
      { hourlyRateCents: -1, reason: "Negativa" },
      { hourlyRateCents: 100.5, reason: "Fraccionaria" },
      { hourlyRateCents: "450", reason: "Texto" },
      { hourlyRateCents: 45_000 },
      { hourlyRateCents: 45_000, reason: "   " },
      { hourlyRateCents: 45_000, reason: "x".repeat(1001) },
      { hourlyRateCents: 45_000, reason: "Ok", extra: true },
    ]) {
      const r = await override("sales", ev.id, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe("validation_failed");
    }
    expect(await rateOf(ev.id)).toEqual(before);
    expect(await overrideHistory(ev.id)).toEqual([]);
    const missing = await override("sales", "00000000-0000-4000-8000-000000000000", {
      hourlyRateCents: 1,
      reason: "x",
    });
    expect(missing.status).toBe(404);
  });

  it("keeps technicians, reception and client contacts out", async () => {
    const ev = await attendedTicket(s, { clientId, entries: [{ minutes: 30, mode: "remote" }] });
    const contact = await clientUser(s, clientId, "portal@tarifa.mx");
    const body = { hourlyRateCents: 1, reason: "No debería" };
    for (const who of [s.technician, s.senior, s.reception, contact]) {
      expect((await who.get(`/api/tickets/${ev.id}/rate`)).status).toBe(403);
      expect((await who.put(`/api/tickets/${ev.id}/rate`, body)).status).toBe(403);
    }
    expect((await s.admin.get(`/api/tickets/${ev.id}/rate`)).status).toBe(200);
    expect((await rateOf(ev.id)).history).toEqual([]);
  });
});
