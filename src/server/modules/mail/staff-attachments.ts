import type { z } from "zod";
import type { MailAttachment, StaffAttachmentBody } from "../../../contract/mail.js";
import type { Actor, AppContext } from "../../context.js";
import { requireVisible } from "../tickets/policy.js";
import { historyRepo, ticketsRepo } from "../tickets/repository.js";
import { assertMayAttachFiles } from "./policy.js";
import { type AttachmentRow, mailRepo } from "./repository.js";
import { requireTakesFiles, storeUpload, toAttachment } from "./uploads.js";

/**
 * A file staff attach to a ticket (a photo of the label the senior asked for, a signed report): kept
 * with the ticket's other attachments, client-visible unless marked internal, and a line of its
 * history in the same commit. The ticket's version is left alone: adding a file edits nothing of it.
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
  const row = await storeUpload(ctx, upload, listedWithHistory(ctx, actor.id));
  return toAttachment(row, actor.name);
}

/** The attachment's row and its line in the ticket's history, in one commit (staff and portal alike). */
export const listedWithHistory = (ctx: AppContext, actorId: string) => (r: AttachmentRow) =>
  ctx.db.transaction().execute(async (trx) => {
    await mailRepo.addAttachment(trx, r);
    await historyRepo.add(trx, {
      ticketId: r.ticket_id,
      at: r.created_at,
      actorId,
      action: "attachment",
      changes: { attachmentId: r.id, filename: r.filename, size: r.size, visibility: r.visibility },
    });
  });
