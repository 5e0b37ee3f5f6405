import {
  Anchor,
  Badge,
  Button,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from "@mantine/core";
import { useState } from "react";
import { Link } from "react-router-dom";
import { type NotificationItem, useMarkNotificationsRead, useNotifications } from "../api/notifications";
import { type MessageKey, useT } from "../i18n";
import { errorMessage } from "../lib/form";
import { formatDateTime } from "../lib/format";

function BellIcon() {
  return (
    <svg
      width="22"
      height="22"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden
    >
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** Each kind's badge: its label and colour (a kind this version does not know reads as a notice). */
const KINDS: Record<string, { label: MessageKey; color: string }> = {
  assigned: { label: "notify.kind.assigned", color: "blue" },
  sent_back: { label: "notify.kind.sent_back", color: "grape" },
  client_rejected: { label: "notify.kind.client_rejected", color: "orange" },
  urgent_request: { label: "notify.kind.urgent_request", color: "red" },
  client_message: { label: "notify.kind.client_message", color: "teal" },
  sla_breached: { label: "notify.kind.sla_breached", color: "red" },
  sla_near: { label: "notify.kind.sla_near", color: "orange" },
};
const OTHER: { label: MessageKey; color: string } = { label: "notify.kind.other", color: "gray" };

function Item({ item, onOpen }: { item: NotificationItem; onOpen: (item: NotificationItem) => void }) {
  const t = useT();
  const badge = KINDS[item.kind] ?? OTHER;
  const unread = !item.readAt;
  return (
    <Stack gap={2} p="xs" data-testid="notification" data-unread={unread} bg={unread ? "teal.0" : undefined}>
      <Group justify="space-between" wrap="nowrap">
        <Badge size="sm" color={badge.color} variant={unread ? "filled" : "light"}>
          {t(badge.label)}
        </Badge>
        <Text size="xs" c="dimmed">
          {formatDateTime(item.createdAt)}
        </Text>
      </Group>
      <Text size="sm" fw={unread ? 600 : 400}>
        {item.message}
      </Text>
      {item.ticketId && (
        <Anchor component={Link} to={`/tickets/${item.ticketId}`} size="sm" onClick={() => onOpen(item)}>
          {t("notify.open")}
        </Anchor>
      )}
    </Stack>
  );
}

function NotificationList({
  items,
  onOpen,
}: {
  items: NotificationItem[];
  onOpen: (item: NotificationItem) => void;
}) {
  const t = useT();
  if (items.length === 0) {
    return (
      <Text c="dimmed" size="sm" ta="center" py="md">
        {t("notify.empty")}
      </Text>
    );
  }
  return (
    <ScrollArea.Autosize mah={420} type="auto">
      <Stack gap={4} data-testid="notification-list">
        {items.map((item) => (
          <Item key={item.id} item={item} onOpen={onOpen} />
        ))}
      </Stack>
    </ScrollArea.Autosize>
  );
}

function BellDropdown({ unread, onOpen }: { unread: number; onOpen: (item: NotificationItem) => void }) {
  const t = useT();
  const notices = useNotifications();
  const markRead = useMarkNotificationsRead();
  return (
    <>
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{t("notify.title")}</Text>
        <Button
          size="compact-xs"
          variant="subtle"
          disabled={unread === 0}
          loading={markRead.isPending && markRead.variables === undefined}
          onClick={() => markRead.mutate(undefined)}
        >
          {t("notify.readAll")}
        </Button>
      </Group>
      {notices.isError && (
        <Text c="red" size="sm" mb="xs">
          {errorMessage(t, notices.error)}
        </Text>
      )}
      <NotificationList items={notices.data?.items ?? []} onOpen={onOpen} />
    </>
  );
}

/** The header bell: the caller's notices (polled every 30 s), each linking to its ticket. */
export function NotificationBell() {
  const t = useT();
  const [opened, setOpened] = useState(false);
  const notices = useNotifications();
  const markRead = useMarkNotificationsRead();
  const unread = notices.data?.unreadCount ?? 0;
  const open = (item: NotificationItem) => {
    if (!item.readAt) markRead.mutate(item.id);
    setOpened(false);
  };
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md" withinPortal>
      <Popover.Target>
        <UnstyledButton
          onClick={() => setOpened((o) => !o)}
          aria-label={t("notify.bell", { n: unread })}
          data-testid="notifications-bell"
          p={6}
        >
          <Indicator label={unread} size={18} color="red" disabled={unread === 0}>
            <BellIcon />
          </Indicator>
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <BellDropdown unread={unread} onOpen={open} />
      </Popover.Dropdown>
    </Popover>
  );
}
