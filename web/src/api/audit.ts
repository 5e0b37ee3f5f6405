import { useQuery } from "@tanstack/react-query";
import { api, withQuery } from "./client";

export interface AuditEntry {
  id: number;
  at: string;
  actorId: string | null;
  action: string;
  changes: unknown;
}

export type AuditEntity = "client" | "contract";

/** The append-only change history of a client or contract (leader and admin). */
export function useAudit(entity: AuditEntity, entityId: string, enabled = true) {
  return useQuery({
    queryKey: ["audit", entity, entityId],
    queryFn: () => api<{ items: AuditEntry[] }>(withQuery("/api/audit", { entity, entityId })),
    enabled,
  });
}
