import { Alert, Button, Center, Loader, Stack } from "@mantine/core";
import { lazy, Suspense, useEffect, useState } from "react";
import { type Me, useMe, useSetupStatus } from "./api/auth";
import { PickerKeyboard } from "./components/PickerKeyboard";
import { I18nProvider, type Locale, translate } from "./i18n";
import { browserStorage, pruneDrafts } from "./lib/draftStore";
import { setDisplayTimeZone } from "./lib/format";
import { markSignedIn, storedLocale, storeLocale } from "./lib/session";
import { LoginPage } from "./pages/auth/LoginPage";
import { AppRoutes, loadLeaveGuard, loadShell, Preloaded, preloadRoute, routeLoaded } from "./routes";

const SetupPage = lazy(() => import("./pages/auth/SetupPage"));

export function PageLoader() {
  return (
    <Center h="50vh">
      <Loader aria-label="Cargando" />
    </Center>
  );
}

/** Keeps the start-up hints (signed in, language) and the display time zone in step with the session. */
function useSessionEffects(me: Me | null | undefined) {
  if (me) setDisplayTimeZone(me.timeZone); // before the first render that shows a date
  const signedIn = me === undefined ? undefined : !!me;
  useEffect(() => {
    if (signedIn === undefined) return;
    markSignedIn(signedIn);
    const storage = browserStorage();
    if (storage) pruneDrafts(storage); // drafts older than a week, of any user of this browser
  }, [signedIn]);
  useEffect(() => {
    if (me?.locale) storeLocale(me.locale);
  }, [me?.locale]);
}

/**
 * Whether the signed-in shell and the current screen have loaded (or failed to), so that the first
 * signed-in render shows them at once: suspending there would hold the screen back 300 ms or more
 * (React's pause before replacing a fallback). Until then the caller shows the page loader.
 */
function useFirstScreenReady(signedIn: boolean): boolean {
  const [settled, setSettled] = useState(false);
  const ready = settled || routeLoaded(window.location.pathname);
  useEffect(() => {
    if (!signedIn || ready) return;
    let live = true;
    // The shell and the current screen load together (boot.ts or the login form usually began).
    void preloadRoute(window.location.pathname).then(() => live && setSettled(true));
    return () => {
      live = false;
    };
  }, [signedIn, ready]);
  return ready;
}

function SignedIn({ me }: { me: Me }) {
  return (
    <Suspense fallback={<PageLoader />}>
      <Preloaded load={loadShell} me={me}>
        <Suspense fallback={<PageLoader />}>
          <AppRoutes me={me} />
        </Suspense>
      </Preloaded>
      <Suspense fallback={null}>
        <Preloaded load={loadLeaveGuard} />
      </Suspense>
    </Suspense>
  );
}

export function App() {
  const setup = useSetupStatus();
  const me = useMe();
  const locale: Locale = me.data?.locale ?? storedLocale();
  useSessionEffects(me.data);
  const screenReady = useFirstScreenReady(!!me.data);

  if (me.isPending || (setup.isPending && !me.data) || (me.data && !screenReady)) return <PageLoader />;
  if (me.isError) {
    return (
      <Center h="60vh">
        <Stack align="center">
          <Alert color="red">{translate(locale, "errcode.network_error")}</Alert>
          <Button onClick={() => me.refetch()}>{translate(locale, "common.retry")}</Button>
        </Stack>
      </Center>
    );
  }
  return (
    <I18nProvider locale={locale}>
      <PickerKeyboard>
        {setup.data?.needsSetup && !me.data ? (
          <Suspense fallback={<PageLoader />}>
            <SetupPage />
          </Suspense>
        ) : !me.data ? (
          <LoginPage companyName={setup.data?.companyName ?? null} />
        ) : (
          <SignedIn me={me.data} />
        )}
      </PickerKeyboard>
    </I18nProvider>
  );
}
