import { z } from "zod";
import { ATTACHMENT_MAX_BYTES } from "../domain/file-size.js";
import { TicketForClient } from "./client-facing.js";
import { Id, Line, OptionalText, Text } from "./common.js";
import { ServiceOrder } from "./service-orders.js";
import { SurveyBody } from "./surveys.js";

// What the client portal (/api/portal) reads and sends. Every answer is an allow-list built on the
// client-facing shapes: no internal notes or calls, no minutes, charges or billing, no staff ids.

/** An e-mail as typed; anything longer than an address can be is refused before it is looked up. */
export const MagicLinkBody = z.strictObject({ email: z.string().trim().min(3).max(254) });

/** The token from the link: base64url, fixed length; anything else is refused as 400 before the database. */
export const PortalSessionBody = z.strictObject({ token: z.string().min(1).max(200) });

export const PortalUser = z.object({
  id: Id,
  email: z.string(),
  name: z.string(),
  clientId: Id,
  clientName: z.string(),
  contactId: Id,
  /** Sees every ticket of its company, not only its own. */
  companyAdmin: z.boolean(),
  locale: z.enum(["es-MX", "en"]),
});
export type PortalUser = z.infer<typeof PortalUser>;

/** GET /api/portal/me: the signed-in contact and the CSRF token its writes echo. */
export const PortalMe = z.object({ user: PortalUser, csrfToken: z.string() });

/** PATCH /api/portal/me: the language the portal shows, which the firm's mails to the contact then use. */
export const PortalMePatch = z.strictObject({ locale: z.enum(["es-MX", "en"]) });

export const PortalSession = z.object({
  user: PortalUser,
  csrfToken: z.string(),
  /** Where the portal goes after signing in (a ticket's survey, from the survey mail). */
  next: z.string().nullable(),
});

export const PortalTicket = TicketForClient.pick({
  id: true,
  folio: true,
  status: true,
  clientName: true,
  contactName: true,
  title: true,
  description: true,
  urgent: true,
  channel: true,
  serviceKind: true,
  assigneeName: true,
  receivedAt: true,
  responseDueAt: true,
  respondedAt: true,
  responseBreached: true,
  businessMinutesLeft: true,
  slaState: true,
  estimatedSolutionAt: true,
  createdAt: true,
  updatedAt: true,
  closedAt: true,
  /** Who accepted the work and when (null while an attended request waits for the client's word). */
  acceptance: true,
});
export type PortalTicket = z.infer<typeof PortalTicket>;
export const PortalTicketList = z.object({ items: z.array(PortalTicket) });

export const PortalMessage = z.object({
  id: Id,
  authorName: z.string().nullable(),
  /** Written by the client's side (portal or e-mail), not by the firm. */
  fromClient: z.boolean(),
  body: z.string(),
  createdAt: z.string(),
});
export type PortalMessage = z.infer<typeof PortalMessage>;

export const PortalStep = z.object({
  at: z.string(),
  action: z.string(),
  toStatus: z.string().nullable(),
  reason: z.string().nullable(),
});

export const PortalAttachment = z.object({
  id: Id,
  filename: z.string(),
  contentType: z.string(),
  size: z.number(),
  createdAt: z.string(),
});
export type PortalAttachment = z.infer<typeof PortalAttachment>;

/** `open`: closed and not yet answered — the contact may answer it; `answered`/`closed_out`: no more. */
export const PortalSurveyState = z.enum(["not_yet", "open", "answered", "closed_out"]);

export const PortalTicketDetail = PortalTicket.extend({
  messages: z.array(PortalMessage),
  timeline: z.array(PortalStep),
  attachments: z.array(PortalAttachment),
  survey: PortalSurveyState,
});
export type PortalTicketDetail = z.infer<typeof PortalTicketDetail>;

export const PortalTicketCreateBody = z.strictObject({
  title: Line(200),
  description: OptionalText(20_000).optional(),
  /** The answer to "¿el sistema ya estaba en operación y dejó de funcionar?": yes makes it urgent (SPEC §1). */
  wasWorking: z.boolean(),
});
export type PortalTicketCreateBody = z.input<typeof PortalTicketCreateBody>;

export const PortalMessageBody = z.strictObject({ body: Text(20_000) });

export const PortalAttachmentBody = z.strictObject({
  filename: Line(200),
  dataBase64: z
    .string()
    .min(1)
    .max(Math.ceil(ATTACHMENT_MAX_BYTES / 3) * 4 + 4) // the largest file, as base64
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, "input.base64"),
});

export const PortalSurveyBody = SurveyBody;

/** What a mailed portal link is for (the portal_links table). */
/** `invite`: the first link, in the invitation mail staff's «Invitar al portal» sends. */
export type PortalLinkPurpose = "sign_in" | "survey" | "invite";

export const PortalInfo = z.object({
  companyName: z.string(),
  /** "lun–vie 09:00–17:00 (hora estándar central)", in the caller's language. */
  openingHours: z.string(),
  timeZone: z.string(),
  supportAddress: z.string(),
});
export type PortalInfo = z.infer<typeof PortalInfo>;

export const PortalTicketParams = z.object({ id: Id });
export const PortalAttachmentParams = z.object({ id: Id, attId: Id });

/**
 * A ticket's service order in the portal: null until the work is attended; `canDecide` while it waits
 * for the client's answer (attended, not yet accepted).
 */
export const PortalServiceOrder = z.object({
  order: ServiceOrder.nullable(),
  canDecide: z.boolean(),
});
export type PortalServiceOrder = z.infer<typeof PortalServiceOrder>;

/** The contact accepts or rejects; a rejection needs its reason. The signer is the signed-in contact. */
export const PortalOrderDecisionBody = z
  .strictObject({
    decision: z.enum(["accept", "reject"]),
    reason: z.string().trim().max(2000).optional(),
  })
  .refine((b) => b.decision === "accept" || (b.reason ?? "").length > 0, {
    message: "input.rejection_reason",
    path: ["reason"],
  });
