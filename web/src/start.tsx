/** The staff app, loaded by the entry (main.tsx) once start-up requests are on their way. */
import "@mantine/core/styles.css";
import "@mantine/charts/styles.css";
import "@mantine/notifications/styles.css";
import "./styles.css";
import { createTheme, MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createBrowserRouter, RouterProvider } from "react-router-dom";
import { App } from "./App";
import { meKey } from "./api/auth";
import { ApiError, setUnauthorizedHandler } from "./api/client";
import { loadLocale } from "./i18n";
import { markSessionExpired, storedLocale } from "./lib/session";

const theme = createTheme({
  primaryColor: "teal",
  defaultRadius: "md",
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      retry: (count, error) =>
        !(error instanceof ApiError && error.status > 0 && error.status < 500) && count < 2,
    },
  },
});

setUnauthorizedHandler(() => {
  if (queryClient.getQueryData(meKey)) markSessionExpired();
  queryClient.setQueryData(meKey, null);
});

// In parallel with the session check (started by boot.ts with the screen's chunks): English when chosen.
if (storedLocale() === "en") void loadLocale("en").catch(() => undefined);

// A data router: its navigation blocker lets a dirty form ask before the user leaves (LeaveGuardDialog).
// The app keeps declaring its routes with <Routes> under this one catch-all route.
// `/orden` is the public page of a mailed service-order link: no session, no staff shell.
const router = createBrowserRouter([
  {
    path: "/orden",
    lazy: () => import("./pages/order/OrderLinkPage").then((m) => ({ Component: m.default })),
  },
  { path: "*", element: <App /> },
]);

// biome-ignore lint/style/noNonNullAssertion: the HTML entry (web/index.html, web/portal.html) holds <div id="root">.
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
