import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { NotificationPrefs, ServiceOrder } from "../contract";
import { api, withQuery } from "./client";

export type { NotificationPrefs, ServiceOrder };

const byLinkKey = (token: string) => ["service-order-link", token] as const;

/** The order a mailed link shows (no sign-in; the token is the credential). */
export function useOrderByLink(token: string) {
  return useQuery({
    queryKey: byLinkKey(token),
    queryFn: () =>
      api<{ order: ServiceOrder; expiresAt: string }>(withQuery("/api/service-orders/by-link", { token }), {
        quiet401: true,
      }),
    retry: false,
  });
}

export function useDecideByLink(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { decision: "accept" | "reject"; name: string; reason?: string }) =>
      api<ServiceOrder>("/api/service-orders/by-link/decision", {
        method: "POST",
        body: { token, ...body },
        quiet401: true,
      }),
    // The link is spent: the page shows the answer, never the form again.
    onSuccess: () => queryClient.removeQueries({ queryKey: byLinkKey(token) }),
  });
}

export const orderPdfUrl = (ticketId: string) => `/api/service-orders/${encodeURIComponent(ticketId)}/pdf`;
export const orderPdfByLinkUrl = (token: string) => withQuery("/api/service-orders/by-link/pdf", { token });

const prefsKey = ["notification-prefs"] as const;

export function useNotificationPrefs() {
  return useQuery({
    queryKey: prefsKey,
    queryFn: () => api<NotificationPrefs>("/api/account/notification-preferences"),
  });
}

export function useSaveNotificationPrefs() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (email: Partial<NotificationPrefs["email"]>) =>
      api<NotificationPrefs>("/api/account/notification-preferences", { method: "PUT", body: { email } }),
    onSuccess: (data) => queryClient.setQueryData(prefsKey, data),
  });
}
