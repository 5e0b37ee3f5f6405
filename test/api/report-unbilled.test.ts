import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { attendedTicket, newClient, newContract, review } from "../support/billing.js";

const JAN = "from=2026-01-01&to=2026-01-31";

// "Work not yet billed" counts a charge until an invoice holds it: a contract ticket's charges stay
// "pending" after review until the monthly run bills them, and come back if that invoice is cancelled.
describe.each(DATABASES)("work not yet billed on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  const time = manualClock("2026-01-14T16:00:00Z");
  const charges = async () => (await s.leader.get(`/api/reports/unbilled?${JAN}`)).body;

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
  });
  afterAll(() => t?.close());

  it("lists a reviewed contract ticket's charge until the run bills it, and again after a cancellation", async () => {
    const client = await newClient(s, "Despacho Peñasco", "pagos@penasco.mx");
    await newContract(s, client);
    const charge = {
      kind: "spare_part",
      description: "Fuente de poder",
      quantity: 1,
      unitPriceCents: 89_900,
    };
    const tk = await attendedTicket(s, {
      clientId: client,
      entries: [{ minutes: 30, mode: "onsite" }],
      charges: [charge],
    });
    expect((await charges()).totals).toMatchObject({ charges: 0, chargesCents: 0 }); // not reviewed yet
    await review(s, tk.id);
    const before = await charges();
    expect(before.charges).toEqual([expect.objectContaining({ folio: tk.folio, amountCents: 89_900 })]);
    expect(before.totals).toMatchObject({ charges: 1, chargesCents: 89_900 });

    // February's run bills January's extra charges with February's fee.
    time.set("2026-02-02T16:00:00Z");
    const run = await s.leader.post("/api/billing/runs", { period: "2026-02" });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    const invoice = run.body.items.find((i: { clientId: string }) => i.clientId === client);
    expect(invoice.lines.some((l: { amountCents: number }) => l.amountCents === 89_900)).toBe(true);
    expect((await charges()).totals).toMatchObject({ charges: 0, chargesCents: 0 });

    expect(
      (await s.leader.post(`/api/invoices/${invoice.id}/cancel`, { reason: "Periodo equivocado" })).status,
    ).toBe(200);
    expect((await charges()).totals).toMatchObject({ charges: 1, chargesCents: 89_900 });
  });
});
