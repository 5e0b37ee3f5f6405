// Mantine's global styles, then those of the portal's components (dependencies first; checked by
// test/architecture/mantine-styles.test.ts).
import "@mantine/core/styles/baseline.layer.css";
import "@mantine/core/styles/default-css-variables.layer.css";
import "@mantine/core/styles/global.layer.css";
import "@mantine/core/styles/ScrollArea.layer.css";
import "@mantine/core/styles/UnstyledButton.layer.css";
import "@mantine/core/styles/Paper.layer.css";
import "@mantine/core/styles/Loader.layer.css";
import "@mantine/core/styles/CloseButton.layer.css";
import "@mantine/core/styles/Group.layer.css";
import "@mantine/core/styles/Input.layer.css";
import "@mantine/core/styles/Alert.layer.css";
import "@mantine/core/styles/Text.layer.css";
import "@mantine/core/styles/Anchor.layer.css";
import "@mantine/core/styles/AppShell.layer.css";
import "@mantine/core/styles/InlineInput.layer.css";
import "@mantine/core/styles/Badge.layer.css";
import "@mantine/core/styles/Button.layer.css";
import "@mantine/core/styles/Card.layer.css";
import "@mantine/core/styles/Center.layer.css";
import "@mantine/core/styles/Container.layer.css";
import "@mantine/core/styles/RadioCard.layer.css";
import "@mantine/core/styles/RadioIndicator.layer.css";
import "@mantine/core/styles/Radio.layer.css";
import "@mantine/core/styles/Rating.layer.css";
import "@mantine/core/styles/SimpleGrid.layer.css";
import "@mantine/core/styles/Stack.layer.css";
import "@mantine/core/styles/Table.layer.css";
import "@mantine/core/styles/Timeline.layer.css";
import "@mantine/core/styles/Title.layer.css";
import { Center, Loader } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { BrowserRouter, Navigate, Route, Routes } from "react-router-dom";
import { mount, newQueryClient } from "../mount";
import { PortalApiError } from "./api";
import { PortalI18nProvider, storedLocale, usePortalI18n } from "./i18n";
import { PortalLayout } from "./Layout";
import { EnterPage } from "./pages/EnterPage";
import { NewTicketPage } from "./pages/NewTicketPage";
import { SignInPage } from "./pages/SignInPage";
import { TicketPage } from "./pages/TicketPage";
import { TicketsPage } from "./pages/TicketsPage";
import { saveAccountLanguage, usePortalMe } from "./session";
import type { PortalUser } from "./types";

const queryClient = newQueryClient({
  isClientError: (error) => error instanceof PortalApiError && error.status > 0 && error.status < 500,
});

/**
 * On signing in, the portal's language and the account's (its mails' language) agree: a device that
 * never chose takes the account's; a choice made here (before signing in, say) goes to the account.
 */
function useAccountLanguage(user: PortalUser | null) {
  const { setLocale } = usePortalI18n();
  const client = useQueryClient();
  const userId = user?.id;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per signed-in account, not per change of it
  useEffect(() => {
    if (!user) return;
    const chosen = storedLocale();
    if (chosen === null) setLocale(user.locale);
    else if (chosen !== user.locale) void saveAccountLanguage(client, chosen);
  }, [userId]);
}

/** Signed out: the sign-in page (the link's landing page works either way). Signed in: the tickets. */
function PortalApp() {
  const me = usePortalMe();
  useAccountLanguage(me.data ?? null);
  if (me.isPending)
    return (
      <Center h="100vh">
        <Loader />
      </Center>
    );
  const user = me.data ?? null;
  return (
    <PortalLayout signedIn={user !== null}>
      <Routes>
        <Route path="/portal/entrar" element={<EnterPage />} />
        {user ? (
          <>
            <Route path="/portal" element={<TicketsPage user={user} />} />
            <Route path="/portal/nueva" element={<NewTicketPage />} />
            <Route path="/portal/tickets/:id" element={<TicketPage />} />
            <Route path="*" element={<Navigate to="/portal" replace />} />
          </>
        ) : (
          <Route path="*" element={<SignInPage />} />
        )}
      </Routes>
    </PortalLayout>
  );
}

mount(
  queryClient,
  <PortalI18nProvider>
    <BrowserRouter>
      <PortalApp />
    </BrowserRouter>
  </PortalI18nProvider>,
);
