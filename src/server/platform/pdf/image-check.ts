import { inflateSync } from "node:zlib";

/**
 * Whether pdfkit can draw an image without failing out of reach. A PNG with transparency or
 * interlacing is decoded by png-js, which inflates its pixels in a zlib callback and throws from there
 * on a damaged stream or an unknown row filter: no try/catch around `doc.image` sees it, and the
 * process dies. So a PNG is read here as png-js reads it (one 13-byte IHDR first, the IDATs joined,
 * each pass's rows — also the empty passes of a narrow interlaced image, whose filter bytes png-js
 * consumes — starting with a filter 0–4) and must be whole (every row there). A JPEG is parsed by
 * pdfkit at once: its errors are caught where it is drawn.
 */
export function drawableImage(data: Buffer): boolean {
  let known = checked.get(data);
  if (known === undefined) {
    const kind = imageKind(data);
    known = kind === "image/png" ? pngDecodes(data) : kind === "image/jpeg";
    checked.set(data, known);
  }
  return known;
}

/** PNG and JPEG are told by their first bytes, whatever a declared type says. */
export function imageKind(data: Buffer): "image/png" | "image/jpeg" | null {
  if (data.subarray(0, 8).equals(PNG_SIGNATURE)) return "image/png";
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "image/jpeg";
  return null;
}
/** Per buffer: the stored logo is checked when read (companyLogo keeps it) and again where drawn. */
const checked = new WeakMap<Buffer, boolean>();

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Samples per pixel by colour type (PNG §11.2.2); bit depths each type allows. */
export const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};
/** Adam7's passes as png-js runs them: first column and row, then the step between each. */
export const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;
/**
 * A logo is drawn 110 × 55 points: 4 megapixels (2000 × 2000) is far more than it needs, and keeps a
 * small file that inflates to gigabytes (a decompression bomb) from being inflated at all.
 */
const MAX_PIXELS = 4_000_000;

interface Header {
  width: number;
  height: number;
  bitsPerPixel: number;
  interlaced: boolean;
}

function pngDecodes(data: Buffer): boolean {
  const chunks = pngChunks(data);
  const first = chunks?.[0];
  // png-js keeps the last IHDR and reads 13 bytes of it whatever its length: only the plain case passes.
  if (!chunks || first?.type !== "IHDR" || first.body.length !== 13) return false;
  if (chunks.filter((c) => c.type === "IHDR").length !== 1) return false;
  const header = headerOf(first.body);
  if (!header) return false;
  const passes = passesOf(header);
  const expected = passes.reduce((n, p) => n + p.rows * (1 + p.rowBytes), 0);
  let pixels: Buffer;
  try {
    const idat = Buffer.concat(chunks.filter((c) => c.type === "IDAT").map((c) => c.body));
    pixels = inflateSync(idat, { maxOutputLength: expected + 1 });
  } catch {
    return false;
  }
  return pixels.length === expected && filtersKnown(pixels, passes);
}

function headerOf(ihdr: Buffer): Header | null {
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const depth = ihdr.readUInt8(8);
  const colourType = ihdr.readUInt8(9);
  const channels = CHANNELS[colourType];
  if (!channels || !DEPTHS[colourType]?.includes(depth)) return null;
  if (width < 1 || height < 1 || width * height > MAX_PIXELS) return null;
  return { width, height, bitsPerPixel: channels * depth, interlaced: ihdr.readUInt8(12) === 1 };
}

/** The chunks in order, or null when one runs past the end of the file or there is no IEND. */
function pngChunks(data: Buffer): { type: string; body: Buffer }[] | null {
  const out: { type: string; body: Buffer }[] = [];
  let pos = 8;
  while (pos + 8 <= data.length) {
    const length = data.readUInt32BE(pos);
    const type = data.toString("latin1", pos + 4, pos + 8);
    const end = pos + 8 + length + 4; // the body, then its CRC
    if (end > data.length) return null;
    out.push({ type, body: data.subarray(pos + 8, pos + 8 + length) });
    if (type === "IEND") return out;
    pos = end;
  }
  return null;
}

/**
 * Each pass's rows and their bytes after the filter byte, as png-js reads them: a pass with no column
 * (an image 4 pixels wide or less) still has its rows read, one filter byte each, where a PNG encoder
 * writes nothing — so such an image fails the check, as it would fail png-js.
 */
function passesOf(h: Header): { rows: number; rowBytes: number }[] {
  const passes = h.interlaced ? ADAM7 : ([[0, 0, 1, 1]] as const);
  return passes.map(([x0, y0, dx, dy]) => {
    const columns = Math.ceil((h.width - x0) / dx);
    return {
      rows: Math.max(0, Math.ceil((h.height - y0) / dy)),
      rowBytes: columns > 0 ? Math.ceil((columns * h.bitsPerPixel) / 8) : 0,
    };
  });
}

/** Every row starts with a filter png-js knows (0–4). */
function filtersKnown(pixels: Buffer, passes: { rows: number; rowBytes: number }[]): boolean {
  let pos = 0;
  for (const { rows, rowBytes } of passes) {
    for (let r = 0; r < rows; r++) {
      if (pixels.readUInt8(pos) > 4) return false;
      pos += 1 + rowBytes;
    }
  }
  return true;
}
