import type { Transaction } from "kysely";
import type { z } from "zod";
import type { MailAttachment, StaffAttachmentBody } from "../../../contract/mail.js";
import type { Actor, AppContext } from "../../context.js";
import type { DB } from "../../platform/database/schema.js";
import { requireVisible } from "../tickets/policy.js";
import { ticketsRepo } from "../tickets/repository.js";
import { queueAttachmentNotice } from "./notify.js";
import { assertMayAttachFiles } from "./policy.js";
import type { AttachmentRow } from "./repository.js";
import { listedWithHistory, requireTakesFiles, storeUpload, toAttachment } from "./uploads.js";

/**
 * A file staff attach to a ticket (a photo of the label the senior asked for, a signed report): kept
 * with the ticket's other attachments, client-visible unless marked internal, and a line of its
 * history in the same commit, with the client's mail when the file is theirs to see. The ticket's version is left alone: adding a file edits nothing of it.
 */
export async function uploadStaffAttachment(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  body: z.output<typeof StaffAttachmentBody>,
): Promise<MailAttachment> {
  assertMayAttachFiles(actor);
  const ticket = requireVisible(actor, await ticketsRepo.byId(ctx.db, ticketId));
  requireTakesFiles(ticket);
  const upload = { ...body, ticketId: ticket.id, source: "staff", uploadedBy: actor.id } as const;
  // A file the client may see is mailed to the client, as a staff message is (notify.ts).
  const mailed = (trx: Transaction<DB>, r: AttachmentRow, data: Buffer) =>
    queueAttachmentNotice(ctx, trx, ticket, {
      filename: r.filename,
      contentType: r.content_type,
      data,
      author: actor.name,
    });
  const row = await storeUpload(
    ctx,
    upload,
    listedWithHistory(ctx, actor.id, body.visibility === "client" ? mailed : undefined),
  );
  return toAttachment(row, actor.name);
}
