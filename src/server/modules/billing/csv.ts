/** RFC 4180 CSV: fields quoted when needed, CRLF rows; a parser for what spreadsheets write back. */

import { formulaSafe } from "../../../domain/csv-text.js";

const needsQuotes = /[",\r\n]/;

export const csvField = (v: string | number): string => {
  const s = String(v);
  return needsQuotes.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export const csvRow = (fields: (string | number)[]): string => fields.map(csvField).join(",");

/** The ERP export's columns holding pesos (the XLSX shows them with two decimals). */
export const PESOS_COLUMNS: ReadonlySet<string> = new Set([
  "PrecioUnitario",
  "Importe",
  "Subtotal",
  "IVA",
  "Total",
]);

/** The ERP export's columns holding numbers; every other one is text (folios, RFC, names, dates, terms). */
export const isNumberColumn = (name: string): boolean =>
  PESOS_COLUMNS.has(name) || name === "Cantidad" || name === "TasaIVA";

/**
 * A row of the ERP export: text a spreadsheet would run as a formula (a client or a charge named
 * `=HYPERLINK(…)`) is kept text as the reports' CSV keeps it; number columns stay as the ERP reads them.
 */
export const exportCsvRow = (header: readonly string[], fields: (string | number)[]): string =>
  csvRow(fields.map((v, i) => (isNumberColumn(header[i] ?? "") ? v : formulaSafe(String(v)))));

/** Rows of fields; a leading UTF-8 BOM is dropped, blank lines are skipped. Separator: comma or semicolon. */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, "");
  const firstLine = src.split(/\r?\n/, 1)[0] ?? "";
  const sep = firstLine.includes(";") && !firstLine.includes(",") ? ";" : ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src.charAt(i);
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src[i + 1] === "\n") i++;
      row.push(field);
      if (row.some((f) => f.trim() !== "")) rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f.trim() !== "")) rows.push(row);
  return rows;
}

/** "1,234.56" / "1234.56" / "$1,234.56" → 123456 cents; null when it is not an amount with ≤ 2 decimals. */
export function pesosToCents(text: string): number | null {
  const s = text.trim().replace(/^\$/, "").replace(/,/g, "");
  if (!/^\d+(\.\d{1,2})?$/.test(s)) return null;
  const [whole = "0", frac = ""] = s.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
}

export const centsToPesos = (cents: number): string =>
  `${Math.trunc(cents / 100)}.${String(Math.abs(cents) % 100).padStart(2, "0")}`;
