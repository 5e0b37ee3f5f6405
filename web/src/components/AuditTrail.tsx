import { Stack, Text, Timeline } from "@mantine/core";
import { useUsers } from "../api/admin";
import { type AuditEntity, type AuditEntry, useAudit } from "../api/audit";
import { useContacts } from "../api/clients";
import { hasKey, type Translate, useT } from "../i18n";
import { fieldLabel } from "../lib/fields";
import { formatDateTime, formatMinutes, formatMoney } from "../lib/format";
import { QueryState } from "./QueryState";

type Names = Map<string, string>;

function formatValue(t: Translate, names: Names, key: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return t(value ? "common.yes" : "common.no");
  if (typeof value === "number" && key.endsWith("Cents")) return formatMoney(value);
  if (typeof value === "number" && key.endsWith("Minutes")) return formatMinutes(value);
  if (typeof value === "string" && key.endsWith("Id")) return names.get(value) ?? value;
  if (key === "paymentTerms" && (value === "cash" || value === "credit")) return t(`payment.${value}`);
  if (Array.isArray(value)) return value.map(String).join(", ") || "—";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function Changes({ entry, names }: { entry: AuditEntry; names: Names }) {
  const t = useT();
  const changes = entry.changes;
  if (!changes || typeof changes !== "object") return null;
  return (
    <Stack gap={0}>
      {Object.entries(changes as Record<string, unknown>).map(([key, value]) => (
        <Text key={key} size="sm" data-testid="audit-change" data-field={key}>
          <Text span fw={500}>
            {fieldLabel(t, key)}:
          </Text>{" "}
          {formatValue(t, names, key, value)}
        </Text>
      ))}
    </Stack>
  );
}

/** The change history of a client or contract: who changed what and when (newest first). */
export function AuditTrail({ entity, entityId }: { entity: AuditEntity; entityId: string }) {
  const t = useT();
  const audit = useAudit(entity, entityId);
  const users = useUsers();
  // A client's history names its contacts too (its billing contact).
  const contacts = useContacts(entity === "client" ? entityId : null);
  const names: Names = new Map(
    [...(users.data?.items ?? []), ...(contacts.data?.items ?? [])].map((u) => [u.id, u.name]),
  );
  const items = [...(audit.data?.items ?? [])].sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id);
  const action = (a: string) => {
    const key = `audit.action.${a}`;
    return hasKey(key) ? t(key) : a;
  };
  return (
    <QueryState query={audit}>
      {items.length === 0 ? (
        <Text c="dimmed">{t("audit.empty")}</Text>
      ) : (
        <Timeline bulletSize={12} lineWidth={2} data-testid="audit-trail">
          {items.map((entry) => (
            <Timeline.Item key={entry.id} title={action(entry.action)} data-testid="audit-entry">
              <Text size="xs" c="dimmed">
                {formatDateTime(entry.at)} ·{" "}
                {entry.actorId ? (names.get(entry.actorId) ?? entry.actorId) : t("audit.system")}
              </Text>
              <Changes entry={entry} names={names} />
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </QueryState>
  );
}
