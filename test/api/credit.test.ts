import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unpaidInvoiceTotalCents } from "../../src/server/modules/credit/repository.js";
import { snapshotDb } from "../db-snapshot.js";
import { clientUser, createClientWithContact, type Staff, seedStaff, validRfc } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { invoiceIn } from "../support/billing.js";

const NOW = "2026-11-24T16:00:00.000Z";

describe.each(DATABASES)("credit requests and RFC check digit on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  const time = manualClock(NOW);
  let n = 0;

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
  });
  afterAll(async () => t?.close());

  const newClient = async (body: object = {}) => {
    const r = await s.reception.post("/api/clients", { name: `Cliente crédito ${++n}`, ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string; rfc: string | null; rfcCheckFailed: boolean };
  };
  const ask = (clientId: string, extra: object = {}) =>
    s.reception.post("/api/credit-requests", {
      clientId,
      creditDays: 30,
      creditLimitCents: 1_000_000,
      reason: "Cliente desde 2019, paga a tiempo",
      ...extra,
    });

  it("a new client pays cash; Ventas approves a request and the client gets its days and limit, with who, when, why", async () => {
    const c = await newClient();
    expect((await s.reception.get(`/api/clients/${c.id}/credit`)).body).toMatchObject({
      paymentTerms: "cash",
      standing: "credit.cash",
      overLimit: false,
      pendingRequest: null,
    });
    const req = await ask(c.id);
    expect(req.status).toBe(201);
    expect(req.body).toMatchObject({
      status: "pending",
      requestedBy: s.reception.user!.id,
      requestedAt: NOW,
    });
    expect((await s.leader.get(`/api/clients/${c.id}/credit`)).body.pendingRequest.id).toBe(req.body.id);
    // A second request while one waits is refused.
    expect((await ask(c.id)).status).toBe(409);
    const queue = await s.sales.get("/api/credit-requests?status=pending");
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(req.body.id);

    time.set("2026-11-24T17:00:00.000Z");
    const ok = await s.sales.post(`/api/credit-requests/${req.body.id}/approve`, {
      reason: "Historial limpio",
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      status: "approved",
      decidedBy: s.sales.user!.id,
      decidedByName: "Víctor Ventas",
      decidedAt: "2026-11-24T17:00:00.000Z",
      decisionReason: "Historial limpio",
    });
    expect((await s.leader.get(`/api/clients/${c.id}/credit`)).body).toMatchObject({
      paymentTerms: "credit",
      creditDays: 30,
      creditLimitCents: 1_000_000,
      creditApprovedBy: s.sales.user!.id,
      standing: "credit.within_limit",
      pendingRequest: null,
    });
    const audit = await s.admin.get(`/api/audit?entity=client&entityId=${c.id}`);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain("credit_approved");
    // Deciding twice is refused.
    const again = await s.sales.post(`/api/credit-requests/${req.body.id}/reject`, { reason: "Tarde" });
    expect(again.status).toBe(409);
    time.set(NOW);
  });

  it("a rejection keeps the client on cash and records why", async () => {
    const c = await newClient();
    const req = await ask(c.id);
    const no = await s.sales.post(`/api/credit-requests/${req.body.id}/reject`, {
      reason: "Adeudos previos",
    });
    expect(no.body).toMatchObject({ status: "rejected", decisionReason: "Adeudos previos" });
    expect((await s.reception.get(`/api/clients/${c.id}`)).body.paymentTerms).toBe("cash");
  });

  it("refuses bad input and non-Ventas deciders, changing nothing", async () => {
    const c = await newClient();
    const req = await ask(c.id);
    const portal = await clientUser(
      s,
      (await createClientWithContact(s, "Ajena", "AJE010101AB3", "x@ajena.mx")).client.id,
      "p@ajena.mx",
    );
    const before = await snapshotDb(t.app);
    const cases: [Promise<{ status: number; body: any }>, number, string][] = [
      [s.leader.post(`/api/credit-requests/${req.body.id}/approve`, { reason: "Sí" }), 403, "forbidden"],
      [s.admin.post(`/api/credit-requests/${req.body.id}/approve`, { reason: "Sí" }), 403, "forbidden"],
      [s.reception.post(`/api/credit-requests/${req.body.id}/approve`, { reason: "Sí" }), 403, "forbidden"],
      [s.sales.post(`/api/credit-requests/${req.body.id}/approve`, {}), 400, "validation_failed"],
      [s.sales.post("/api/credit-requests/no-existe/approve", { reason: "Sí" }), 404, "not_found"],
      [ask(c.id, { creditLimitCents: -1 }), 400, "validation_failed"],
      [ask(c.id, { creditDays: -5 }), 400, "validation_failed"],
      [ask(c.id, { creditDays: 0 }), 400, "validation_failed"],
      [ask(c.id, { creditLimitCents: 10.5 }), 400, "validation_failed"],
      [ask("no-existe"), 404, "not_found"],
      [
        s.technician.post("/api/credit-requests", {
          clientId: c.id,
          creditDays: 1,
          creditLimitCents: 1,
          reason: "x",
        }),
        403,
        "forbidden",
      ],
      [
        portal.post("/api/credit-requests", {
          clientId: c.id,
          creditDays: 1,
          creditLimitCents: 1,
          reason: "x",
        }),
        404,
        "not_found",
      ],
      [portal.get(`/api/credit-requests/${req.body.id}`), 404, "not_found"],
      [portal.post(`/api/credit-requests/${req.body.id}/approve`, { reason: "Sí" }), 404, "not_found"],
      [portal.get(`/api/clients/${c.id}/credit`), 404, "not_found"],
      [s.technician.get(`/api/clients/${c.id}/credit`), 403, "forbidden"],
      [s.technician.get("/api/credit-requests"), 403, "forbidden"],
    ];
    for (const [call, status, code] of cases) {
      const r = await call;
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      expect(r.body.error.code).toBe(code);
    }
    expect(await snapshotDb(t.app)).toEqual(before);
  });

  it("a generic RFC is accepted for many cash clients, never for credit", async () => {
    const a = await newClient({ rfc: "XAXX010101000" });
    const b = await newClient({ rfc: "xaxx-010101-000" });
    const f = await newClient({ rfc: "XEXX010101000" });
    expect([a.rfc, b.rfc, f.rfc]).toEqual(["XAXX010101000", "XAXX010101000", "XEXX010101000"]);
    expect(a.rfcCheckFailed).toBe(false);
    const r = await ask(a.id);
    expect(r.status).toBe(422);
    expect(r.body.error.details.code).toBe("credit.generic_rfc");
  });

  it("an RFC failing the check digit is a warning staff confirm; the client is then listed for review", async () => {
    const bad = await s.reception.post("/api/clients", { name: "Dígito malo", rfc: "VECJ880326JR9" });
    expect(bad.status).toBe(422);
    expect(bad.body.error).toMatchObject({
      code: "rfc_check_digit_mismatch",
      details: { field: "rfc", expected: "3", actual: "9", confirmWith: "rfcCheckDigitConfirmed" },
    });
    const good = await newClient({ rfc: "GODE561231GR8" });
    expect(good.rfcCheckFailed).toBe(false);
    const kept = await newClient({ rfc: "VECJ880326JR9", rfcCheckDigitConfirmed: true });
    expect(kept).toMatchObject({ rfc: "VECJ880326JR9", rfcCheckFailed: true });
    // Editing another field keeps the confirmation; a new failing RFC asks again.
    expect((await s.reception.patch(`/api/clients/${kept.id}`, { notes: "RFC antiguo" })).status).toBe(200);
    const edit = await s.reception.patch(`/api/clients/${good.id}`, { rfc: "GODE561231GR1" });
    expect(edit.status).toBe(422);
    expect((await s.reception.get(`/api/clients/${good.id}`)).body.rfc).toBe("GODE561231GR8");
    const review = await s.leader.get("/api/clients/rfc-review");
    expect(review.body.items).toEqual([
      expect.objectContaining({
        clientId: kept.id,
        rfc: "VECJ880326JR9",
        expectedCheckDigit: "3",
        confirmedBy: s.reception.user!.id,
        confirmedByName: "Rocío Recepción",
      }),
    ]);
    // Fixed RFC: off the list.
    expect((await s.reception.patch(`/api/clients/${kept.id}`, { rfc: "VECJ880326JR3" })).status).toBe(200);
    expect((await s.leader.get("/api/clients/rfc-review")).body.items).toEqual([]);
  });

  it("a credit client owing more than its limit in issued or exported invoices is flagged over limit", async () => {
    // An RFC: the ERP stamps no invoice without one, so none is issued.
    const c = await newClient({ rfc: validRfc("CRE260101AB") });
    const req = await ask(c.id, { creditLimitCents: 100_000 });
    await s.sales.post(`/api/credit-requests/${req.body.id}/approve`, { reason: "Ok" });
    expect(await unpaidInvoiceTotalCents(t.app.ctx.db, c.id)).toBe(0);
    // Real invoices through the billing API. Subtotal 51,724 + IVA 8,275.84 → 8,276 = 60,000;
    // 34,483 + 5,517.28 → 5,517 = 40,000; 77,586 + 12,413.76 → 12,414 = 90,000.
    const made = [
      await invoiceIn(s, c.id, 51_724, "issued"),
      await invoiceIn(s, c.id, 34_483, "exported"),
      await invoiceIn(s, c.id, 77_586, "paid"),
      await invoiceIn(s, c.id, 77_586, "draft"),
      await invoiceIn(s, c.id, 77_586, "cancelled"),
    ];
    expect(made.map((i) => [i.status, i.totalCents])).toEqual([
      ["issued", 60_000],
      ["exported", 40_000],
      ["paid", 90_000],
      ["draft", 90_000],
      ["cancelled", 90_000],
    ]);
    // Only issued and exported count: 60,000 + 40,000, exactly the limit.
    expect(await unpaidInvoiceTotalCents(t.app.ctx.db, c.id)).toBe(100_000);
    expect((await s.reception.get(`/api/clients/${c.id}/credit`)).body).toMatchObject({
      unpaidCents: 100_000,
      overLimit: false,
      standing: "credit.within_limit",
    });
    // One more cent issued (subtotal 1, IVA 0.16 → 0) tips it over.
    await invoiceIn(s, c.id, 1, "issued");
    expect(await unpaidInvoiceTotalCents(t.app.ctx.db, c.id)).toBe(100_001);
    expect((await s.reception.get(`/api/clients/${c.id}/credit`)).body).toMatchObject({
      unpaidCents: 100_001,
      overLimit: true,
      overByCents: 1,
      standing: "credit.over_limit",
    });
    // Paying the exported one brings it back within the limit.
    await s.leader.post(`/api/invoices/${made[1].id}/paid`);
    expect((await s.reception.get(`/api/clients/${c.id}/credit`)).body).toMatchObject({
      unpaidCents: 60_001,
      overLimit: false,
    });
  });
});
