import { useQuery } from "@tanstack/react-query";
import type { BackupList, BackupSettingsRecord } from "../contract";
import { api } from "./client";

export function useBackupSettings() {
  return useQuery({
    queryKey: ["settings", "backup"],
    queryFn: () => api<BackupSettingsRecord>("/api/settings/backup"),
  });
}

/** The nightly backups on the server, newest first (empty on PostgreSQL, which uses pg_dump). */
export function useBackups() {
  return useQuery({ queryKey: ["backups"], queryFn: () => api<BackupList>("/api/backups") });
}
