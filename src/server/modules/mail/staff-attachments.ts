import type { Transaction } from "kysely";
import type { z } from "zod";
import type { StaffAttachmentAnswer, StaffAttachmentBody } from "../../../contract/mail.js";
import type { Actor, AppContext } from "../../context.js";
import type { DB } from "../../platform/database/schema.js";
import { requireVisible } from "../tickets/policy.js";
import { ticketsRepo } from "../tickets/repository.js";
import { type FileMail, queueAttachmentNotice } from "./notify.js";
import { assertMayAttachFiles } from "./policy.js";
import type { AttachmentRow } from "./repository.js";
import { listedWithHistory, requireTakesFiles, storeUpload, toAttachment } from "./uploads.js";

/**
 * A file staff attach to a ticket (a photo of the label the senior asked for, a signed report): kept
 * with the ticket's other attachments, client-visible unless marked internal, and a line of its
 * history in the same commit, with the mail to the ticket's contact when the file is theirs to see
 * (the answer says where it went, so the uploader knows). The ticket's version is left alone: adding
 * a file edits nothing of it.
 */
export async function uploadStaffAttachment(
  ctx: AppContext,
  actor: Actor,
  ticketId: string,
  body: z.output<typeof StaffAttachmentBody>,
): Promise<z.infer<typeof StaffAttachmentAnswer>> {
  assertMayAttachFiles(actor);
  const ticket = requireVisible(actor, await ticketsRepo.byId(ctx.db, ticketId));
  requireTakesFiles(ticket);
  const upload = { ...body, ticketId: ticket.id, source: "staff", uploadedBy: actor.id } as const;
  let mail: FileMail | null = null;
  const mailed = async (trx: Transaction<DB>, r: AttachmentRow) => {
    mail = await queueAttachmentNotice(ctx, trx, ticket, {
      filename: r.filename,
      contentType: r.content_type,
      size: r.size,
      storedFile: r.path,
      author: actor.name,
    });
  };
  const row = await storeUpload(
    ctx,
    upload,
    listedWithHistory(ctx, actor.id, body.visibility === "client" ? mailed : undefined),
  );
  const sent = mail as FileMail | null;
  return {
    ...toAttachment(row, actor.name),
    mailedTo: sent?.to ?? null,
    mailedAttached: sent?.attached ?? false,
  };
}
