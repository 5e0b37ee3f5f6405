import fs from "node:fs";
import path from "node:path";
import type { z } from "zod";
import type { PortalAttachment, PortalAttachmentBody } from "../../../contract/portal.js";
import type { AppContext } from "../../context.js";
import { AppError, invalid, notFound } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { MAX_ATTACHMENT_BYTES, safeFilename, sniffContentType } from "../mail/attachments.js";
import { mailRepo } from "../mail/repository.js";
import { ticketsRepo } from "../tickets/repository.js";
import { type PortalCaller, requireInScope } from "./policy.js";
import { portalRepo } from "./repository.js";

/**
 * A file the client attaches in the portal: kept like a mail's attachment (MESA_DATA_DIR/attachments,
 * same size limit, type told by its bytes, safe name), so staff see it in the ticket's attachment list.
 */
export async function uploadAttachment(
  ctx: AppContext,
  c: PortalCaller,
  ticketId: string,
  body: z.output<typeof PortalAttachmentBody>,
): Promise<PortalAttachment> {
  const ticket = requireInScope(c, await ticketsRepo.byId(ctx.db, ticketId));
  if (ticket.status === "cancelled") throw new AppError("invalid_transition", "ticket.cancelled");
  const data = Buffer.from(body.dataBase64, "base64");
  if (data.length === 0) throw invalid("attachment.empty", {}, { field: "dataBase64" });
  if (data.length > MAX_ATTACHMENT_BYTES)
    throw new AppError("payload_too_large", "attachment.too_large", {}, { field: "dataBase64" });
  const id = newId();
  const rel = path.join("portal", ticket.id, id);
  const file = path.join(ctx.config.dataDir, "attachments", rel);
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await fs.promises.writeFile(file, data);
  const row = {
    id,
    ticket_id: ticket.id,
    // Not from a mail: the portal marker keeps the column's meaning ("where it came from").
    inbound_id: "portal",
    filename: safeFilename(body.filename, 0),
    content_type: sniffContentType(data),
    size: data.length,
    path: rel,
    created_at: ctx.clock().toISOString(),
    uploaded_by: c.actor.id,
  };
  try {
    await portalRepo.addAttachment(ctx.db, row);
  } catch (err) {
    await fs.promises.rm(file, { force: true });
    throw err;
  }
  return {
    id,
    filename: row.filename,
    contentType: row.content_type,
    size: row.size,
    createdAt: row.created_at,
  };
}

/** The stored file of an attachment of a ticket in scope; another company's id is a 404 like a missing one. */
export async function attachmentFile(ctx: AppContext, c: PortalCaller, ticketId: string, attId: string) {
  const ticket = requireInScope(c, await ticketsRepo.byId(ctx.db, ticketId));
  const att = await mailRepo.attachment(ctx.db, ticket.id, attId);
  if (!att) throw notFound("attachment");
  const file = path.join(ctx.config.dataDir, "attachments", att.path);
  if (!fs.existsSync(file)) throw notFound("attachment_file");
  return { file, filename: att.filename, contentType: att.content_type };
}
