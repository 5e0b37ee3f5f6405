import { Button, Card, Center, Loader, Stack, Text, Title } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useNavigate, useSearchParams } from "react-router-dom";
import { PortalApiError, portalApi, setPortalCsrf } from "../api";
import { usePortalI18n } from "../i18n";
import type { PortalKey } from "../i18n-es";
import { meKey } from "../session";
import type { PortalUser } from "../types";

type Session = { user: PortalUser; csrfToken: string; next: string | null };
const LINK_ERRORS = new Set(["magic_link_used", "magic_link_expired", "magic_link_invalid"]);

// A link is exchanged once per page load, even when React runs the effect twice (StrictMode):
// a second exchange would find it used and show the wrong page.
const exchanges = new Map<string, Promise<Session>>();
const exchange = (token: string) => {
  let p = exchanges.get(token);
  if (!p) {
    p = portalApi<Session>("/session", "POST", { token });
    exchanges.set(token, p);
  }
  return p;
};

/** Whether this browser already has a portal session (the answer also refreshes the CSRF token). */
async function signedIn(): Promise<boolean> {
  try {
    const me = await portalApi<{ user: PortalUser; csrfToken: string }>("/me");
    setPortalCsrf(me.csrfToken);
    return true;
  } catch {
    return false;
  }
}

/** Where a used link led, told only to a browser signed in as the link's own contact. */
const ledTo = (err: unknown) => {
  const next = (err as PortalApiError).details as { next?: unknown } | null;
  return typeof next?.next === "string" && next.next.startsWith("/portal") ? next.next : "/portal";
};

/** The link's landing page: signs in with the token, or says clearly why the link no longer works. */
export function EnterPage() {
  const { t } = usePortalI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const token = params.get("token") ?? "";

  useEffect(() => {
    let live = true;
    exchange(token)
      .then((s) => {
        setPortalCsrf(s.csrfToken);
        queryClient.setQueryData(meKey, s.user);
        if (live) navigate(s.next ?? "/portal", { replace: true });
      })
      .catch(async (err: unknown) => {
        const code =
          err instanceof PortalApiError && LINK_ERRORS.has(err.code) ? err.code : "magic_link_invalid";
        // A link opened again (a double click, a mail scanner, the same mail later) while this browser
        // is already signed in: the contact wanted where the link leads (a survey, say), not a page
        // saying the link was used.
        if (code === "magic_link_used" && (await signedIn())) {
          if (live) navigate(ledTo(err), { replace: true });
          return;
        }
        if (live) setError(code);
      });
    return () => {
      live = false;
    };
  }, [token, navigate, queryClient]);

  if (!error)
    return (
      <Center mt="xl">
        <Stack align="center">
          <Loader />
          <Text>{t("enter.working")}</Text>
        </Stack>
      </Center>
    );
  return (
    <Card withBorder maw={480} mx="auto" mt="lg" padding="lg" data-testid="link-error">
      <Stack>
        <Title order={2} size="h3">
          {t(`enter.${error}.title` as PortalKey)}
        </Title>
        <Text>{t(`enter.${error}.body` as PortalKey)}</Text>
        <Button onClick={() => navigate("/portal", { replace: true })}>{t("enter.newLink")}</Button>
      </Stack>
    </Card>
  );
}
