import { Alert, Button, Center, Loader, Stack } from "@mantine/core";
import { type ComponentType, lazy, Suspense, useEffect } from "react";
import { type Me, useMe, useSetupStatus } from "./api/auth";
import { I18nProvider, type Locale, translate } from "./i18n";
import { browserStorage, pruneDrafts } from "./lib/draftStore";
import { setDisplayTimeZone } from "./lib/format";
import { markSignedIn, storedLocale, storeLocale } from "./lib/session";
import { LoginPage } from "./pages/auth/LoginPage";
import { AppRoutes, loadShell, preloadRoute } from "./routes";

const SetupPage = lazy(() => import("./pages/auth/SetupPage"));
const AppLayout = lazy(loadShell);
// Not in the initial bundle (a Modal): only needed once a form is dirty. A failed load only loses the
// prompt on in-app navigation (drafts and beforeunload still hold), never the app.
const LeaveGuardDialog = lazy(
  (): Promise<{ default: ComponentType }> =>
    import("./components/LeaveGuardDialog").catch(() => ({ default: () => null })),
);

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
    // After a sign-in: the shell and the current screen load together, not one after the other.
    if (signedIn) preloadRoute(window.location.pathname);
  }, [signedIn]);
  useEffect(() => {
    if (me?.locale) storeLocale(me.locale);
  }, [me?.locale]);
}

function SignedIn({ me }: { me: Me }) {
  return (
    <Suspense fallback={<PageLoader />}>
      <AppLayout me={me}>
        <Suspense fallback={<PageLoader />}>
          <AppRoutes me={me} />
        </Suspense>
      </AppLayout>
      <Suspense fallback={null}>
        <LeaveGuardDialog />
      </Suspense>
    </Suspense>
  );
}

export function App() {
  const setup = useSetupStatus();
  const me = useMe();
  const locale: Locale = me.data?.locale ?? storedLocale();
  useSessionEffects(me.data);

  if (me.isPending || (setup.isPending && !me.data)) return <PageLoader />;
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
      {setup.data?.needsSetup && !me.data ? (
        <Suspense fallback={<PageLoader />}>
          <SetupPage />
        </Suspense>
      ) : !me.data ? (
        <LoginPage companyName={setup.data?.companyName ?? null} />
      ) : (
        <SignedIn me={me.data} />
      )}
    </I18nProvider>
  );
}
