import { bottomOf, contentWidth, ensureRoom, type Pdf, printable } from "./document.js";

export interface Column {
  header: string;
  /** Share of the content width; the shares of a table add up to 1. */
  width: number;
  align?: "left" | "right";
}

const PAD = 3;

function rowHeight(doc: Pdf, cells: string[], widths: number[]): number {
  return Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - 2 * PAD }))) + 2 * PAD;
}

function drawRow(doc: Pdf, cells: string[], widths: number[], cols: Column[], bold: boolean): void {
  const top = doc.y;
  const left = doc.page.margins.left;
  const height = rowHeight(doc, cells, widths);
  let x = left;
  doc.font(bold ? "Helvetica-Bold" : "Helvetica");
  cells.forEach((cell, i) => {
    doc.text(cell, x + PAD, top + PAD, { width: widths[i]! - 2 * PAD, align: cols[i]!.align ?? "left" });
    x += widths[i]!;
  });
  doc
    .moveTo(left, top + height)
    .lineTo(left + contentWidth(doc), top + height)
    .lineWidth(0.4)
    .strokeColor(bold ? "#666" : "#ccc")
    .stroke();
  doc.x = left;
  doc.y = top + height;
}

/**
 * A simple ruled table: a bold header row, then one row per entry; cells wrap, and a row that would
 * cross the bottom margin starts a new page with the header repeated.
 */
export function table(doc: Pdf, cols: Column[], rows: string[][]): void {
  const widths = cols.map((c) => c.width * contentWidth(doc));
  const headers = cols.map((c) => printable(c.header, true));
  doc.fontSize(9);
  ensureRoom(doc, 2 * rowHeight(doc, headers, widths));
  drawRow(doc, headers, widths, cols, true);
  for (const raw of rows) {
    const cells = raw.map((c) => printable(c));
    if (doc.y + rowHeight(doc, cells, widths) > bottomOf(doc)) {
      doc.addPage();
      drawRow(doc, headers, widths, cols, true);
    }
    drawRow(doc, cells, widths, cols, false);
  }
  doc.fontSize(9.5).moveDown(0.3);
}
