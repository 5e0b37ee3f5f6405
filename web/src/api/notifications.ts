import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import type { Notification, NotificationList } from "../contract";
import { api } from "./client";

export type NotificationItem = z.infer<typeof Notification>;
export type Notifications = z.infer<typeof NotificationList>;

export const notificationsKey = ["notifications"] as const;

/** The caller's latest SLA notices and unread count, polled every 30 s. */
export function useNotifications() {
  return useQuery({
    queryKey: notificationsKey,
    queryFn: () => api<Notifications>("/api/notifications?limit=20"),
    refetchInterval: 30_000,
    staleTime: 20_000,
  });
}

/** Marks one notice as read, or all of them without an id. */
export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id?: string) =>
      api<{ updated: number }>(
        id ? `/api/notifications/${encodeURIComponent(id)}/read` : "/api/notifications/read-all",
        { method: "POST" },
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}
