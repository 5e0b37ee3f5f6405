import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { type InvoiceStatus, invoiceIn, newClient } from "../support/billing.js";

/**
 * Lines and totals are frozen once issued (issue #14 item 7, "Bad input: editing an issued or exported
 * invoice"): a PATCH is refused with 409 `invalid_transition`, and lines, totals and version stay.
 */
describe.each(DATABASES)("frozen invoices on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  let clientId: string;
  const time = manualClock("2026-01-12T16:00:00Z");

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    clientId = await newClient(s, "Despacho Congelado", "pagos@congelado.mx");
  });
  afterAll(() => t?.close());

  const SAYS: Record<InvoiceStatus, RegExp> = {
    draft: /^$/,
    issued: /ya fue emitida: sus partidas y totales no cambian/,
    exported: /ya fue emitida: sus partidas y totales no cambian/,
    paid: /ya fue emitida: sus partidas y totales no cambian/,
    cancelled: /está cancelada: ya no cambia/,
  };

  it.each(["issued", "exported", "paid", "cancelled"] as const)(
    "refuses to edit a %s invoice",
    async (status) => {
      const inv = await invoiceIn(s, clientId, 123_400, status);
      expect(inv.status).toBe(status);
      const url = `/api/invoices/${inv.id}`;
      const lines = [{ description: "Otra cosa", quantity: 2, unitPriceCents: 1 }];
      for (const body of [{ lines }, { lines, version: inv.version }]) {
        const r = await s.leader.patch(url, body);
        expect(r.status, JSON.stringify(r.body)).toBe(409);
        expect(r.body.error).toMatchObject({ code: "invalid_transition", details: { status } });
        expect(r.body.error.message).toContain(inv.folio);
        expect(r.body.error.message).toMatch(SAYS[status]);
      }
      // The detail adds where issuing mails it (mailTo) to the invoice as every other answer has it.
      const { mailTo: _shown, ...after } = (await s.leader.get(url)).body;
      const { mailTo: _before, ...asItWas } = inv;
      expect(after).toEqual(asItWas);
      expect(after).toMatchObject({ subtotalCents: 123_400, taxCents: 19_744, totalCents: 143_144 });
      const edits = await t.app.ctx.db
        .selectFrom("audit_log")
        .select("action")
        .where("entity_id", "=", inv.id)
        .where("action", "=", "edit")
        .execute();
      expect(edits).toHaveLength(1); // the draft's own edit, by invoiceIn
    },
  );
});
