import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { BackupList, BackupSettings } from "../contract";
import { api } from "./client";

export function useBackupSettings() {
  return useQuery({
    queryKey: ["settings", "backup"],
    queryFn: () => api<BackupSettings>("/api/settings/backup"),
  });
}

export function useSaveBackupSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BackupSettings) =>
      api<BackupSettings>("/api/settings/backup", { method: "PUT", body }),
    onSuccess: (data) => {
      queryClient.setQueryData(["settings", "backup"], data);
      return queryClient.invalidateQueries({ queryKey: ["backups"] });
    },
  });
}

/** The nightly backups on the server, newest first (empty on PostgreSQL, which uses pg_dump). */
export function useBackups() {
  return useQuery({ queryKey: ["backups"], queryFn: () => api<BackupList>("/api/backups") });
}
