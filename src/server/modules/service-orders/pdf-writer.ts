/**
 * A small PDF 1.4 writer for text documents (Helvetica, WinAnsi): enough for a service order, with no
 * dependency. Lines wrap at the page width and flow onto new pages. Characters outside Latin-1 print as "?".
 */

export interface PdfLine {
  text: string;
  size?: number;
  bold?: boolean;
  /** Extra space above the line, in points. */
  gap?: number;
  /** Indent from the left margin, in points. */
  indent?: number;
}

const PAGE_W = 595; // A4 in points
const PAGE_H = 842;
const MARGIN = 50;

/** Latin-1 bytes of the text, escaped for a PDF string literal. */
function pdfString(text: string): string {
  let out = "";
  for (const ch of text.replace(/[\r\n\t]+/g, " ")) {
    const code = ch.codePointAt(0) ?? 63;
    if (ch === "(" || ch === ")" || ch === "\\") out += `\\${ch}`;
    else if (code >= 32 && code < 127) out += ch;
    else if (code >= 160 && code <= 255) out += `\\${code.toString(8).padStart(3, "0")}`;
    else out += "?";
  }
  return out;
}

/** Splits a line into pieces that fit the width (Helvetica averages about half an em per character). */
function wrap(line: PdfLine): PdfLine[] {
  const size = line.size ?? 10;
  const max = Math.max(10, Math.floor((PAGE_W - 2 * MARGIN - (line.indent ?? 0)) / (size * 0.5)));
  const words = line.text.split(/\s+/);
  const pieces: string[] = [];
  let current = "";
  for (const word of words) {
    for (let w = word; w.length > 0; w = w.slice(max)) {
      const chunk = w.slice(0, max);
      if (!current) current = chunk;
      else if (current.length + 1 + chunk.length <= max) current += ` ${chunk}`;
      else {
        pieces.push(current);
        current = chunk;
      }
    }
  }
  pieces.push(current);
  return pieces.map((text, i) => ({ ...line, text, gap: i === 0 ? line.gap : 0 }));
}

function pageStreams(lines: PdfLine[]): string[] {
  const pages: string[] = [];
  let ops: string[] = [];
  let y = PAGE_H - MARGIN;
  for (const line of lines.flatMap(wrap)) {
    const size = line.size ?? 10;
    const step = size * 1.35 + (line.gap ?? 0);
    if (y - step < MARGIN && ops.length) {
      pages.push(ops.join("\n"));
      ops = [];
      y = PAGE_H - MARGIN;
    }
    y -= step;
    const font = line.bold ? "F2" : "F1";
    const x = MARGIN + (line.indent ?? 0);
    ops.push(`BT /${font} ${size} Tf ${x} ${y.toFixed(1)} Td (${pdfString(line.text)}) Tj ET`);
  }
  pages.push(ops.join("\n"));
  return pages;
}

/** The whole document as bytes: catalog, page tree, two fonts, one content stream per page, xref. */
export function writePdf(lines: PdfLine[], title: string): Buffer {
  const streams = pageStreams(lines);
  const objects: string[] = [];
  const pageIds = streams.map((_, i) => 6 + i * 2);
  objects[1] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(" ")}] /Count ${pageIds.length} >>`;
  objects[3] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";
  objects[4] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>";
  objects[5] = `<< /Title (${pdfString(title)}) /Producer (Mesa) >>`;
  streams.forEach((content, i) => {
    const id = pageIds[i]!;
    objects[id] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_W} ${PAGE_H}] ` +
      `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${id + 1} 0 R >>`;
    objects[id + 1] = `<< /Length ${Buffer.byteLength(content, "latin1")} >>\nstream\n${content}\nendstream`;
  });
  let body = "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n";
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(body, "latin1");
    body += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xrefAt = Buffer.byteLength(body, "latin1");
  body += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) body += `${String(offsets[id]).padStart(10, "0")} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}
