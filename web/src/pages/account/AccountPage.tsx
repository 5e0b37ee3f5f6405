// Mantine's stylesheets this screen adds to those already loaded (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/InlineInput.layer.css";
import "@mantine/core/styles/Switch.layer.css";
import "@mantine/core/styles/Table.layer.css";
import { Stack, Title } from "@mantine/core";
import { useSessions } from "../../api/account";
import { PageHeader } from "../../components/PageHeader";
import { QueryState } from "../../components/QueryState";
import { useT } from "../../i18n";
import { NotificationPrefsForm } from "./NotificationPrefsForm";
import { PasswordForm } from "./PasswordForm";
import { SessionsTable } from "./SessionsTable";

/** User menu → "Mi cuenta": change the password and see or end the open sessions. */
export default function AccountPage() {
  const t = useT();
  const sessions = useSessions();
  return (
    <>
      <PageHeader title={t("account.title")} subtitle={t("account.subtitle")} />
      <Stack gap="xl">
        <PasswordForm />
        <NotificationPrefsForm />
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t("sessions.title")}
          </Title>
          <QueryState query={sessions}>
            <SessionsTable sessions={sessions.data?.items ?? []} />
          </QueryState>
        </Stack>
      </Stack>
    </>
  );
}
