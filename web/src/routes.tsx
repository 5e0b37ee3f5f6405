import { Alert, Anchor } from "@mantine/core";
import { lazy, type ReactNode } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router-dom";
import type { Me } from "./contract";
import { useT } from "./i18n";
import { canOpen, homeFor, isStaffUser } from "./lib/roles";
import { LOADERS, type Loader, loadedNow } from "./routeLoaders";

export { loadLeaveGuard, loadShell, preloadRoute, routeLoaded } from "./routeLoaders";

const lazies = new Map<Loader, ReturnType<typeof lazy>>();

function lazyOf(load: Loader) {
  const known = lazies.get(load);
  if (known) return known;
  const component = lazy(load);
  lazies.set(load, component);
  return component;
}

/**
 * A screen's component (the shell, a page): rendered at once when its chunk has loaded (start-up
 * preloads the first screen's), through React.lazy (suspending) otherwise.
 */
export function Preloaded({ load, ...props }: { load: Loader } & Record<string, unknown>) {
  const Screen = loadedNow(load) ?? lazyOf(load);
  return <Screen {...props} />;
}

function Guard({ me, children }: { me: Me; children: ReactNode }) {
  const t = useT();
  const location = useLocation();
  if (!isStaffUser(me.roles)) {
    return (
      <Alert color="blue" title={t("error.staff_only.title")} data-testid="staff-only">
        {t("error.staff_only")} <Anchor href="/portal">{t("error.staff_only.portal")}</Anchor>
      </Alert>
    );
  }
  if (!canOpen(location.pathname, me.roles)) {
    return (
      <Alert color="orange" title={t("error.forbidden_page.title")}>
        {t("error.forbidden_page")}
      </Alert>
    );
  }
  return <>{children}</>;
}

export function AppRoutes({ me }: { me: Me }) {
  return (
    <Routes>
      {Object.entries(LOADERS).map(([path, load]) => (
        <Route
          key={path}
          path={path}
          element={
            <Guard me={me}>
              <Preloaded load={load} />
            </Guard>
          }
        />
      ))}
      <Route path="/login" element={<Navigate to={homeFor(me.roles)} replace />} />
      <Route path="/setup" element={<Navigate to={homeFor(me.roles)} replace />} />
      <Route path="*" element={<Navigate to={homeFor(me.roles)} replace />} />
    </Routes>
  );
}
