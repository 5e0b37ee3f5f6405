/**
 * pdfkit plumbing for the invoice PDF, kept in the billing module (no shared PDF helpers exist yet):
 * a letter-size document rendered to bytes, and text the built-in Helvetica can print.
 */
import PDFDocument from "pdfkit";

export type Pdf = PDFKit.PDFDocument;

const CP1252_EXTRA = new Set([..."€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"]);

/**
 * The built-in Helvetica speaks Windows-1252 only: anything else (emoji, CJK) prints as "?" rather
 * than a wrong glyph; control characters and line breaks become spaces.
 */
export function printable(text: string): string {
  return [...text]
    .map((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return " ";
      return code <= 0xff || CP1252_EXTRA.has(ch) ? ch : "?";
    })
    .join("")
    .replace(/\s+/g, " ")
    .trim();
}

export const contentWidth = (doc: Pdf) => doc.page.width - doc.page.margins.left - doc.page.margins.right;

/** Makes room for `height` points, adding a page when the rest of this one is too short. */
export function ensureRoom(doc: Pdf, height: number): boolean {
  if (doc.y + height <= doc.page.height - doc.page.margins.bottom) return false;
  doc.addPage();
  return true;
}

/** pdfkit streams its output; this settles with the whole file once `draw` has written it. */
export function renderPdf(title: string, draw: (doc: Pdf) => void): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "LETTER",
    margin: 50,
    pdfVersion: "1.4",
    lang: "es-MX",
    info: { Title: printable(title), Creator: "Mesa" },
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
