import { useQuery } from "@tanstack/react-query";
import { PortalApiError, portalApi, setPortalCsrf } from "./api";
import type { PortalInfo, PortalUser } from "./types";

export const meKey = ["portal", "me"] as const;
export const infoKey = ["portal", "info"] as const;
export const ticketKey = (id: string) => ["portal", "ticket", id] as const;

/** The signed-in contact, or null when signed out (401). */
export function usePortalMe() {
  return useQuery({
    queryKey: meKey,
    queryFn: async () => {
      try {
        const me = await portalApi<{ user: PortalUser; csrfToken: string }>("/me");
        setPortalCsrf(me.csrfToken);
        return me.user;
      } catch (err) {
        if (err instanceof PortalApiError && (err.status === 401 || err.status === 403)) return null;
        throw err;
      }
    },
    staleTime: 60_000,
  });
}

export function usePortalInfo() {
  return useQuery({ queryKey: infoKey, queryFn: () => portalApi<PortalInfo>("/info"), staleTime: 300_000 });
}
