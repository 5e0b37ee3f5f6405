/** The staff app, loaded by the entry (main.tsx) once start-up requests are on their way. */
// Mantine's global styles, then those of the login screen's components, then the app's own (which
// win anyway: Mantine's are in a CSS layer). Per component: test/architecture/mantine-styles.test.ts.
import "@mantine/core/styles/baseline.layer.css";
import "@mantine/core/styles/default-css-variables.layer.css";
import "@mantine/core/styles/global.layer.css";
import "@mantine/core/styles/UnstyledButton.layer.css";
import "@mantine/core/styles/Paper.layer.css";
import "@mantine/core/styles/Loader.layer.css";
import "@mantine/core/styles/ActionIcon.layer.css";
import "@mantine/core/styles/CloseButton.layer.css";
import "@mantine/core/styles/Input.layer.css";
import "@mantine/core/styles/Alert.layer.css";
import "@mantine/core/styles/Text.layer.css";
import "@mantine/core/styles/Anchor.layer.css";
import "@mantine/core/styles/Button.layer.css";
import "@mantine/core/styles/Center.layer.css";
import "@mantine/core/styles/PasswordInput.layer.css";
import "@mantine/core/styles/Stack.layer.css";
import "@mantine/core/styles/Title.layer.css";
import "./styles.css";
import { createBrowserRouter, RouterProvider } from "react-router-dom";
import { App } from "./App";
import { meKey } from "./api/auth";
import { ApiError, setUnauthorizedHandler } from "./api/client";
import { loadLocale } from "./i18n";
import { markSessionExpired, storedLocale } from "./lib/session";
import { mount, newQueryClient } from "./mount";

const queryClient = newQueryClient({
  staleTime: 5_000,
  isClientError: (error) => error instanceof ApiError && error.status > 0 && error.status < 500,
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

mount(queryClient, <RouterProvider router={router} />);
