import { Alert, Anchor } from "@mantine/core";
import { type ComponentType, lazy, type ReactNode } from "react";
import { matchPath, Navigate, Route, Routes, useLocation } from "react-router-dom";
import type { Me } from "./contract";
import { useT } from "./i18n";
import { canOpen, homeFor, isStaffUser } from "./lib/roles";

const LOADERS = {
  "/intake": () => import("./pages/intake/IntakePage"),
  "/queue": () => import("./pages/queue/QueuePage"),
  "/mine": () => import("./pages/mine/MyTicketsPage"),
  "/review": () => import("./pages/review/ReviewQueuePage"),
  "/closing": () => import("./pages/leader/ClosingQueuePage"),
  "/dashboard": () => import("./pages/reports/DashboardPage"),
  "/reports/:name": () => import("./pages/reports/ReportsPage"),
  "/reports": () => import("./pages/reports/ReportsPage"),
  "/contracts": () => import("./pages/leader/ContractsPage"),
  "/surveys": () => import("./pages/surveys/SurveyQueuePage"),
  "/clients": () => import("./pages/clients/ClientsPage"),
  "/search": () => import("./pages/search/SearchPage"),
  "/billing": () => import("./pages/billing/BillingPage"),
  "/rates": () => import("./pages/billing/RatesPage"),
  "/tickets/:id": () => import("./pages/ticket/TicketPage"),
  "/admin/users": () => import("./pages/admin/UsersPage"),
  "/admin/calendar": () => import("./pages/admin/CalendarPage"),
  "/admin/sla": () => import("./pages/admin/SlaPage"),
  "/admin/categories": () => import("./pages/admin/CategoriesPage"),
  "/admin/contract-types": () => import("./pages/admin/ContractTypesPage"),
  "/admin/tasks": () => import("./pages/admin/BackgroundTasksPage"),
  "/admin/company": () => import("./pages/admin/CompanyPage"),
  "/admin/backups": () => import("./pages/admin/BackupsPage"),
  "/admin/outbox": () => import("./pages/admin/OutboxPage"),
  "/admin/warranty-fee": () => import("./pages/admin/WarrantyFeePage"),
  "/credit": () => import("./pages/credit/CreditRequestsPage"),
  "/rfc-review": () => import("./pages/credit/RfcReviewPage"),
  "/loaners": () => import("./pages/loaners/LoanersPage"),
  "/account/tokens": () => import("./pages/account/TokensPage"),
  "/account": () => import("./pages/account/AccountPage"),
} satisfies Record<string, () => Promise<{ default: ComponentType }>>;

const PAGES = Object.entries(LOADERS).map(([path, load]) => [path, lazy(load)] as const);

/** The signed-in shell (header, navigation, bell, user menu, toasts): not needed by the login screen. */
export const loadShell = () => import("./components/AppLayout");

/** Starts loading the shell and the current route's chunk at once, in parallel with the session check. */
export function preloadRoute(pathname: string): void {
  const entry = Object.entries(LOADERS).find(([path]) => matchPath(path, pathname));
  void loadShell().catch(() => undefined);
  void entry?.[1]().catch(() => undefined);
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
