import { z } from "zod";
import { Id, Line } from "./common.js";
import { AttentionMode, ChargeKind } from "./tickets.js";

/** How a service order was accepted or rejected: the mailed link, the portal, or on site before the technician. */
export const DecisionMethod = z.enum(["link", "portal", "onsite"]);
export type DecisionMethod = z.infer<typeof DecisionMethod>;

/** The outcome a decision records. */
export const OrderDecision = z.enum(["accepted", "rejected"]);
export type OrderDecision = z.infer<typeof OrderDecision>;

export const ServiceOrderDecision = z.object({
  decision: OrderDecision,
  method: DecisionMethod,
  signerName: z.string().nullable(),
  reason: z.string().nullable(),
  at: z.string(),
});

/** The service order as the client reads it (no internal notes, no staff-only fields). */
export const ServiceOrder = z.object({
  ticketId: z.string(),
  folio: z.string(),
  title: z.string(),
  status: z.string(),
  clientName: z.string(),
  contactName: z.string().nullable(),
  company: z.object({
    name: z.string(),
    rfc: z.string().nullable(),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
  }),
  activities: z.array(
    z.object({ at: z.string(), mode: AttentionMode, minutes: z.number(), activity: z.string() }),
  ),
  minutesByMode: z.array(z.object({ mode: AttentionMode, minutes: z.number() })),
  totalMinutes: z.number(),
  charges: z.array(
    z.object({
      kind: ChargeKind,
      description: z.string(),
      quantity: z.number(),
      unitPriceCents: z.number(),
      amountCents: z.number(),
    }),
  ),
  chargesTotalCents: z.number(),
  /** The latest decision on it, if any. */
  decision: ServiceOrderDecision.nullable(),
});
export type ServiceOrder = z.infer<typeof ServiceOrder>;

/** What the public acceptance page shows for a valid link. */
export const ServiceOrderParams = z.object({ ticketId: Id });

export const ServiceOrderByLink = z.object({
  order: ServiceOrder,
  expiresAt: z.string(),
});

export const LinkQuery = z.object({ token: z.string().min(1).max(500) });

/** Accept or reject by the mailed link; a rejection needs its reason. */
export const LinkDecisionBody = z
  .strictObject({
    token: z.string().min(1).max(500),
    decision: z.enum(["accept", "reject"]),
    name: Line(200),
    reason: z.string().trim().max(2000).optional(),
  })
  .refine((b) => b.decision === "accept" || (b.reason ?? "").length > 0, {
    message: "input.rejection_reason",
    path: ["reason"],
  });

export const NOTIFICATION_MAIL_KINDS = [
  "escalation",
  "assignment",
  "sent_back",
  "urgent_request",
  "client_message",
] as const;
export const NotificationMailKind = z.enum(NOTIFICATION_MAIL_KINDS);
export type NotificationMailKind = z.infer<typeof NotificationMailKind>;

/** Which notification kinds also come by e-mail, for the signed-in staff user. */
export const NotificationPrefs = z.object({
  email: z.record(NotificationMailKind, z.boolean()),
});
export type NotificationPrefs = z.infer<typeof NotificationPrefs>;
export const NotificationPrefsBody = z.strictObject({
  email: z.partialRecord(NotificationMailKind, z.boolean()),
});
