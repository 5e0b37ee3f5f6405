import type { z } from "zod";
import type { PortalAttachment, PortalAttachmentBody } from "../../../contract/portal.js";
import type { AppContext } from "../../context.js";
import { listedWithHistory, requireTakesFiles, storedFile, storeUpload } from "../mail/uploads.js";
import { ticketsRepo } from "../tickets/repository.js";
import { type PortalCaller, requireInScope } from "./policy.js";

/**
 * A file the client attaches in the portal: stored like any upload (mail/uploads.ts) and always
 * client-visible, so staff see it in the ticket's attachment list (and its history) and the client
 * sees it again here.
 */
export async function uploadAttachment(
  ctx: AppContext,
  c: PortalCaller,
  ticketId: string,
  body: z.output<typeof PortalAttachmentBody>,
): Promise<PortalAttachment> {
  const ticket = requireInScope(c, await ticketsRepo.byId(ctx.db, ticketId));
  requireTakesFiles(ticket);
  const upload = { ...body, ticketId: ticket.id, source: "portal", uploadedBy: c.actor.id } as const;
  // Listed in the ticket's history too, as a staff upload is: who sent which file, when.
  const row = await storeUpload(ctx, { ...upload, visibility: "client" }, listedWithHistory(ctx, c.actor.id));
  return toPortalAttachment(row);
}

export const toPortalAttachment = (a: {
  id: string;
  filename: string;
  content_type: string;
  size: number;
  created_at: string;
}): PortalAttachment => ({
  id: a.id,
  filename: a.filename,
  contentType: a.content_type,
  size: a.size,
  createdAt: a.created_at,
});

/**
 * The stored file of a client-visible attachment of a ticket in scope; another company's id, or a file
 * staff keep internal, is a 404 like a missing one.
 */
export async function attachmentFile(ctx: AppContext, c: PortalCaller, ticketId: string, attId: string) {
  const ticket = requireInScope(c, await ticketsRepo.byId(ctx.db, ticketId));
  return storedFile(ctx, ticket.id, attId, { clientOnly: true });
}
