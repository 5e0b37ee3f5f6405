/**
 * The ERP export as an XLSX workbook (docs/billing-erp.md): the CSV's columns and rows, one sheet.
 * Quantities and amounts are numbers (pesos, two decimals shown) so Microsip and Excel read them as
 * such; folios, RFC, dates and terms stay text, exactly as in the CSV.
 */
import { lazy } from "../../platform/lazy-modules.js";

/** Columns holding pesos: shown with two decimals. */
const PESOS = new Set(["PrecioUnitario", "Importe", "Subtotal", "IVA", "Total"]);

export async function exportWorkbook(header: string[], rows: (string | number)[][]): Promise<Buffer> {
  const ExcelJS = await lazy.exceljs();
  const book = new ExcelJS.Workbook();
  book.creator = "Mesa";
  const sheet = book.addWorksheet("Facturas", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(row.map((v, i) => (numeric(header[i] ?? "") ? Number(v) : v)));
  }
  header.forEach((name, i) => {
    const col = sheet.getColumn(i + 1);
    if (PESOS.has(name)) col.numFmt = "#,##0.00";
    if (name === "TasaIVA") col.numFmt = "0.0000";
    col.width = name === "Concepto" || name === "Cliente" ? 40 : Math.max(12, name.length + 2);
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

const numeric = (name: string) => PESOS.has(name) || name === "Cantidad" || name === "TasaIVA";
