import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { pdfText } from "../pdf-text.js";
import { attendedTicket, close, newClient, raw, review } from "../support/billing.js";
import { png } from "../support/png.js";

const HEADER = [
  "FolioMesa",
  "FechaEmision",
  "RFC",
  "Cliente",
  "Concepto",
  "Cantidad",
  "PrecioUnitario",
  "Importe",
  "TasaIVA",
  "Subtotal",
  "IVA",
  "Total",
  "CondicionesPago",
  "FechaVencimiento",
];

// A 1×1 PNG (the firm's logo).
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

/** Image XObjects the PDF holds (pdfkit writes their dictionaries uncompressed). */
const images = (pdf: Buffer) =>
  pdf.toString("latin1").match(/\/Type \/XObject\s+\/Subtype \/Image/g)?.length ?? 0;

/** The invoice PDF and the ERP export as XLSX (docs/billing-erp.md), each read back. */
describe.each(DATABASES)("invoice PDF and XLSX export on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  // Tuesday 10 Mar 2026, 11:00 in Mexico City.
  const time = manualClock("2026-03-10T17:00:00Z");
  let invoice: { id: string; folio: string; clientRfc: string };

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    expect((await s.sales.post("/api/rates", { hourlyRateCents: 50_000 })).status).toBe(201);
    const client = await newClient(s, 'Óptica, "La Vista"', "pagos@vista.mx");
    const ev = await attendedTicket(s, {
      clientId: client,
      entries: [{ minutes: 90, mode: "onsite" }],
      charges: [{ kind: "spare_part", description: "Cable HDMI", quantity: 3, unitPriceCents: 12_345 }],
    });
    await review(s, ev.id);
    await close(s, ev.id);
    invoice = (await s.leader.get(`/api/invoices?clientId=${client}`)).body.items[0];
  });
  afterAll(() => t?.close());

  const readBook = async (body: Buffer) => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(body as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(["Facturas"]);
    const sheet = book.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push(HEADER.map((_, i) => row.getCell(i + 1).value)));
    return { sheet, rows };
  };

  it("prints the invoice with pdfkit: firm, client and RFC, folio, lines, totals, terms and due date", async () => {
    const settings = (await s.admin.get("/api/settings/company")).body;
    const firm = {
      name: "Soporte Técnico Encor",
      rfc: "EKU9003173C9",
      address: "Av. Juárez 10, Centro, CDMX",
      supportPhone: "+52 55 1234 5678",
      version: settings.version,
    };
    expect((await s.admin.put("/api/settings/company", firm)).status).toBe(200);
    const issued = await s.leader.post(`/api/invoices/${invoice.id}/issue`);
    expect(issued.status).toBe(200);
    const pdf = await raw(s.leader, "GET", `/api/invoices/${invoice.id}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 8).toString()).toBe("%PDF-1.4");
    const text = pdfText(pdf.rawPayload);
    for (const shown of [
      "Soporte Técnico Encor",
      "RFC EKU9003173C9",
      "Av. Juárez 10, Centro, CDMX",
      "Prefactura",
      invoice.folio,
      "EMITIDA",
      "Fecha: 10/03/2026",
      'Cliente: Óptica, "La Vista"',
      `RFC: ${invoice.clientRfc}`,
      "Cable HDMI",
      "$123.45",
      "$370.35",
      "$1,000.00",
      "IVA 16.00 %",
      "$1,370.35",
      "$219.26",
      "Total MXN",
      "$1,589.61",
      "Condiciones de pago: Contado",
      "Fecha de vencimiento: 10/03/2026",
    ]) {
      expect(text).toContain(shown);
    }
    // Issuing mailed it to the client's billing contact with the same PDF attached.
    const mail = await t.app.ctx.db
      .selectFrom("outbox")
      .select(["to_addr", "subject", "text_body", "html_body", "attachments"])
      .where("to_addr", "=", "pagos@vista.mx")
      .executeTakeFirstOrThrow();
    expect(mail.subject).toContain(invoice.folio);
    // Signed as the firm's profile names it, the day as the app writes days, and no link to the
    // staff API (a client's click on it got 401): the PDF is attached.
    expect(mail.subject).toContain("Soporte Técnico Encor");
    expect(mail.text_body).toContain("Fecha de vencimiento: 10/03/2026");
    expect(mail.text_body).toContain(`La prefactura va adjunta en PDF (${invoice.folio}.pdf).`);
    expect(`${mail.text_body}${mail.html_body}`).not.toContain("/api/invoices/");
    const files = JSON.parse(mail.attachments ?? "[]") as {
      filename: string;
      contentType: string;
      base64: string;
    }[];
    expect(files.map((f) => [f.filename, f.contentType])).toEqual([
      [`${invoice.folio}.pdf`, "application/pdf"],
    ]);
    const attached = pdfText(Buffer.from(files[0]!.base64, "base64"));
    expect(attached).toContain("$1,589.61");
    expect(attached).toContain("EMITIDA");
  });

  it("prints a cash sale to the public with its generic RFC", async () => {
    const res = await s.reception.post("/api/clients", { name: "Mostrador", rfc: "XAXX010101000" });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const ev = await attendedTicket(s, { clientId: res.body.id, entries: [{ minutes: 20, mode: "office" }] });
    await review(s, ev.id);
    await close(s, ev.id);
    const draft = (await s.leader.get(`/api/invoices?clientId=${res.body.id}`)).body.items[0];
    expect(draft.clientRfc).toBe("XAXX010101000");
    const text = pdfText((await raw(s.leader, "GET", `/api/invoices/${draft.id}/pdf`)).rawPayload);
    expect(text).toContain("RFC: XAXX010101000");
    expect(text).toContain("BORRADOR");
    expect((await raw(s.technician, "GET", `/api/invoices/${draft.id}/pdf`)).statusCode).toBe(403);
  });

  it("exports issued invoices as an XLSX of the documented layout and marks them exported", async () => {
    const res = await raw(s.leader, "POST", "/api/billing/exports", { format: "xlsx" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    expect(res.headers["content-disposition"]).toBe('attachment; filename="facturas-2026-03-10.xlsx"');
    const { sheet, rows } = await readBook(res.rawPayload);
    // 90 min → 2 h × 500.00 = 1,000.00; 3 × 123.45 = 370.35; subtotal 1,370.35; IVA 219.256 → 219.26; total 1,589.61.
    const same = [invoice.folio, "2026-03-10", invoice.clientRfc, 'Óptica, "La Vista"'];
    const totals = [0.16, 1370.35, 219.26, 1589.61, "CONTADO", "2026-03-10"];
    expect(rows).toEqual([
      HEADER,
      [...same, expect.stringMatching(/^Servicio OS-/), 2, 500, 1000, ...totals],
      [...same, "Cable HDMI", 3, 123.45, 370.35, ...totals],
    ]);
    expect(sheet.getCell("G2").numFmt).toBe("#,##0.00");
    expect(sheet.getCell("I2").numFmt).toBe("0.0000");
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const after = (await s.leader.get(`/api/invoices/${invoice.id}`)).body;
    expect(after).toMatchObject({ status: "exported", exportedAt: "2026-03-10T17:00:00.000Z" });
    const audit = await t.app.ctx.db
      .selectFrom("audit_log")
      .select("action")
      .where("entity_id", "=", invoice.id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["create", "issue", "export"]);
  });

  it("downloads an exported invoice again by id without changing it; nothing new answers 422", async () => {
    const before = (await s.leader.get(`/api/invoices/${invoice.id}`)).body;
    time.set("2026-03-11T17:00:00Z");
    const again = await raw(s.leader, "POST", "/api/billing/exports", {
      format: "xlsx",
      invoiceIds: [invoice.id],
    });
    expect(again.statusCode).toBe(200);
    expect((await readBook(again.rawPayload)).rows).toHaveLength(3);
    expect((await s.leader.get(`/api/invoices/${invoice.id}`)).body).toEqual(before);
    const none = await raw(s.leader, "POST", "/api/billing/exports", { format: "xlsx" });
    expect(none.statusCode).toBe(422);
    expect((await raw(s.leader, "POST", "/api/billing/exports", { format: "pdf" })).statusCode).toBe(400);
    expect((await raw(s.technician, "POST", "/api/billing/exports", { format: "xlsx" })).statusCode).toBe(
      403,
    );
  });

  it("draws the firm's logo on the invoice PDF when one is set, and prints without it otherwise", async () => {
    const pdfOf = async () => {
      const res = await raw(s.leader, "GET", `/api/invoices/${invoice.id}/pdf`);
      expect(res.statusCode).toBe(200);
      expect(pdfText(res.rawPayload)).toContain(invoice.folio);
      return res.rawPayload;
    };
    expect(images(await pdfOf())).toBe(0);
    const put = await s.admin.put("/api/settings/company/logo", {
      contentType: "image/png",
      dataBase64: PNG.toString("base64"),
    });
    expect(put.status).toBe(200);
    const withLogo = await pdfOf();
    expect(images(withLogo)).toBeGreaterThan(0);
    expect(withLogo.toString("latin1")).toMatch(/\/XObject <<\s+\/I1 \d+ 0 R/);
    expect((await s.admin.req("DELETE", "/api/settings/company/logo")).status).toBe(200);
    expect(images(await pdfOf())).toBe(0);
  });

  it("refuses a damaged PNG logo; one stored before is left out of the PDF, which still prints", async () => {
    // RGBA with pixels that are not a zlib stream: pdfkit's PNG decoder threw from a zlib callback,
    // out of reach of any catch, and every PDF (and each attended ticket's mail) took the process down.
    const damaged = png({ width: 1, height: 1, colourType: 6, idat: Buffer.from("\u0000garbage-not-zlib") });
    const put = await s.admin.put("/api/settings/company/logo", {
      contentType: "image/png",
      dataBase64: damaged.toString("base64"),
    });
    expect([put.status, put.body.error.message]).toEqual([
      400,
      "La imagen está dañada o incompleta: súbela de nuevo o expórtala otra vez como PNG o JPEG.",
    ]);
    expect((await s.admin.get("/api/settings/company")).body.logo).toBeNull();
    await t.app.ctx.db
      .insertInto("stored_files")
      .values({
        key: "company-logo",
        content_type: "image/png",
        size: damaged.length,
        data: damaged.toString("base64"),
        updated_at: "2026-03-10T12:00:00.000Z",
        updated_by: null,
      })
      .execute();
    const res = await raw(s.leader, "GET", `/api/invoices/${invoice.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(pdfText(res.rawPayload)).toContain(invoice.folio);
    expect(images(res.rawPayload)).toBe(0);
    expect((await s.leader.get("/api/health")).status).toBe(200);
  });
});
