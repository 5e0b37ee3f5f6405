import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { invoiceIn, newClient } from "../support/billing.js";

/**
 * The IVA rate (issue #14 item 7: "IVA 16 %, a setting"): admins set it in basis points, saved over the
 * version they read; it applies to invoices made after the change, and each invoice keeps its own.
 */
describe.each(DATABASES)("billing settings on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  const time = manualClock("2026-01-12T16:00:00Z");

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
  });
  afterAll(() => t?.close());

  const settings = async () => (await s.admin.get("/api/billing/settings")).body;

  it("starts at 16 % and lets only admins change it", async () => {
    const first = await s.leader.get("/api/billing/settings");
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ taxBasisPoints: 1600, version: expect.any(Number) });
    for (const who of [s.technician, s.sales, s.reception]) {
      expect((await who.get("/api/billing/settings")).status).toBe(403);
    }
    for (const who of [s.leader, s.sales, s.technician]) {
      expect((await who.put("/api/billing/settings", { taxBasisPoints: 800 })).status).toBe(403);
    }
    expect(await settings()).toEqual(first.body);
  });

  it("refuses bad rates and stale versions with a clear 4xx, changing nothing", async () => {
    const before = await settings();
    for (const body of [
      { taxBasisPoints: -1 },
      { taxBasisPoints: 10_001 },
      { taxBasisPoints: 1600.5 },
      { taxBasisPoints: "1600" },
      { taxBasisPoints: null },
      {},
      { taxBasisPoints: 1600, currency: "MXN" },
    ]) {
      const r = await s.admin.put("/api/billing/settings", { ...body, version: before.version });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.code).toBe("validation_failed");
    }
    expect(await settings()).toEqual(before);
    const saved = await s.admin.put("/api/billing/settings", {
      taxBasisPoints: 1600,
      version: before.version,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ taxBasisPoints: 1600, version: before.version + 1 });
    // Saved over the version read before: someone saved since.
    const stale = await s.admin.put("/api/billing/settings", {
      taxBasisPoints: 800,
      version: before.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("conflict");
    // The setting as it is now, to compare and re-apply.
    expect(stale.body.error.details.current).toEqual(saved.body);
    expect(await settings()).toEqual(saved.body);
    // The bounds themselves are accepted: 0 % and 100 %.
    for (const taxBasisPoints of [0, 10_000, 1600]) {
      const r = await s.admin.put("/api/billing/settings", { taxBasisPoints });
      expect(r.status).toBe(200);
    }
  });

  it("bills invoices made after a change at the new rate; earlier ones keep theirs", async () => {
    const client = await newClient(s, "Maquiladora Frontera", "pagos@frontera.mx");
    // 16 %: 1,000.00 → IVA 160.00.
    const issued = await invoiceIn(s, client, 100_000, "issued");
    const draft = await invoiceIn(s, client, 100_000, "draft");
    expect([issued.taxCents, draft.taxCents]).toEqual([16_000, 16_000]);
    const put = await s.admin.put("/api/billing/settings", { taxBasisPoints: 800 });
    expect(put.status).toBe(200);
    // 8 % (border region): 1,234.56 → IVA 98.7648 → 98.76 (half-up).
    const after = await invoiceIn(s, client, 123_456, "draft");
    expect(after).toMatchObject({ subtotalCents: 123_456, taxCents: 9876, totalCents: 133_332 });
    // Each invoice says the rate it is taxed at (the draft editor previews its IVA with it).
    expect([issued.taxBasisPoints, draft.taxBasisPoints, after.taxBasisPoints]).toEqual([1600, 1600, 800]);
    expect(await s.leader.get(`/api/invoices/${issued.id}`)).toMatchObject({ body: issued });
    // A draft made before keeps its rate when edited after the change.
    const edited = await s.leader.patch(`/api/invoices/${draft.id}`, {
      lines: [{ description: "Servicio", quantity: 1, unitPriceCents: 50_000 }],
    });
    expect(edited.body).toMatchObject({
      subtotalCents: 50_000,
      taxBasisPoints: 1600,
      taxCents: 8000,
      totalCents: 58_000,
    });
    await s.admin.put("/api/billing/settings", { taxBasisPoints: 1600 });
  });
});
