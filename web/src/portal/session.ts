import { type QueryClient, useQuery } from "@tanstack/react-query";
import { PortalApiError, portalApi, setPortalCsrf } from "./api";
import { usePortalI18n } from "./i18n";
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

/** The firm's name and hours, in the portal's language (a switch of language reads them again). */
export function usePortalInfo() {
  const { locale } = usePortalI18n();
  return useQuery({
    queryKey: [...infoKey, locale],
    queryFn: () => portalApi<PortalInfo>("/info"),
    staleTime: 300_000,
  });
}

/**
 * Saves the portal's language to the signed-in account, whose mails then come in it; the cached
 * account follows. A failure leaves the screens switched and the mails as they were.
 */
export async function saveAccountLanguage(
  queryClient: QueryClient,
  locale: PortalUser["locale"],
): Promise<void> {
  const me = await portalApi<{ user: PortalUser }>("/me", "PATCH", { locale }).catch(() => null);
  if (me) queryClient.setQueryData(meKey, me.user);
}
