import { useQuery } from "@tanstack/react-query";
import type { z } from "zod";
import type { AuditEntry as AuditEntrySchema } from "../contract";
import { api, withQuery } from "./client";

export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export type AuditEntity = "client" | "contract";

/** The append-only change history of a client or contract (leader and admin). */
export function useAudit(entity: AuditEntity, entityId: string, enabled = true) {
  return useQuery({
    queryKey: ["audit", entity, entityId],
    queryFn: () => api<{ items: AuditEntry[] }>(withQuery("/api/audit", { entity, entityId })),
    enabled,
  });
}
