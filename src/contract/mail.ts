import { z } from "zod";
import { BaseVersion, Id, Line, PageLimit } from "./common.js";
import { PortalAttachmentBody } from "./portal.js";
import { Visibility } from "./tickets.js";

export const OUTBOX_STATUSES = ["queued", "sending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** What an outbox mail is: the message family it was made for. */
export const OUTBOX_KINDS = [
  "autoreply",
  "message",
  "portal_link",
  "portal_invite",
  "portal_address",
  "portal_survey",
  "service_order",
  "staff_notice",
  "attachment",
] as const;
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/** How a received mail came in, and what became of it (the inbound_mail table; not in the HTTP API). */
export const INBOUND_SOURCES = ["smtp", "imap"] as const;
export type InboundSource = (typeof INBOUND_SOURCES)[number];
export const INBOUND_STATUSES = ["received", "processed", "quarantined"] as const;
export type InboundStatus = (typeof INBOUND_STATUSES)[number];

export const OutboxQuery = z.object({
  status: z.enum(OUTBOX_STATUSES).optional(),
  limit: PageLimit(500, 100),
});

export const OutboxMail = z.object({
  id: Id,
  kind: z.enum(OUTBOX_KINDS),
  ticketId: z.string().nullable(),
  to: z.string(),
  subject: z.string(),
  status: z.enum(OUTBOX_STATUSES),
  attempts: z.number(),
  lastError: z.string().nullable(),
  messageId: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export const OutboxList = z.object({
  /** False while MESA_SMTP_URL is unset: mail waits in the queue. */
  configured: z.boolean(),
  items: z.array(OutboxMail),
});

/** Where a ticket's file came from: a client's mail, the client in the portal, or staff in the app. */
export const AttachmentSource = z.enum(["mail", "portal", "staff"]);
export type AttachmentSource = z.infer<typeof AttachmentSource>;

/** A ticket's file as staff see it; `internal` ones are never listed or served in the portal. */
export const MailAttachment = z.object({
  id: Id,
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  createdAt: z.string(),
  visibility: Visibility,
  source: AttachmentSource,
  /** Who uploaded it (a staff member or the portal contact); null for a file that came by mail. */
  uploadedByName: z.string().nullable(),
});
export type MailAttachment = z.infer<typeof MailAttachment>;

/**
 * A file staff just attached, and its mail to the client: `mailedTo` is the contact's address it was
 * queued for (null: internal, or the contact has no e-mail), `mailedAttached` whether the file rides in
 * the mail (false past 7 MB: the mail names it instead).
 */
export const StaffAttachmentAnswer = MailAttachment.extend({
  mailedTo: z.string().nullable(),
  mailedAttached: z.boolean(),
});

/** A file staff attach to a ticket: the portal's shape and limits, and who may see it (the client by default). */
export const StaffAttachmentBody = PortalAttachmentBody.extend({ visibility: Visibility.default("client") });
export type StaffAttachmentBody = z.input<typeof StaffAttachmentBody>;
export const MailAttachmentList = z.object({ items: z.array(MailAttachment) });
export const AttachmentParams = z.object({ id: Id, attId: Id });

export const MailSettings = z.strictObject({
  /**
   * The name mails are signed with (From display name and signature) while the firm's profile
   * (`PUT /api/settings/company`, set by the setup page) has none; once it has one, mails use it.
   */
  companyName: Line(120).meta({
    description:
      "Firma de los correos (nombre del remitente) mientras el perfil de la empresa no tenga nombre; con él, los correos usan el del perfil.",
  }),
  /** Auto-replies to one sender per hour at most. */
  autoRepliesPerHour: z.number().int().min(0).max(1000),
});
export const MailSettingsBody = MailSettings.extend({ version: BaseVersion });
export const MailSettingsRecord = MailSettings.extend({ version: z.number() });

/** Links an unknown sender's e-mail to a client (and contact) so their next mails become tickets. */
export const LinkSenderBody = z.strictObject({ clientId: Id, contactId: Id.nullable().optional() });
