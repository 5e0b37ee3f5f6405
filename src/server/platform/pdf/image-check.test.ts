import { deflateSync } from "node:zlib";
import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { png, pngChunk, pngRows } from "../../../../test/support/png.js";
import { drawableImage } from "./image-check.js";

const RGBA = { width: 3, height: 2, colourType: 6 } as const;

function ihdrOf(width: number, height: number, colourType: number): Buffer {
  const b = Buffer.alloc(13);
  b.writeUInt32BE(width, 0);
  b.writeUInt32BE(height, 4);
  b.writeUInt8(8, 8);
  b.writeUInt8(colourType, 9);
  return b;
}

/** The 3×2 RGBA with one more chunk right after its IHDR. */
function withChunkAfterIhdr(chunk: Buffer): Buffer {
  const whole = png(RGBA);
  const afterIhdr = 8 + 8 + 13 + 4;
  return Buffer.concat([whole.subarray(0, afterIhdr), chunk, whole.subarray(afterIhdr)]);
}
const PALETTE = Buffer.from([0, 0, 0, 255, 255, 255]);

/** Draws the image in a PDF to the end: a decoding failure would surface (or crash the worker). */
async function drawn(image: Buffer): Promise<Buffer> {
  const doc = new PDFDocument();
  const parts: Buffer[] = [];
  doc.on("data", (b: Buffer) => parts.push(b));
  const done = new Promise<void>((resolve) => doc.on("end", resolve));
  doc.image(image, 10, 10, { fit: [50, 50] });
  doc.end();
  await done;
  return Buffer.concat(parts);
}

describe("drawableImage: what pdfkit draws without failing out of reach", () => {
  it.each([
    ["RGBA", png(RGBA)],
    ["RGB", png({ width: 3, height: 2, colourType: 2 })],
    ["grey", png({ width: 1, height: 1, colourType: 0 })],
    ["grey with alpha", png({ width: 2, height: 2, colourType: 4 })],
    [
      "palette with transparency",
      png({
        width: 2,
        height: 2,
        colourType: 3,
        before: [pngChunk("PLTE", PALETTE), pngChunk("tRNS", Buffer.from([0]))],
      }),
    ],
    ["RGBA interlaced (Adam7)", png({ width: 9, height: 9, colourType: 6, interlaced: true })],
    [
      "grey interlaced, 5 pixels wide (every pass has columns)",
      png({ width: 5, height: 5, colourType: 0, interlaced: true }),
    ],
    ["RGBA with every filter PNG has", png({ ...RGBA, filter: 4 })],
  ])("accepts a whole %s PNG, and pdfkit draws it", async (_, image) => {
    expect(drawableImage(image)).toBe(true);
    expect((await drawn(image)).subarray(0, 5).toString()).toBe("%PDF-");
  });

  const rows = pngRows(RGBA);
  it.each([
    ["pixels that are not a zlib stream", png({ ...RGBA, idat: Buffer.from("\u0000garbage-not-zlib") })],
    ["a zlib stream cut short", png({ ...RGBA, idat: deflateSync(rows).subarray(0, 12) })],
    ["a row filter PNG does not have", png({ ...RGBA, filter: 7 })],
    ["fewer rows than its height", png({ ...RGBA, idat: deflateSync(rows.subarray(0, rows.length / 2)) })],
    ["no end (a cut file)", png({ ...RGBA, noEnd: true })],
    ["a chunk running past the end", png(RGBA).subarray(0, 40)],
    ["no width", png({ ...RGBA, width: 0 })],
    ["an unknown colour type", Buffer.from(png(RGBA)).fill(5, 25, 26)],
    ["a text file", Buffer.from("hola")],
    // Valid PNG, but png-js reads a filter byte for each row of Adam7's empty passes: it misreads it.
    [
      "interlacing 4 pixels wide (passes with no column)",
      png({ width: 4, height: 4, colourType: 6, interlaced: true }),
    ],
    ["a second IHDR (png-js keeps the last)", withChunkAfterIhdr(pngChunk("IHDR", ihdrOf(2, 1, 6)))],
    ["an IHDR longer than 13 bytes", png({ ...RGBA, ihdrExtra: Buffer.from([0]) })],
    [
      "pixels that inflate past the image (a bomb)",
      png({ ...RGBA, idat: deflateSync(Buffer.alloc(4_000_000)) }),
    ],
    [
      "more than 16 megapixels",
      png({ width: 5000, height: 4000, colourType: 0, idat: deflateSync(Buffer.alloc(10)) }),
    ],
  ])("refuses a PNG with %s", (_, image) => {
    expect(drawableImage(image)).toBe(false);
  });

  it("takes a JPEG by its start (pdfkit reads it at once; its errors are caught where it is drawn)", () => {
    expect(drawableImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toBe(true);
  });
});
