import { inflateSync } from "node:zlib";

/**
 * Whether pdfkit can draw an image without failing out of reach. A PNG with transparency is decoded
 * by png-js, which inflates its pixels in a zlib callback and throws from there on a damaged stream or
 * an unknown row filter: no try/catch around `doc.image` sees it, and the process dies. So a PNG is
 * checked here as that decoder reads it: a whole zlib stream whose every row starts with a known
 * filter and whose rows fill the image. A JPEG is parsed by pdfkit at once (its errors are catchable).
 */
export function drawableImage(data: Buffer): boolean {
  if (isPng(data)) return pngDecodes(data);
  return data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const isPng = (data: Buffer) => data.subarray(0, 8).equals(PNG_SIGNATURE);

/** Samples per pixel by colour type (PNG §11.2.2); bit depths each type allows. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};
/** Adam7's passes: first column and row, then the step between columns and between rows. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;
const MAX_SIDE = 10_000;

interface Header {
  width: number;
  height: number;
  bitsPerPixel: number;
  interlaced: boolean;
}

function pngDecodes(data: Buffer): boolean {
  const chunks = pngChunks(data);
  const ihdr = chunks?.find((c) => c.type === "IHDR")?.body;
  if (!chunks || !ihdr || ihdr.length < 13) return false;
  const header = headerOf(ihdr);
  if (!header) return false;
  let pixels: Buffer;
  try {
    pixels = inflateSync(Buffer.concat(chunks.filter((c) => c.type === "IDAT").map((c) => c.body)));
  } catch {
    return false;
  }
  return rowsFill(pixels, header);
}

function headerOf(ihdr: Buffer): Header | null {
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const depth = ihdr.readUInt8(8);
  const colourType = ihdr.readUInt8(9);
  const channels = CHANNELS[colourType];
  if (!channels || !DEPTHS[colourType]?.includes(depth)) return null;
  if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) return null;
  return { width, height, bitsPerPixel: channels * depth, interlaced: ihdr.readUInt8(12) === 1 };
}

/** The chunks in order, or null when one runs past the end of the file. */
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

/** Every row of every pass starts with a filter png-js knows (0–4), and the rows fill the data. */
function rowsFill(pixels: Buffer, h: Header): boolean {
  const passes = h.interlaced ? ADAM7 : ([[0, 0, 1, 1]] as const);
  let pos = 0;
  for (const [x0, y0, dx, dy] of passes) {
    const columns = Math.ceil((h.width - x0) / dx);
    const rows = Math.ceil((h.height - y0) / dy);
    if (columns <= 0 || rows <= 0) continue;
    const rowBytes = Math.ceil((columns * h.bitsPerPixel) / 8);
    for (let r = 0; r < rows; r++) {
      if (pos + 1 + rowBytes > pixels.length || pixels.readUInt8(pos) > 4) return false;
      pos += 1 + rowBytes;
    }
  }
  return true;
}
