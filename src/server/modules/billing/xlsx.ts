/**
 * The ERP export as an XLSX workbook (docs/billing-erp.md): the CSV's columns and rows, one sheet.
 * Quantities and amounts are numbers (pesos, two decimals shown) so Microsip and Excel read them as
 * such; folios, RFC, dates and terms stay text, as in the CSV. A text cell is a string cell, which a
 * spreadsheet never runs as a formula, so it keeps its text without the CSV's leading apostrophe.
 */
import { lazy } from "../../platform/lazy-modules.js";
import { isNumberColumn, PESOS_COLUMNS } from "./csv.js";

export async function exportWorkbook(header: string[], rows: (string | number)[][]): Promise<Buffer> {
  const ExcelJS = await lazy.exceljs();
  const book = new ExcelJS.Workbook();
  book.creator = "Mesa";
  const sheet = book.addWorksheet("Facturas", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.addRow(header).font = { bold: true };
  for (const row of rows) {
    sheet.addRow(row.map((v, i) => (isNumberColumn(header[i] ?? "") ? Number(v) : v)));
  }
  header.forEach((name, i) => {
    const col = sheet.getColumn(i + 1);
    if (PESOS_COLUMNS.has(name)) col.numFmt = "#,##0.00";
    if (name === "TasaIVA") col.numFmt = "0.0000";
    col.width = name === "Concepto" || name === "Cliente" ? 40 : Math.max(12, name.length + 2);
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
