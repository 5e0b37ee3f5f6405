import { Center, Loader } from "@mantine/core";
import { BrowserRouter, Navigate, Route, Routes } from "react-router-dom";
import { mount, newQueryClient } from "../mount";
import { PortalApiError } from "./api";
import { PortalI18nProvider } from "./i18n";
import { PortalLayout } from "./Layout";
import { EnterPage } from "./pages/EnterPage";
import { NewTicketPage } from "./pages/NewTicketPage";
import { SignInPage } from "./pages/SignInPage";
import { TicketPage } from "./pages/TicketPage";
import { TicketsPage } from "./pages/TicketsPage";
import { usePortalMe } from "./session";

const queryClient = newQueryClient({
  isClientError: (error) => error instanceof PortalApiError && error.status > 0 && error.status < 500,
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

mount(
  queryClient,
  <PortalI18nProvider>
    <BrowserRouter>
      <PortalApp />
    </BrowserRouter>
  </PortalI18nProvider>,
);
