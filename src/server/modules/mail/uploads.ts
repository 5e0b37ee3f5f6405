/**
 * Files people attach to a ticket by hand — the client in the portal, staff in the app — kept like a
 * mail's attachments (MESA_DATA_DIR/attachments, same size limit, type told by the bytes, safe name), so
 * every way a file arrives ends in the one list of the ticket's attachments.
 */
import fs from "node:fs";
import path from "node:path";
import type { FastifyReply } from "fastify";
import type { Transaction } from "kysely";
import type { AttachmentSource, MailAttachment } from "../../../contract/mail.js";
import type { Visibility } from "../../../contract/tickets.js";
import { ATTACHMENT_MAX_BYTES } from "../../../domain/file-size.js";
import type { AppContext } from "../../context.js";
import type { DB } from "../../platform/database/schema.js";
import { AppError, invalid, notFound } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { historyRepo, type TicketRow } from "../tickets/repository.js";
import { attachmentPath, safeFilename, sniffContentType } from "./attachments.js";
import { type AttachmentRow, mailRepo } from "./repository.js";

export interface Upload {
  ticketId: string;
  filename: string;
  dataBase64: string;
  source: Exclude<AttachmentSource, "mail">;
  uploadedBy: string;
  visibility: Visibility;
}

/** A cancelled ticket takes no more files, as it takes no more messages. */
export function requireTakesFiles(ticket: Pick<TicketRow, "status">): void {
  if (ticket.status === "cancelled") throw new AppError("invalid_transition", "ticket.cancelled");
}

/** The file's bytes; the contract checked the Base64 alphabet and length, not what it decodes to. */
function decodedFile(dataBase64: string): Buffer {
  const data = Buffer.from(dataBase64, "base64");
  if (data.length === 0) throw invalid("attachment.empty", {}, { field: "dataBase64" });
  if (data.length > ATTACHMENT_MAX_BYTES)
    throw new AppError("payload_too_large", "attachment.too_large", {}, { field: "dataBase64" });
  return data;
}

/**
 * Writes the file, then lets `record` insert its row (with whatever else must commit with it, such as a
 * history line). A row that fails to commit takes its file with it, so no file is left unlisted.
 */
export async function storeUpload(
  ctx: AppContext,
  upload: Upload,
  record: (row: AttachmentRow) => Promise<unknown>,
): Promise<AttachmentRow> {
  const data = decodedFile(upload.dataBase64);
  const id = newId();
  const rel = path.join(upload.source, upload.ticketId, id);
  const file = attachmentPath(ctx.config.dataDir, rel);
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await fs.promises.writeFile(file, data);
  const row: AttachmentRow = {
    id,
    ticket_id: upload.ticketId,
    // Not from a mail: the source marker keeps the column's meaning ("where it came from").
    inbound_id: upload.source,
    filename: safeFilename(upload.filename, 0),
    content_type: sniffContentType(data),
    size: data.length,
    path: rel,
    created_at: ctx.clock().toISOString(),
    uploaded_by: upload.uploadedBy,
    visibility: upload.visibility,
  };
  try {
    await record(row);
  } catch (err) {
    await fs.promises.rm(file, { force: true });
    throw err;
  }
  return row;
}

/**
 * The attachment's row and its line in the ticket's history, in one commit (staff and portal alike),
 * with whatever else must happen exactly when the file is listed (`alsoInCommit`: the client's mail).
 */
export const listedWithHistory =
  (
    ctx: AppContext,
    actorId: string,
    alsoInCommit?: (trx: Transaction<DB>, r: AttachmentRow) => Promise<unknown>,
  ) =>
  (r: AttachmentRow) =>
    ctx.db.transaction().execute(async (trx) => {
      await mailRepo.addAttachment(trx, r);
      await historyRepo.add(trx, {
        ticketId: r.ticket_id,
        at: r.created_at,
        actorId,
        action: "attachment",
        changes: { attachmentId: r.id, filename: r.filename, size: r.size, visibility: r.visibility },
      });
      await alsoInCommit?.(trx, r);
    });

/** Where a row came from: uploads carry their source as inbound_id, a mail's carries the mail's id. */
const sourceOf = (row: Pick<AttachmentRow, "inbound_id">): AttachmentSource =>
  row.inbound_id === "portal" || row.inbound_id === "staff" ? row.inbound_id : "mail";

/** A row as staff read it. */
export const toAttachment = (row: AttachmentRow, uploadedByName: string | null): MailAttachment => ({
  id: row.id,
  filename: row.filename,
  contentType: row.content_type,
  size: row.size,
  createdAt: row.created_at,
  visibility: row.visibility,
  source: sourceOf(row),
  uploadedByName,
});

/**
 * The stored file of one of the ticket's attachments. The portal asks with `clientOnly`: an internal
 * file is answered 404 exactly like a missing one, so the client cannot learn it exists.
 */
export async function storedFile(
  ctx: AppContext,
  ticketId: string,
  attId: string,
  opts: { clientOnly: boolean },
) {
  const att = await mailRepo.attachment(ctx.db, ticketId, attId);
  if (!att || (opts.clientOnly && att.visibility !== "client")) throw notFound("attachment");
  const file = attachmentPath(ctx.config.dataDir, att.path);
  if (!fs.existsSync(file)) throw notFound("attachment_file");
  return { file, filename: att.filename, contentType: att.content_type };
}

/**
 * A stored file as a download (staff and portal alike): always `attachment` (never shown inline, so a
 * file that is HTML or SVG inside runs nothing), its name percent-encoded, its type never sniffed.
 */
export function sendStoredFile(reply: FastifyReply, f: Awaited<ReturnType<typeof storedFile>>) {
  return reply
    .type(f.contentType)
    .header("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(f.filename)}`)
    .header("X-Content-Type-Options", "nosniff")
    .send(fs.createReadStream(f.file));
}
