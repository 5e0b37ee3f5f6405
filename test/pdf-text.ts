import { inflateSync } from "node:zlib";

const cp1252 = new TextDecoder("windows-1252");

/** The raw content of every stream in the file, inflated when it is Flate-compressed. */
function streams(pdf: Buffer): Buffer[] {
  const out: Buffer[] = [];
  const text = pdf.toString("latin1");
  const re = /<<([\s\S]*?)>>\s*stream\r?\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf("endstream", start);
    const raw = pdf.subarray(start, end);
    if (!m[1]!.includes("/FlateDecode")) out.push(raw);
    else {
      try {
        out.push(inflateSync(raw));
      } catch {
        // An image or font stream that is not text: nothing to read.
      }
    }
  }
  return out;
}

/**
 * The text a reader would show, one line per text-showing operator: pdfkit writes the built-in fonts'
 * text as hex strings in Windows-1252 inside `[...] TJ` arrays (kerning numbers in between).
 */
export function pdfText(pdf: Buffer): string {
  const lines: string[] = [];
  for (const s of streams(pdf)) {
    for (const m of s.toString("latin1").matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const hex = [...m[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join("");
      lines.push(cp1252.decode(Buffer.from(hex, "hex")));
    }
  }
  return lines.join("\n");
}
