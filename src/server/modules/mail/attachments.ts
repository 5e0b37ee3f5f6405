import fs from "node:fs/promises";
import path from "node:path";
import type { Attachment } from "mailparser";
import { ATTACHMENT_MAX_BYTES } from "../../../domain/file-size.js";
import { newId } from "../../platform/ids.js";

/** Where a ticket's attachment lives on disk: `rel` (its row's `path`) under MESA_DATA_DIR/attachments. */
export const attachmentPath = (dataDir: string, rel: string) => path.join(dataDir, "attachments", rel);
const MAX_ATTACHMENTS = 50;

const MAGIC: [string, number[], number?][] = [
  ["application/pdf", [0x25, 0x50, 0x44, 0x46]],
  ["image/png", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ["image/jpeg", [0xff, 0xd8, 0xff]],
  ["image/gif", [0x47, 0x49, 0x46, 0x38]],
  ["application/zip", [0x50, 0x4b, 0x03, 0x04]],
  ["application/gzip", [0x1f, 0x8b]],
  ["image/bmp", [0x42, 0x4d]],
  ["application/x-7z-compressed", [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ["application/vnd.ms-office", [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
];

/**
 * The type a file really is, from its first bytes; what the sender declared is not trusted (a page
 * named invoice.pdf must not be served as HTML). Unknown content is application/octet-stream.
 */
export function sniffContentType(data: Buffer): string {
  for (const [type, bytes, offset = 0] of MAGIC) {
    if (data.length >= offset + bytes.length && bytes.every((b, i) => data[offset + i] === b)) return type;
  }
  if (
    data.length >= 12 &&
    data.toString("latin1", 0, 4) === "RIFF" &&
    data.toString("latin1", 8, 12) === "WEBP"
  )
    return "image/webp";
  return "application/octet-stream";
}

/** A file name safe on any disk and in a Content-Disposition header. */
export function safeFilename(name: string | undefined, index: number): string {
  const base = (name ?? "")
    .normalize("NFC")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f/\\:*?"<>|]+/g, "_")
    .replace(/^\.+/, "")
    .slice(0, 150)
    .trim();
  return base || `adjunto-${index + 1}`;
}

export interface SavedAttachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  path: string;
}

/** Writes the mail's attachments under MESA_DATA_DIR/attachments/<inbound id>/ ; oversize ones are skipped. */
export async function saveAttachments(
  dataDir: string,
  inboundId: string,
  list: Attachment[],
): Promise<SavedAttachment[]> {
  const kept = list
    .filter((a) => a.content.length > 0 && a.content.length <= ATTACHMENT_MAX_BYTES)
    .slice(0, MAX_ATTACHMENTS);
  if (kept.length === 0) return [];
  const dir = attachmentPath(dataDir, inboundId);
  await fs.mkdir(dir, { recursive: true });
  const saved: SavedAttachment[] = [];
  for (const [i, a] of kept.entries()) {
    const id = newId();
    const rel = path.join(inboundId, id);
    await fs.writeFile(attachmentPath(dataDir, rel), a.content);
    saved.push({
      id,
      filename: safeFilename(a.filename, i),
      contentType: sniffContentType(a.content),
      size: a.content.length,
      path: rel,
    });
  }
  return saved;
}
