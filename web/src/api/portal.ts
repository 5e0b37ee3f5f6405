import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { PortalUser } from "../contract";
import { api } from "./client";

const key = (clientId: string) => ["portal-users", clientId] as const;

/** Portal accounts of a client's contacts, with their status. */
export function usePortalUsers(clientId: string) {
  return useQuery({
    queryKey: key(clientId),
    queryFn: () => api<{ items: PortalUser[] }>(`/api/clients/${encodeURIComponent(clientId)}/portal-users`),
  });
}

export function useInvitePortalUser(clientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contactId: string) =>
      api<PortalUser>(`/api/contacts/${encodeURIComponent(contactId)}/portal-invite`, { method: "POST" }),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: key(clientId) });
      // The survey queue says which contacts a survey link can go to (surveyLinkTo).
      void queryClient.invalidateQueries({ queryKey: ["surveys"] });
    },
  });
}
