import { Paper, Stack, Switch, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import {
  type NotificationPrefs,
  useNotificationPrefs,
  useSaveNotificationPrefs,
} from "../../api/serviceOrders";
import { QueryState } from "../../components/QueryState";
import { useT } from "../../i18n";

const KINDS = ["assignment", "sent_back", "client_message", "urgent_request", "escalation"] as const;

/** "Avisos por correo": which in-app notices also come by e-mail; each switch saves at once. */
export function NotificationPrefsForm() {
  const t = useT();
  const prefs = useNotificationPrefs();
  const save = useSaveNotificationPrefs();
  const toggle = (kind: keyof NotificationPrefs["email"], on: boolean) =>
    save.mutate(
      { [kind]: on },
      {
        onSuccess: () => notifications.show({ color: "teal", message: t("prefs.saved") }),
        onError: (error) => notifications.show({ color: "red", message: (error as Error).message }),
      },
    );
  return (
    <Paper withBorder p="md" maw={520}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t("prefs.title")}
        </Title>
        <Text size="sm" c="dimmed">
          {t("prefs.hint")}
        </Text>
        <QueryState query={prefs}>
          {KINDS.map((kind) => (
            <Switch
              key={kind}
              label={t(`prefs.${kind}`)}
              checked={prefs.data?.email[kind] ?? true}
              disabled={save.isPending}
              onChange={(e) => toggle(kind, e.currentTarget.checked)}
              data-testid={`pref-${kind}`}
            />
          ))}
        </QueryState>
      </Stack>
    </Paper>
  );
}
