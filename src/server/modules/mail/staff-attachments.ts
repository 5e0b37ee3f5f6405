import type { z } from "zod";
import type { MailAttachment, StaffAttachmentBody } from "../../../contract/mail.js";
import type { Actor, AppContext } from "../../context.js";
import { requireVisible } from "../tickets/policy.js";
import { ticketsRepo } from "../tickets/repository.js";
import { assertMayAttachFiles } from "./policy.js";
import { listedWithHistory, requireTakesFiles, storeUpload, toAttachment } from "./uploads.js";

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
