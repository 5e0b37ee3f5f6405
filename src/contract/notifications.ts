import { z } from "zod";

export const Notification = z.object({
  id: z.string(),
  ticketId: z.string().nullable(),
  kind: z.string(),
  message: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export const NotificationList = z.object({ unreadCount: z.number(), items: z.array(Notification) });
export const NotificationQuery = z.object({
  unread: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
