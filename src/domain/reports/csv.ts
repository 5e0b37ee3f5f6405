/** CSV for spreadsheets: UTF-8 with a BOM (Excel in Spanish then reads accents right), CRLF lines. */

import { formulaSafe } from "../csv-text.js";

export type Cell = string | number | boolean | null;

export const BOM = "\uFEFF";

/** Quotes a field when it holds a separator, a quote or a line break (RFC 4180); null is empty. */
export function csvField(value: Cell): string {
  if (value === null) return "";
  const text = typeof value === "boolean" ? (value ? "1" : "0") : String(value);
  // Text that would run as a formula in a spreadsheet is kept text; numbers are written as they are.
  const safe = typeof value === "string" ? formulaSafe(text) : text;
  return /[",\r\n;]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A whole table: header then rows, each line ended by CRLF, the BOM first. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(","));
  return `${BOM}${lines.map((l) => `${l}\r\n`).join("")}`;
}
