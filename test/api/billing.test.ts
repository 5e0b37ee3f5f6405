import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { attendedTicket, close, newClient, newContract, raw, review } from "../support/billing.js";

/**
 * The worked examples of issue #14, each figure computed by hand here. Money in cents; IVA 16 %
 * on the subtotal, half-up to the cent.
 */
describe.each(DATABASES)("billing worked examples on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  // Monday 12 Jan 2026, 10:00 in Mexico City.
  const time = manualClock("2026-01-12T16:00:00Z");
  let polizaClient: string;
  let contractId: string;
  let febInvoiceId: string;
  let eventInvoiceId: string;

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    polizaClient = await newClient(s, "Constructora Póliza", "pagos@poliza.mx");
    contractId = await newContract(s, polizaClient);
  });
  afterAll(() => t?.close());

  it("bills 10 h included against 11 h 10 min reviewed (rounded per ticket) plus two extras", async () => {
    // 3 h 50 min → 4 h 00 (quarter-hour rounding); 7 h 20 min → 7 h 30. Raw 11 h 10, billable 11 h 30 = 690 min.
    const a = await attendedTicket(s, {
      clientId: polizaClient,
      entries: [{ minutes: 230, mode: "onsite" }],
      charges: [{ kind: "spare_part", description: "Fuente de poder", quantity: 2, unitPriceCents: 125_000 }],
    });
    const b = await attendedTicket(s, {
      clientId: polizaClient,
      entries: [
        { minutes: 240, mode: "remote" },
        { minutes: 200, mode: "onsite" },
      ],
      charges: [{ kind: "courier", description: "Mensajería", quantity: 1, unitPriceCents: 18_055 }],
    });
    expect(a.serviceKind).toBe("contract");
    expect((await review(s, a.id)).billableMinutes).toBe(240);
    expect((await review(s, b.id)).billableMinutes).toBe(450);
    // Close sets billing: a contract ticket with extras goes `to_invoice` (to the monthly run), no draft of its own.
    expect((await close(s, a.id)).billingStatus).toBe("to_invoice");
    expect((await s.leader.get("/api/invoices")).body.items).toEqual([]);

    // The run of February on its first business day (Tue 3 Feb 2026: Mon 2 is a rest day).
    time.set("2026-02-03T16:00:00Z");
    const run = await s.leader.post("/api/billing/runs", { period: "2026-02" });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body.created).toBe(1);
    const inv = run.body.items[0];
    febInvoiceId = inv.id;
    // Fee 3,500.00; overage 690 − 600 = 90 min at 450.00/h = 675.00; extras 2 × 1,250.00 and 180.55.
    expect(inv.lines).toEqual([
      {
        description: "Póliza SS — cuota mensual de febrero de 2026",
        quantity: 1,
        unitPriceCents: 350_000,
        amountCents: 350_000,
      },
      {
        description: "Horas excedentes de enero de 2026 (90 min)",
        quantity: 1.5,
        unitPriceCents: 45_000,
        amountCents: 67_500,
      },
      {
        description: `${a.folio}: Fuente de poder`,
        quantity: 2,
        unitPriceCents: 125_000,
        amountCents: 250_000,
      },
      { description: `${b.folio}: Mensajería`, quantity: 1, unitPriceCents: 18_055, amountCents: 18_055 },
    ]);
    // 350,000 + 67,500 + 250,000 + 18,055 = 685,555; IVA 109,688.8 → 109,689; total 795,244.
    expect(inv).toMatchObject({
      clientId: polizaClient,
      contractId,
      ticketId: null,
      period: "2026-02",
      subtotalCents: 685_555,
      taxCents: 109_689,
      totalCents: 795_244,
      paymentTerms: "cash",
      dueOn: "2026-02-03",
      status: "draft",
    });
    expect(inv.folio).toMatch(/^PF-2026-\d{6}$/);

    // Idempotent: a second run makes nothing and answers the same invoice.
    const again = await s.leader.post("/api/billing/runs", { period: "2026-02" });
    expect(again.body.created).toBe(0);
    expect(again.body.items.map((i: { id: string }) => i.id)).toEqual([inv.id]);
  });

  it("bills a ticket reviewed after its month's run in the next run, once", async () => {
    time.set("2026-01-28T18:00:00Z");
    const late = await attendedTicket(s, {
      clientId: polizaClient,
      entries: [{ minutes: 45, mode: "phone" }],
    });
    time.set("2026-02-05T16:00:00Z");
    expect((await review(s, late.id)).billableMinutes).toBe(45);
    // February is already billed: nothing new for it.
    expect((await s.leader.post("/api/billing/runs", { period: "2026-02" })).body.created).toBe(0);
    // March's run (Mon 2 Mar 2026): January had 690 billed; 45 more are all beyond the bank → 45 min × 450.00 = 337.50.
    time.set("2026-03-02T16:00:00Z");
    const march = await s.leader.post("/api/billing/runs", { period: "2026-03" });
    expect(march.body.created).toBe(1);
    expect(march.body.items[0].lines).toEqual([
      {
        description: "Póliza SS — cuota mensual de marzo de 2026",
        quantity: 1,
        unitPriceCents: 350_000,
        amountCents: 350_000,
      },
      {
        description: "Horas excedentes de enero de 2026 (45 min)",
        quantity: 0.75,
        unitPriceCents: 45_000,
        amountCents: 33_750,
      },
    ]);
    // 383,750 × 16 % = 61,400 exactly.
    expect(march.body.items[0]).toMatchObject({
      subtotalCents: 383_750,
      taxCents: 61_400,
      totalCents: 445_150,
    });
  });

  it("makes an event draft at close: 61 min remote → 2 h at the category rate", async () => {
    expect((await s.sales.post("/api/rates", { hourlyRateCents: 50_000 })).status).toBe(201);
    expect((await s.sales.post("/api/rates", { mode: "remote", hourlyRateCents: 55_000 })).status).toBe(201);
    expect((await s.sales.post("/api/rates", { category: "redes", hourlyRateCents: 60_000 })).status).toBe(
      201,
    );
    const eventClient = await newClient(s, "Papelería Evento", "compras@evento.mx");
    const ev = await attendedTicket(s, {
      clientId: eventClient,
      category: "redes",
      entries: [{ minutes: 61, mode: "remote" }],
    });
    expect(ev.serviceKind).toBe("event");
    expect((await review(s, ev.id)).billableMinutes).toBe(120);
    const rate = await s.sales.get(`/api/tickets/${ev.id}/rate`);
    // category "redes" beats mode "remote" (category before mode).
    expect(rate.body).toMatchObject({ hourlyRateCents: 60_000, source: "category", mode: "remote" });
    expect((await close(s, ev.id)).billingStatus).toBe("to_invoice");
    const list = await s.leader.get(`/api/invoices?clientId=${eventClient}`);
    expect(list.body.items).toHaveLength(1);
    const inv = list.body.items[0];
    eventInvoiceId = inv.id;
    // 2 h × 600.00 = 1,200.00; IVA 192.00; total 1,392.00; cash: due on issue.
    expect(inv).toMatchObject({
      ticketId: ev.id,
      ticketFolio: ev.folio,
      status: "draft",
      lines: [{ quantity: 2, unitPriceCents: 60_000, amountCents: 120_000 }],
      subtotalCents: 120_000,
      taxCents: 19_200,
      totalCents: 139_200,
      paymentTerms: "cash",
    });
  });

  it("dates cash invoices due on issue and credit ones after their days", async () => {
    const credit = await newClient(s, "Hotel Crédito", "cxp@hotel.mx");
    // Credit is granted through Ventas' request flow (another module); here it is simply on the record.
    await t.app.ctx.db
      .updateTable("clients")
      .set({ payment_terms: "credit", credit_days: 30 })
      .where("id", "=", credit)
      .execute();
    const ev = await attendedTicket(s, { clientId: credit, entries: [{ minutes: 30, mode: "onsite" }] });
    await review(s, ev.id);
    await close(s, ev.id);
    const draft = (await s.leader.get(`/api/invoices?clientId=${credit}`)).body.items[0];
    // No category: mode rate? none for onsite → the default 500.00 × 1 h.
    expect(draft).toMatchObject({
      subtotalCents: 50_000,
      taxCents: 8000,
      totalCents: 58_000,
      paymentTerms: "credit",
    });
    time.set("2026-03-10T17:00:00Z");
    const issued = await s.leader.post(`/api/invoices/${draft.id}/issue`);
    expect(issued.status).toBe(200);
    expect(issued.body).toMatchObject({ status: "issued", dueOn: "2026-04-09" }); // 10 Mar + 30 days
    const cash = await s.leader.post(`/api/invoices/${eventInvoiceId}/issue`);
    expect(cash.body).toMatchObject({ status: "issued", dueOn: "2026-03-10" });
    // Issuing mails the invoice to the client's billing contact through the outbox.
    const mails = await t.app.ctx.db.selectFrom("outbox").select(["to_addr", "subject"]).execute();
    expect(mails).toContainEqual({ to_addr: "cxp@hotel.mx", subject: expect.stringContaining(draft.folio) });
    const pdf = await raw(s.leader, "GET", `/api/invoices/${draft.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.body.startsWith("%PDF-1.4")).toBe(true);
    expect(pdf.body).toContain(draft.folio);
  });

  it("freezes issued invoices: edits are refused and change nothing", async () => {
    const before = (await s.leader.get(`/api/invoices/${eventInvoiceId}`)).body;
    const edit = await s.leader.patch(`/api/invoices/${eventInvoiceId}`, {
      lines: [{ description: "Otra cosa", quantity: 1, unitPriceCents: 1 }],
    });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe("invalid_transition");
    expect(edit.body.error.message).toMatch(/ya fue emitida/);
    expect((await s.leader.get(`/api/invoices/${eventInvoiceId}`)).body).toEqual(before);
    // A draft can be edited: totals follow, half-up per line.
    const draft = await s.leader.patch(`/api/invoices/${febInvoiceId}`, {
      lines: [{ description: "Cuota", quantity: 1.5, unitPriceCents: 333 }],
    });
    expect(draft.status).toBe(200);
    // 1.5 × 3.33 = 4.995 → 5.00; IVA 0.80; total 5.80.
    expect(draft.body).toMatchObject({ subtotalCents: 500, taxCents: 80, totalCents: 580 });
  });

  it("exports issued invoices as CSV for Microsip and imports ERP folios and payments all-or-nothing", async () => {
    const exp = await raw(s.leader, "POST", "/api/billing/exports", { format: "csv" });
    expect(exp.statusCode).toBe(200);
    expect(exp.headers["content-type"]).toMatch(/^text\/csv/);
    expect(exp.body.charCodeAt(0)).toBe(0xfeff);
    const rows = exp.body.slice(1).trim().split("\r\n");
    expect(rows[0]).toBe(
      "FolioMesa,FechaEmision,RFC,Cliente,Concepto,Cantidad,PrecioUnitario,Importe,TasaIVA,Subtotal,IVA,Total,CondicionesPago,FechaVencimiento",
    );
    expect(rows).toHaveLength(3); // two issued invoices of one line each
    const issued = (await s.leader.get("/api/invoices?status=exported")).body.items as {
      folio: string;
      totalCents: number;
      id: string;
    }[];
    expect(issued).toHaveLength(2);
    const [x, y] = issued;
    expect(rows.some((r: string) => r.startsWith(`${x!.folio},2026-03-10,`))).toBe(true);
    // Nothing left to export, in either format.
    expect((await raw(s.leader, "POST", "/api/billing/exports", {})).statusCode).toBe(422);
    expect((await raw(s.leader, "POST", "/api/billing/exports", { format: "xlsx" })).statusCode).toBe(422);

    const badCsv = `FolioMesa,FolioERP,Total,FechaPago\r\n${x!.folio},A-100,${(x!.totalCents / 100).toFixed(2)},2026-03-20\r\nPF-2026-999999,A-101,10.00,\r\n${y!.folio},A-102,1.00,\r\n`;
    const bad = await s.leader.post("/api/billing/erp-import", { csv: badCsv });
    expect(bad.status).toBe(422);
    // Each row's verdict is a code with its arguments, worded in the caller's language.
    const mesaTotal = (y!.totalCents / 100).toFixed(2);
    expect(bad.body.error.details.rows).toEqual([
      { row: 2, folio: x!.folio, ok: true, code: null, params: {}, message: null },
      {
        row: 3,
        folio: "PF-2026-999999",
        ok: false,
        code: "unknown_folio",
        params: {},
        message: "Mesa no tiene una factura con ese folio.",
      },
      {
        row: 4,
        folio: y!.folio,
        ok: false,
        code: "total_mismatch",
        params: { total: mesaTotal },
        message: `El total no coincide: Mesa tiene ${mesaTotal}.`,
      },
    ]);
    await s.leader.patch("/api/auth/me", { locale: "en" });
    const inEnglish = await s.leader.post("/api/billing/erp-import", { csv: badCsv });
    expect(inEnglish.body.error.details.rows[2].message).toBe(
      `The total does not match: Mesa has ${mesaTotal}.`,
    );
    await s.leader.patch("/api/auth/me", { locale: "es-MX" });
    // Nothing was applied.
    expect((await s.leader.get(`/api/invoices/${x!.id}`)).body).toMatchObject({
      status: "exported",
      erpFolio: null,
    });

    // A file past the server's usual 1 MB body is read (the schema allows 5,000,000 characters).
    const long = await s.leader.post("/api/billing/erp-import", { csv: badCsv + "\r\n".repeat(700_000) });
    expect(long.status).toBe(422);
    expect(long.body.error.code).not.toBe("payload_too_large");

    const good = await s.leader.post("/api/billing/erp-import", {
      csv: `\uFEFFFolioMesa;FolioERP;Total;FechaPago\n${x!.folio};A-100;${(x!.totalCents / 100).toFixed(2)};2026-03-20\n${y!.folio};A-102;${(y!.totalCents / 100).toFixed(2)};\n`,
    });
    expect(good.status, JSON.stringify(good.body)).toBe(200);
    expect(good.body.applied).toBe(2);
    expect((await s.leader.get(`/api/invoices/${x!.id}`)).body).toMatchObject({
      status: "paid",
      erpFolio: "A-100",
    });
    expect((await s.leader.get(`/api/invoices/${y!.id}`)).body).toMatchObject({
      status: "exported",
      erpFolio: "A-102",
    });
    const audit = await t.app.ctx.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", x!.id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["create", "issue", "export", "erp_import"]);
  });

  it("cancels an invoice and bills its items again in a correction", async () => {
    const cancelled = await s.leader.post(`/api/invoices/${febInvoiceId}/cancel`, {
      reason: "Partidas erróneas",
    });
    expect(cancelled.body).toMatchObject({ status: "cancelled", cancelReason: "Partidas erróneas" });
    const redo = await s.leader.post("/api/billing/runs", { period: "2026-02" });
    expect(redo.body.created).toBe(1);
    const fresh = redo.body.items.find((i: { status: string }) => i.status === "draft");
    expect(fresh.subtotalCents).toBe(685_555);
  });

  it("refuses bad input with a clear 4xx and changes nothing", async () => {
    const count = async () => (await s.leader.get("/api/invoices")).body.items.length;
    const n = await count();
    const period = async (p: unknown) => (await s.leader.post("/api/billing/runs", { period: p })).status;
    expect(await period("2026-13")).toBe(400);
    expect(await period("2026-3")).toBe(400);
    expect(await period("2027-01")).toBe(400); // the future (today is March 2026)
    expect(await period(202603)).toBe(400);
    const future = await s.leader.post("/api/billing/runs", { period: "2026-04" });
    expect(future.body.error.message).toMatch(/aún no empieza/);
    const rate = async (body: object) => (await s.sales.post("/api/rates", body)).status;
    expect(await rate({ hourlyRateCents: -1 })).toBe(400);
    expect(await rate({ hourlyRateCents: 100.5 })).toBe(400);
    expect(await rate({ category: "astrologia", hourlyRateCents: 100 })).toBe(400);
    expect(await rate({ hourlyRateCents: 100 })).toBe(409); // the default exists already
    expect(
      await s.leader.patch(`/api/invoices/${eventInvoiceId}`, {
        lines: [{ description: "x", quantity: 1, unitPriceCents: -5 }],
      }),
    ).toMatchObject({ status: 400 });
    expect(await count()).toBe(n);
    expect((await s.sales.get("/api/rates")).body.items).toHaveLength(3);
  });

  it("lets leaders and admins bill, Ventas set rates, and technicians see neither", async () => {
    expect((await s.technician.get("/api/invoices")).status).toBe(403);
    expect((await s.technician.get("/api/rates")).status).toBe(403);
    expect((await s.sales.get("/api/invoices")).status).toBe(403);
    expect((await s.sales.post("/api/billing/runs", { period: "2026-03" })).status).toBe(403);
    expect((await s.leader.post("/api/rates", { mode: "phone", hourlyRateCents: 1 })).status).toBe(403);
    expect((await s.reception.get(`/api/contracts/${contractId}/hour-bank`)).status).toBe(403);
    expect((await s.admin.get("/api/invoices")).status).toBe(200);
    const ratesNow = (await s.sales.get("/api/rates")).body.items;
    const redes = ratesNow.find((r: { category: string | null }) => r.category === "redes");
    const edited = await s.sales.patch(`/api/rates/${redes.id}`, {
      hourlyRateCents: 65_000,
      version: redes.version,
    });
    expect(edited.body).toMatchObject({ hourlyRateCents: 65_000, version: redes.version + 1 });
    expect(
      (await s.sales.patch(`/api/rates/${redes.id}`, { hourlyRateCents: 1, version: redes.version })).status,
    ).toBe(409);
    expect((await s.sales.req("DELETE", `/api/rates/${redes.id}`)).status).toBe(204);
  });

  it("shows the contract's hour bank for a month, by ticket, with its burn-down", async () => {
    const bank = await s.leader.get(`/api/contracts/${contractId}/hour-bank?month=2026-01`);
    expect(bank.status).toBe(200);
    // 240 + 450 + 45 = 735 used of 600.
    expect(bank.body).toMatchObject({
      month: "2026-01",
      includedMinutes: 600,
      usedMinutes: 735,
      leftMinutes: 0,
      overageMinutes: 135,
    });
    expect(bank.body.tickets).toHaveLength(3);
    expect(bank.body.burnDown).toHaveLength(31);
    expect(bank.body.burnDown.at(-1)).toEqual({ date: "2026-01-31", leftMinutes: -135 });
  });

  it("lets the leader change the billing status after close, and a later `to_invoice` makes the draft", async () => {
    const client = await newClient(s, "Taller Cortesía", "taller@cortesia.mx");
    const ev = await attendedTicket(s, { clientId: client, entries: [{ minutes: 50, mode: "office" }] });
    await review(s, ev.id);
    expect((await close(s, ev.id, { billingStatus: "no_charge" })).billingStatus).toBe("no_charge");
    expect((await s.leader.get(`/api/invoices?clientId=${client}`)).body.items).toEqual([]);
    const changed = await s.leader.patch(`/api/tickets/${ev.id}`, {
      billingStatus: "to_invoice",
      reason: "Sí se cobra",
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const items = (await s.leader.get(`/api/invoices?clientId=${client}`)).body.items;
    // 1 h at the default 500.00 (the office mode has no rate of its own)
    expect(items).toMatchObject([{ ticketId: ev.id, status: "draft", subtotalCents: 50_000 }]);
    expect((await s.leader.post(`/api/tickets/${ev.id}/invoice`)).status).toBe(409);
  });
});
