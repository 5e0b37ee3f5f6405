import { AppShell, Button, Container, Group, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useNavigate } from "react-router-dom";
import { portalApi, setPortalCsrf } from "./api";
import { usePortalI18n } from "./i18n";
import { meKey, saveAccountLanguage, usePortalInfo } from "./session";

/** The portal's own frame: the firm's name, its opening hours (SPEC §8), language and sign-out. */
export function PortalLayout({ children, signedIn }: { children: ReactNode; signedIn: boolean }) {
  const { t, locale, setLocale } = usePortalI18n();
  const info = usePortalInfo();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signOut = async () => {
    await portalApi("/logout", "POST").catch(() => undefined);
    setPortalCsrf(null);
    queryClient.setQueryData(meKey, null);
    navigate("/portal");
  };
  return (
    <AppShell header={{ height: 56 }} padding="md">
      <AppShell.Header>
        <Container size="md" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Title order={1} size="h4" lineClamp={1}>
              {info.data?.companyName ?? ""} · {t("app.title")}
            </Title>
            <Group gap="xs" wrap="nowrap">
              <Button
                variant="subtle"
                size="compact-sm"
                onClick={() => {
                  const next = locale === "en" ? "es-MX" : "en";
                  setLocale(next);
                  if (signedIn) void saveAccountLanguage(queryClient, next);
                }}
              >
                {t("app.language")}
              </Button>
              {signedIn && (
                <Button variant="light" size="compact-sm" onClick={signOut}>
                  {t("app.signOut")}
                </Button>
              )}
            </Group>
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="md" px={0}>
          {children}
          {info.data && (
            <Text size="sm" c="dimmed" mt="xl" data-testid="opening-hours">
              {t("app.hours", { hours: info.data.openingHours })}
            </Text>
          )}
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
