import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_AMOUNT_CENTS } from "../../src/domain/billing/money.js";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { attendedTicket, close, newClient, review } from "../support/billing.js";

/**
 * A charge becomes a line of its ticket's invoice, which holds at most MAX_AMOUNT_CENTS ($1,000
 * million) per line and per subtotal. Charges past it are refused when added; charges already stored
 * past it make the close that drafts the invoice answer 422, never a RangeError's 500.
 * No rate is set: time lines are drafted at 0, so a draft's subtotal is its charges.
 */
describe.each(DATABASES)("charges within what one invoice holds on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  let client: string;
  const time = manualClock("2026-01-12T16:00:00Z");

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    client = await newClient(s, "Constructora Grande", "pagos@grande.mx");
  });
  afterAll(() => t?.close());

  const charge = (ticketId: string, quantity: number, unitPriceCents: number) =>
    s.leader.post(`/api/tickets/${ticketId}/charges`, {
      kind: "spare_part",
      description: "Servidor",
      quantity,
      unitPriceCents,
    });
  const reviewedTicket = async () => {
    const ev = await attendedTicket(s, { clientId: client, entries: [{ minutes: 30, mode: "remote" }] });
    await review(s, ev.id);
    return ev;
  };
  const invoicesOf = async (ticketId: string) =>
    (await s.leader.get(`/api/invoices?clientId=${client}`)).body.items.filter(
      (i: { ticketId: string }) => i.ticketId === ticketId,
    );

  it("refuses with 400 a charge whose amount is more than an invoice line accepts", async () => {
    const ev = await reviewedTicket();
    for (const [quantity, unitPriceCents] of [
      [2, 60_000_000_000],
      [100_000, 100_000_000_000],
      [10_000, 10_000_001],
    ] as const) {
      const r = await charge(ev.id, quantity, unitPriceCents);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error.code).toBe("validation_failed");
      expect(r.body.error.details).toEqual([
        expect.objectContaining({
          path: ["body", "unitPriceCents"],
          code: "input.amount_too_large",
          message: "El importe pasa de $1,000 millones",
        }),
      ]);
    }
    expect((await s.leader.get(`/api/tickets/${ev.id}`)).body.charges).toEqual([]);
  });

  it("takes charges up to the limit together, refuses with 409 the one past it, and drafts them", async () => {
    const ev = await reviewedTicket();
    expect((await charge(ev.id, 10_000, 6_000_000)).status).toBe(201);
    expect((await charge(ev.id, 1, 40_000_000_000)).status).toBe(201);
    const over = await charge(ev.id, 1, 1);
    expect(over.status, JSON.stringify(over.body)).toBe(409);
    expect(over.body.error).toEqual({
      code: "conflict",
      message:
        "Con este cargo los cargos del ticket sumarían más de $1,000 millones, lo más que admite una factura.",
      details: { field: "unitPriceCents", chargesTotalCents: MAX_AMOUNT_CENTS, maxCents: MAX_AMOUNT_CENTS },
    });
    const detail = (await s.leader.get(`/api/tickets/${ev.id}`)).body;
    expect(detail.charges).toHaveLength(2);
    expect(detail.chargesTotalCents).toBe(MAX_AMOUNT_CENTS);
    // The full ticket still fits one invoice: closing it drafts it (IVA 16 %).
    await close(s, ev.id);
    const [draft] = await invoicesOf(ev.id);
    expect(draft).toMatchObject({
      subtotalCents: MAX_AMOUNT_CENTS,
      taxCents: 16_000_000_000,
      totalCents: 116_000_000_000,
    });
  });

  /** Charges stored before they were checked: written past the limit straight into the table. */
  const storedPastLimit = async (amounts: { quantity: number; unitPriceCents: number }[]) => {
    const ev = await reviewedTicket();
    for (const _ of amounts) expect((await charge(ev.id, 1, 100)).status).toBe(201);
    const rows = await t.app.ctx.db
      .selectFrom("charges")
      .select("id")
      .where("ticket_id", "=", ev.id)
      .execute();
    for (const [i, a] of amounts.entries()) {
      await t.app.ctx.db
        .updateTable("charges")
        .set({
          quantity: a.quantity,
          unit_price_cents: a.unitPriceCents,
          amount_cents: a.quantity * a.unitPriceCents,
        })
        .where("id", "=", rows[i]!.id)
        .execute();
    }
    return ev;
  };

  it.each([
    ["one charge past a line's limit", [{ quantity: 10, unitPriceCents: 100_000_000_000_000 }]],
    ["charges that together pass it", Array(10).fill({ quantity: 1, unitPriceCents: 90_000_000_000 })],
  ])("answers 422, not 500, closing a ticket with %s; it stays reviewed", async (_, amounts) => {
    const ev = await storedPastLimit(amounts);
    const closing = await s.leader.post(`/api/tickets/${ev.id}/transitions`, { action: "close" });
    expect(closing.status, JSON.stringify(closing.body)).toBe(422);
    expect(closing.body.error).toEqual({
      code: "precondition_failed",
      message: `Las partidas del ticket ${ev.folio} suman más de $1,000 millones, lo más que admite una factura: no se puede hacer su borrador.`,
      details: { ticketId: ev.id, maxCents: MAX_AMOUNT_CENTS },
    });
    expect((await s.leader.get(`/api/tickets/${ev.id}`)).body.status).toBe("reviewed");
    expect(await invoicesOf(ev.id)).toEqual([]);
    // It can be closed without invoicing; moving it to `to_invoice` later gets the same answer.
    expect((await close(s, ev.id, { billingStatus: "pending" })).status).toBe("closed");
    const again = await s.leader.patch(`/api/tickets/${ev.id}`, { billingStatus: "to_invoice" });
    expect(again.status, JSON.stringify(again.body)).toBe(422);
    expect(again.body.error.message).toBe(closing.body.error.message);
    expect((await s.leader.get(`/api/tickets/${ev.id}`)).body.billingStatus).toBe("pending");
  });
});
