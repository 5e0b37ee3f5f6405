/**
 * What the staff app (start.tsx) and the client portal (portal/main.tsx) set up alike: Mantine's
 * theme, a query client, and mounting under #root. Imports no staff code: the portal's start loads it
 * too. Mantine's stylesheets are each entry's and screen's own (per component).
 */
import { createTheme, MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { type ReactNode, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { recoverFocusAfterModal, trackFocus } from "./lib/focusRecovery";

export const theme = createTheme({
  primaryColor: "teal",
  defaultRadius: "md",
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
  components: {
    // A number out of `min`/`max` stays as typed for the form to refuse in its field: Mantine's default
    // clamps it on blur (2000 minutes became 1440, -3 pieces became 1) and the wrong number was saved.
    // Named by string, not NumberInput.extend(): importing it here would put it in every first load.
    NumberInput: { defaultProps: { clampBehavior: "none" } },
    // Esc quicker than the focus trap left focus on <body> (lib/focusRecovery.ts).
    Modal: { defaultProps: { onExitTransitionEnd: recoverFocusAfterModal } },
  },
});

/**
 * Queries retry twice, but never after a client error (an answer in 400–499 from the app's API error
 * class): the same request would fail the same way.
 */
export function newQueryClient(options: {
  isClientError: (error: unknown) => boolean;
  staleTime?: number;
}): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        ...(options.staleTime === undefined ? {} : { staleTime: options.staleTime }),
        retry: (count, error) => !options.isClientError(error) && count < 2,
      },
    },
  });
}

export function mount(queryClient: QueryClient, app: ReactNode): void {
  trackFocus(document);
  // biome-ignore lint/style/noNonNullAssertion: the HTML entry (web/index.html, web/portal.html) holds <div id="root">.
  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <MantineProvider theme={theme} defaultColorScheme="light">
        <QueryClientProvider client={queryClient}>{app}</QueryClientProvider>
      </MantineProvider>
    </StrictMode>,
  );
}
