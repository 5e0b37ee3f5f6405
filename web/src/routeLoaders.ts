/**
 * The signed-in screens' chunks, by route, apart from routes.tsx: start-up (boot.ts) preloads the
 * current screen with them before React, the router or the app's own code have loaded.
 */
import type { ComponentType } from "react";

export const LOADERS = {
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

/** The signed-in shell (header, navigation, bell, user menu, toasts): not needed by the login screen. */
export const loadShell = () => import("./components/AppLayout");

/** Whether a route pattern ("/tickets/:id") matches a path; the router's matchPath, without the router. */
function matches(pattern: string, pathname: string): boolean {
  const want = pattern.split("/");
  const have = pathname.replace(/\/+$/, "").split("/");
  return want.length === have.length && want.every((part, i) => part.startsWith(":") || part === have[i]);
}

/** Starts loading the shell and the current route's chunk at once, in parallel with the session check. */
export function preloadRoute(pathname: string): void {
  const entry = Object.entries(LOADERS).find(([path]) => matches(path, pathname));
  void loadShell().catch(() => undefined);
  void entry?.[1]().catch(() => undefined);
}
