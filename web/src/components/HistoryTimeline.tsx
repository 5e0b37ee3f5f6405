import { Text, Timeline } from "@mantine/core";
import { useCategoryName } from "../api/clients";
import type { TicketDetail } from "../contract";
import { hasKey, useT } from "../i18n";
import { formatDateTime } from "../lib/format";
import { correctionDetail } from "./historyDetail";
import { updateDetail } from "./historyUpdate";

type Entry = TicketDetail["history"][number];

function describe(t: ReturnType<typeof useT>, entry: Entry): string {
  const actionKey = `history.${entry.action}`;
  // A person never reads a raw action code; a new kind of entry reads as a generic change.
  const action = hasKey(actionKey) ? t(actionKey) : t("history.other");
  const status = (s: string | null) => {
    const key = `status.${s}`;
    return s && hasKey(key) ? t(key) : (s ?? "");
  };
  if (entry.fromStatus && entry.toStatus && entry.fromStatus !== entry.toStatus) {
    return `${action}: ${status(entry.fromStatus)} → ${status(entry.toStatus)}`;
  }
  return action;
}

/** The append-only history of a ticket: who, when, from → to, and why. */
export function HistoryTimeline({ history }: { history: Entry[] }) {
  const t = useT();
  const categoryName = useCategoryName();
  if (history.length === 0) return <Text c="dimmed">{t("history.empty")}</Text>;
  return (
    <Timeline bulletSize={14} lineWidth={2} active={history.length - 1} data-testid="history">
      {history.map((entry) => {
        const detail =
          correctionDetail(t, entry.action, entry.changes) ??
          (entry.action === "update" ? updateDetail(t, entry.changes, categoryName) : null);
        return (
          <Timeline.Item key={entry.id} title={describe(t, entry)}>
            <Text size="xs" c="dimmed">
              {formatDateTime(entry.at)} · {entry.actorName ?? t("history.system")}
            </Text>
            {detail && <Text size="sm">{detail}</Text>}
            {entry.reason && (
              <Text size="sm" className="mesa-pre">
                {t("history.reason")}: {entry.reason}
              </Text>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
