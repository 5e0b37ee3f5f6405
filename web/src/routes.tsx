import { Alert, Anchor } from "@mantine/core";
import { lazy, type ReactNode } from "react";
import { Navigate, Route, Routes, useLocation } from "react-router-dom";
import type { Me } from "./contract";
import { useT } from "./i18n";
import { canOpen, homeFor, isStaffUser } from "./lib/roles";
import { LOADERS } from "./routeLoaders";

export { loadShell, preloadRoute } from "./routeLoaders";

const PAGES = Object.entries(LOADERS).map(([path, load]) => [path, lazy(load)] as const);

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
      {PAGES.map(([path, Page]) => (
        <Route
          key={path}
          path={path}
          element={
            <Guard me={me}>
              <Page />
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
