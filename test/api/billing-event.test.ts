import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { attendedTicket, close, newClient, review } from "../support/billing.js";

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
});
