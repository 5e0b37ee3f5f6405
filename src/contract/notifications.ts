import { z } from "zod";
import { PageLimit } from "./common.js";

/** The parameters of a coded text: names to strings or numbers, as the ICU catalogues take them. */
export const MessageParams = z.record(z.string(), z.union([z.string(), z.number()]));

/** A text for a person as a stable code, its parameters, and the text rendered in the caller's language. */
export const CodedText = z.object({
  code: z.string(),
  params: MessageParams,
  text: z.string(),
});

export const Notification = z.object({
  id: z.string(),
  ticketId: z.string().nullable(),
  kind: z.string(),
  /** `notification.*` code and parameters; `message` is its text in the reader's language. */
  code: z.string(),
  params: MessageParams,
  message: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const NotificationList = z.object({ unreadCount: z.number(), items: z.array(Notification) });
export const NotificationQuery = z.object({
  unread: z.enum(["true", "false"]).optional(),
  limit: PageLimit(200, 50),
});
