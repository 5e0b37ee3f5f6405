import { bottomOf, contentWidth, ensureRoom, type Pdf, printable } from "./document.js";

export interface Column {
  header: string;
  /** Share of the content width; the shares of a table add up to 1. */
  width: number;
  align?: "left" | "right";
}

const PAD = 3;

/** A column as laid out on this page: its width in points. */
interface Placed {
  width: number;
  align: "left" | "right";
}

/** One cell per column; a row shorter than the columns leaves the rest empty. */
const cellsOf = (row: string[], cols: Placed[]) => cols.map((col, i) => ({ col, text: row[i] ?? "" }));

function rowHeight(doc: Pdf, cells: string[], cols: Placed[]): number {
  const heights = cellsOf(cells, cols).map((c) =>
    doc.heightOfString(c.text, { width: c.col.width - 2 * PAD }),
  );
  return Math.max(...heights) + 2 * PAD;
}

function drawRow(doc: Pdf, cells: string[], cols: Placed[], bold: boolean): void {
  const top = doc.y;
  const left = doc.page.margins.left;
  const height = rowHeight(doc, cells, cols);
  let x = left;
  doc.font(bold ? "Helvetica-Bold" : "Helvetica");
  for (const { col, text } of cellsOf(cells, cols)) {
    doc.text(text, x + PAD, top + PAD, { width: col.width - 2 * PAD, align: col.align });
    x += col.width;
  }
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
  const placed = cols.map((c) => ({ width: c.width * contentWidth(doc), align: c.align ?? "left" }));
  const headers = cols.map((c) => printable(c.header, true));
  doc.fontSize(9);
  ensureRoom(doc, 2 * rowHeight(doc, headers, placed));
  drawRow(doc, headers, placed, true);
  for (const raw of rows) {
    const cells = raw.map((c) => printable(c));
    if (doc.y + rowHeight(doc, cells, placed) > bottomOf(doc)) {
      doc.addPage();
      drawRow(doc, headers, placed, true);
    }
    drawRow(doc, cells, placed, false);
  }
  doc.fontSize(9.5).moveDown(0.3);
}
