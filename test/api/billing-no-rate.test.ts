import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { attendedTicket, close, newClient, review } from "../support/billing.js";

/** An event ticket closed while no rate matches still gets its draft, its time line flagged `no_rate`. */
describe.each(DATABASES)("an event draft with no rate on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  const time = manualClock("2026-01-12T16:00:00Z");
  let clientId = "";

  const closedDraft = async () => {
    const ev = await attendedTicket(s, { clientId, entries: [{ minutes: 60, mode: "remote" }] });
    await review(s, ev.id);
    await close(s, ev.id);
    const items = (await s.leader.get(`/api/invoices?clientId=${clientId}`)).body.items;
    return items.find((i: { ticketId: string }) => i.ticketId === ev.id);
  };

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    clientId = await newClient(s, "Papelería Sin Tarifa", "pagos@sintarifa.mx");
  });
  afterAll(() => t?.close());

  it("keeps the draft at 0 with its time line flagged, until the leader prices it", async () => {
    const draft = await closedDraft();
    expect(draft.lines).toEqual([
      {
        description: expect.stringMatching(/^Servicio OS-/),
        quantity: 1,
        unitPriceCents: 0,
        amountCents: 0,
        warning: "no_rate",
      },
    ]);
    const priced = await s.leader.patch(`/api/invoices/${draft.id}`, {
      lines: [{ description: draft.lines[0].description, quantity: 1, unitPriceCents: 60_000 }],
    });
    expect(priced.status, JSON.stringify(priced.body)).toBe(200);
    expect(priced.body.lines[0]).not.toHaveProperty("warning");
    expect(priced.body.totalCents).toBe(69_600);
  });

  it("flags nothing once a rate matches", async () => {
    expect((await s.sales.post("/api/rates", { hourlyRateCents: 50_000 })).status).toBe(201);
    const draft = await closedDraft();
    expect(draft.lines).toHaveLength(1);
    expect(draft.lines[0]).not.toHaveProperty("warning");
    expect(draft.lines[0].amountCents).toBe(50_000);
  });
});
