import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CompanyLogoBody, CompanySettings, CompanySettingsBody } from "../contract";
import { api } from "./client";

const key = ["settings", "company"] as const;

export function useCompany() {
  return useQuery({ queryKey: key, queryFn: () => api<CompanySettings>("/api/settings/company") });
}

function useCompanyMutation<B>(path: string, method: "PUT" | "DELETE") {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: B) =>
      api<CompanySettings>(path, { method, body: method === "DELETE" ? undefined : body }),
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
}

export const useSaveCompany = () => useCompanyMutation<CompanySettingsBody>("/api/settings/company", "PUT");
export const useSaveLogo = () => useCompanyMutation<CompanyLogoBody>("/api/settings/company/logo", "PUT");
export const useDeleteLogo = () => useCompanyMutation<undefined>("/api/settings/company/logo", "DELETE");

/** The logo's URL, changing when it is replaced (so the browser does not show the old one). */
export const logoUrl = (c: CompanySettings) =>
  c.logo ? `/api/settings/company/logo?v=${encodeURIComponent(c.logo.updatedAt)}` : null;
