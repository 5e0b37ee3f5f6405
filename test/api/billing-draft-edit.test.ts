import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { timeLine } from "../../src/domain/billing/money.js";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { invoiceIn, newClient } from "../support/billing.js";

/**
 * Editing a draft's lines (PATCH /api/invoices/:id): a line left as it was keeps its amount, new or
 * changed lines are quantity (up to 4 decimals) × unit price half-up, and amounts past 1,000 million
 * pesos are a 400 that changes nothing (never a 500 from arithmetic past exact integers).
 */
describe.each(DATABASES)("editing a draft invoice on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  let clientId: string;
  const time = manualClock("2026-01-12T16:00:00Z");

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    clientId = await newClient(s, "Despacho Borrador", "pagos@borrador.mx");
  });
  afterAll(() => t?.close());

  /** A draft holding one line of worked time, as the run writes it: 61 min at 600.00/h. */
  async function draftWithTime() {
    const inv = await invoiceIn(s, clientId, 100, "draft");
    const line = timeLine("Horas excedentes 2026-01 (61 min)", 61, 60_000);
    expect(line).toEqual({ ...line, quantity: 1.0167, amountCents: 61_000 }); // not 1.0167 × 600.00 = 610.02
    await t.app.ctx.db
      .updateTable("invoices")
      .set({ lines: JSON.stringify([line]) })
      .where("id", "=", inv.id)
      .execute();
    return { inv, line };
  }

  it("keeps an untouched time line's prorated amount and prices the new line", async () => {
    const { inv, line } = await draftWithTime();
    const { amountCents: _, ...sent } = line;
    const r = await s.leader.patch(`/api/invoices/${inv.id}`, {
      lines: [sent, { description: "Cable UTP", quantity: 2.5, unitPriceCents: 1_999 }],
      version: inv.version,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    // 610.00 + 2.5 × 19.99 = 49.975 → 49.98; subtotal 659.98; IVA 105.5968 → 105.60; total 765.58.
    expect(r.body.lines.map((l: { amountCents: number }) => l.amountCents)).toEqual([61_000, 4_998]);
    expect(r.body).toMatchObject({ subtotalCents: 65_998, taxCents: 10_560, totalCents: 76_558 });
    // The same hours at another rate are a new line: 1.0167 × 700.00 = 711.69.
    const repriced = await s.leader.patch(`/api/invoices/${inv.id}`, {
      lines: [{ ...sent, unitPriceCents: 70_000 }],
      version: r.body.version,
    });
    expect(repriced.body.lines[0].amountCents).toBe(71_169);
  });

  it("refuses amounts past 1,000 million pesos and more than 4 decimals with a 400, changing nothing", async () => {
    const { inv } = await draftWithTime();
    const before = (await s.leader.get(`/api/invoices/${inv.id}`)).body;
    const bad = [
      [{ description: "x", quantity: 1_000_000, unitPriceCents: 100_000_000_000 }],
      [{ description: "x", quantity: 1.5, unitPriceCents: 100_000_000_000 }],
      Array.from({ length: 200 }, () => ({ description: "x", quantity: 1000, unitPriceCents: 100_000_000 })),
      [{ description: "x", quantity: 1.00001, unitPriceCents: 100 }],
      // 0.1 + 0.2 as a client's float arithmetic sends it: within multipleOf's tolerance, not 4 decimals.
      [{ description: "x", quantity: 0.1 + 0.2, unitPriceCents: 100 }],
    ];
    for (const lines of bad) {
      const r = await s.leader.patch(`/api/invoices/${inv.id}`, { lines, version: inv.version });
      expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBe(400);
      expect(r.body.error.code).toBe("validation_failed");
    }
    const noisy = await s.leader.patch(`/api/invoices/${inv.id}`, { lines: bad[4], version: inv.version });
    expect(noisy.body.error.details).toMatchObject([
      { path: ["body", "lines", "0", "quantity"], message: "Hasta 4 decimales" },
    ]);
    const big = await s.leader.patch(`/api/invoices/${inv.id}`, { lines: bad[0], version: inv.version });
    expect(JSON.stringify(big.body.error)).toMatch(/1,000 millones/);
    expect((await s.leader.get(`/api/invoices/${inv.id}`)).body).toEqual(before);
  });
});
