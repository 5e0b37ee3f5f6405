import "@mantine/core/styles.css";
import { Center, createTheme, Loader, MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter, Navigate, Route, Routes } from "react-router-dom";
import { PortalApiError } from "./api";
import { PortalI18nProvider } from "./i18n";
import { PortalLayout } from "./Layout";
import { EnterPage } from "./pages/EnterPage";
import { NewTicketPage } from "./pages/NewTicketPage";
import { SignInPage } from "./pages/SignInPage";
import { TicketPage } from "./pages/TicketPage";
import { TicketsPage } from "./pages/TicketsPage";
import { usePortalMe } from "./session";

const theme = createTheme({
  primaryColor: "teal",
  defaultRadius: "md",
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) =>
        !(error instanceof PortalApiError && error.status > 0 && error.status < 500) && count < 2,
    },
  },
});

/** Signed out: the sign-in page (the link's landing page works either way). Signed in: the tickets. */
function PortalApp() {
  const me = usePortalMe();
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

// biome-ignore lint/style/noNonNullAssertion: the HTML entry (web/index.html, web/portal.html) holds <div id="root">.
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <PortalI18nProvider>
          <BrowserRouter>
            <PortalApp />
          </BrowserRouter>
        </PortalI18nProvider>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
