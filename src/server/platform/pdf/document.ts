import { lazy } from "../lazy-modules.js";

export type Pdf = PDFKit.PDFDocument;

export interface PdfOptions {
  title: string;
  lang: "es" | "en";
  /** Off only where a test reads the content streams as text. */
  compress?: boolean;
}

/** The page's usable width between the margins. */
export const contentWidth = (doc: Pdf) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

/** The bottom of the writable area: a block that would cross it goes to a new page. */
export const bottomOf = (doc: Pdf) => doc.page.height - doc.page.margins.bottom;

/** Makes room for `height` points, adding a page when the rest of this one is too short. */
export function ensureRoom(doc: Pdf, height: number): void {
  if (doc.y + height > bottomOf(doc)) doc.addPage();
}

/**
 * The built-in Helvetica speaks Windows-1252 only: anything else (emoji, CJK, control characters)
 * becomes "?" rather than a wrong glyph, and line breaks in one-line fields become spaces.
 */
export function printable(text: string, oneLine = false): string {
  const cleaned = [...text]
    .map((ch) => {
      if (ch === "\n" || ch === "\t") return oneLine ? " " : ch;
      const code = ch.codePointAt(0) ?? 0;
      if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return " ";
      return code <= 0xff || CP1252_EXTRA.has(ch) ? ch : "?";
    })
    .join("");
  return oneLine ? cleaned.replace(/\s+/g, " ").trim() : cleaned.replace(/\r/g, "");
}
const CP1252_EXTRA = new Set([..."€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"]);

/**
 * A letter-size document written by `draw`, returned as bytes. pdfkit streams its output; the
 * promise settles when the document has ended (or rejects with what `draw` threw).
 */
export async function renderPdf(opts: PdfOptions, draw: (doc: Pdf) => void): Promise<Buffer> {
  const PDFDocument = await lazy.pdfkit();
  const doc = new PDFDocument({
    size: "LETTER",
    margin: 50,
    pdfVersion: "1.4",
    compress: opts.compress ?? true,
    lang: opts.lang === "en" ? "en-US" : "es-MX",
    info: { Title: printable(opts.title, true), Creator: "Mesa" },
    bufferPages: false,
  });
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    try {
      doc.font("Helvetica");
      draw(doc);
      doc.end();
    } catch (err) {
      reject(err);
    }
  });
}

/** A section heading with a little space above it. */
export function heading(doc: Pdf, text: string): void {
  ensureRoom(doc, 40);
  doc.moveDown(0.8).font("Helvetica-Bold").fontSize(11).fillColor("#111").text(printable(text, true));
  doc.moveDown(0.3).font("Helvetica").fontSize(9.5);
}

/** "Label: value" on one line, label in bold. */
export function fact(doc: Pdf, label: string, value: string): void {
  doc
    .font("Helvetica-Bold")
    .fontSize(9.5)
    .fillColor("#111")
    .text(`${printable(label, true)}: `, { continued: true })
    .font("Helvetica")
    .text(printable(value, true));
}
