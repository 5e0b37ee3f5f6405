import { deflateSync } from "node:zlib";
import { ADAM7, CHANNELS, PNG_SIGNATURE } from "../../src/server/platform/pdf/image-check.js";

/** PNGs built byte by byte, to test what a damaged image does (image-check.ts). */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = (CRC_TABLE[(c ^ byte) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function pngChunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type, "latin1"), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

export interface PngSpec {
  width: number;
  height: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  colourType: 0 | 2 | 3 | 4 | 6;
  interlaced?: boolean;
  /** The IDAT's bytes as given (a damaged stream); else the rows, deflated. */
  idat?: Buffer;
  /** Each row's filter byte (0–4 are PNG's). */
  filter?: number;
  /** Extra chunks before IDAT (PLTE, tRNS). */
  before?: Buffer[];
  /** Leave IEND out (a cut file). */
  noEnd?: boolean;
  /** Bytes appended to IHDR's 13 (a malformed header). */
  ihdrExtra?: Buffer;
}

/** The rows an 8-bit image of the spec has (each pass's, when interlaced), filled with a grey. */
export function pngRows(spec: PngSpec): Buffer {
  const bytesPerPixel = CHANNELS[spec.colourType] ?? 1;
  const passes = spec.interlaced ? ADAM7 : ([[0, 0, 1, 1]] as const);
  const rows: Buffer[] = [];
  for (const [x0, y0, dx, dy] of passes) {
    const columns = Math.ceil((spec.width - x0) / dx);
    const count = Math.ceil((spec.height - y0) / dy);
    if (columns <= 0 || count <= 0) continue;
    for (let r = 0; r < count; r++)
      rows.push(
        Buffer.concat([Buffer.from([spec.filter ?? 0]), Buffer.alloc(columns * bytesPerPixel, 0x80)]),
      );
  }
  return Buffer.concat(rows);
}

export function png(spec: PngSpec): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(spec.width, 0);
  ihdr.writeUInt32BE(spec.height, 4);
  ihdr.writeUInt8(8, 8);
  ihdr.writeUInt8(spec.colourType, 9);
  ihdr.writeUInt8(spec.interlaced ? 1 : 0, 12);
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk("IHDR", spec.ihdrExtra ? Buffer.concat([ihdr, spec.ihdrExtra]) : ihdr),
    ...(spec.before ?? []),
    pngChunk("IDAT", spec.idat ?? deflateSync(pngRows(spec))),
    ...(spec.noEnd ? [] : [pngChunk("IEND", Buffer.alloc(0))]),
  ]);
}
