import { Alert, Button, Center, Loader, Stack } from "@mantine/core";
import { lazy, Suspense, useEffect } from "react";
import { z } from "zod";
import zodEn from "zod/v4/locales/en.js";
import zodEs from "zod/v4/locales/es.js";
import { useMe, useSetupStatus } from "./api/auth";
import { AppLayout } from "./components/AppLayout";
import { I18nProvider, type Locale, translate } from "./i18n";
import { storedLocale } from "./lib/session";
import { LoginPage } from "./pages/auth/LoginPage";
import { AppRoutes } from "./routes";

const SetupPage = lazy(() => import("./pages/auth/SetupPage"));

export function PageLoader() {
  return (
    <Center h="50vh">
      <Loader aria-label="Cargando" />
    </Center>
  );
}

function useLocaleEffects(locale: Locale) {
  useEffect(() => {
    z.config(locale === "en" ? zodEn() : zodEs());
    document.documentElement.lang = locale;
  }, [locale]);
}

export function App() {
  const setup = useSetupStatus();
  const me = useMe();
  const locale: Locale = me.data?.locale ?? storedLocale();
  useLocaleEffects(locale);

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
        <AppLayout me={me.data}>
          <Suspense fallback={<PageLoader />}>
            <AppRoutes me={me.data} />
          </Suspense>
        </AppLayout>
      )}
    </I18nProvider>
  );
}
