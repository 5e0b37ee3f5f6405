/**
 * The signed-in screens' chunks, by route, apart from routes.tsx: start-up (boot.ts) preloads the
 * current screen with them before React, the router or the app's own code have loaded.
 *
 * Each loader remembers its module once loaded (`loadedNow`), so the first screen renders it at once
 * instead of through React.lazy: a lazy component suspends even when its chunk is already there, and
 * React holds back the content of a suspended boundary until 300 ms after its fallback showed. No
 * React here: boot.ts imports this file and must not wait for React to arrive.
 */
import type { ComponentType } from "react";

// biome-ignore lint/suspicious/noExplicitAny: a loader's component takes whatever props its screen declares
type Loaded = ComponentType<any>;
export type Loader = () => Promise<{ default: Loaded }>;

const loaded = new Map<Loader, Loaded>();

function remembered(load: Loader): Loader {
  const loader: Loader = () =>
    load().then((module) => {
      loaded.set(loader, module.default);
      return module;
    });
  return loader;
}

/** The loader's component if its chunk has loaded, for a render that must not suspend. */
export function loadedNow(load: Loader): Loaded | undefined {
  return loaded.get(load);
}

export const LOADERS = {
  "/intake": remembered(() => import("./pages/intake/IntakePage")),
  "/queue": remembered(() => import("./pages/queue/QueuePage")),
  "/mine": remembered(() => import("./pages/mine/MyTicketsPage")),
  "/review": remembered(() => import("./pages/review/ReviewQueuePage")),
  "/closing": remembered(() => import("./pages/leader/ClosingQueuePage")),
  "/dashboard": remembered(() => import("./pages/reports/DashboardPage")),
  "/reports/:name": remembered(() => import("./pages/reports/ReportsPage")),
  "/reports": remembered(() => import("./pages/reports/ReportsPage")),
  "/contracts": remembered(() => import("./pages/leader/ContractsPage")),
  "/surveys": remembered(() => import("./pages/surveys/SurveyQueuePage")),
  "/clients": remembered(() => import("./pages/clients/ClientsPage")),
  "/search": remembered(() => import("./pages/search/SearchPage")),
  "/billing": remembered(() => import("./pages/billing/BillingPage")),
  "/rates": remembered(() => import("./pages/billing/RatesPage")),
  "/tickets/:id": remembered(() => import("./pages/ticket/TicketPage")),
  "/admin/users": remembered(() => import("./pages/admin/UsersPage")),
  "/admin/calendar": remembered(() => import("./pages/admin/CalendarPage")),
  "/admin/sla": remembered(() => import("./pages/admin/SlaPage")),
  "/admin/categories": remembered(() => import("./pages/admin/CategoriesPage")),
  "/admin/contract-types": remembered(() => import("./pages/admin/ContractTypesPage")),
  "/admin/tasks": remembered(() => import("./pages/admin/BackgroundTasksPage")),
  "/admin/company": remembered(() => import("./pages/admin/CompanyPage")),
  "/admin/backups": remembered(() => import("./pages/admin/BackupsPage")),
  "/admin/outbox": remembered(() => import("./pages/admin/OutboxPage")),
  "/admin/warranty-fee": remembered(() => import("./pages/admin/WarrantyFeePage")),
  "/admin/tax": remembered(() => import("./pages/admin/TaxRatePage")),
  "/credit": remembered(() => import("./pages/credit/CreditRequestsPage")),
  "/rfc-review": remembered(() => import("./pages/credit/RfcReviewPage")),
  "/loaners": remembered(() => import("./pages/loaners/LoanersPage")),
  "/account/tokens": remembered(() => import("./pages/account/TokensPage")),
  "/account": remembered(() => import("./pages/account/AccountPage")),
} satisfies Record<string, Loader>;

/** The signed-in shell (header, navigation, bell, user menu, toasts): not needed by the login screen. */
export const loadShell = remembered(() => import("./components/AppLayout"));

/**
 * The dialog asking before a dirty form is left: only needed once a form is dirty. A failed load only
 * loses the prompt on in-app navigation (drafts and beforeunload still hold), never the app.
 */
export const loadLeaveGuard = remembered(() =>
  import("./components/LeaveGuardDialog").catch(() => ({ default: () => null })),
);

/** Whether a route pattern ("/tickets/:id") matches a path; the router's matchPath, without the router. */
function matches(pattern: string, pathname: string): boolean {
  const want = pattern.split("/");
  const have = pathname.replace(/\/+$/, "").split("/");
  return want.length === have.length && want.every((part, i) => part.startsWith(":") || part === have[i]);
}

function routeLoader(pathname: string): Loader | undefined {
  return Object.entries(LOADERS).find(([path]) => matches(path, pathname))?.[1];
}

/**
 * Starts loading the shell and the current route's chunk at once, in parallel with the session check;
 * settles when both have loaded or failed (a failure is for React.lazy to meet again and report).
 */
export function preloadRoute(pathname: string): Promise<void> {
  const loads = [loadShell, loadLeaveGuard, routeLoader(pathname)].map((load) =>
    load?.().catch(() => undefined),
  );
  return Promise.all(loads).then(() => undefined);
}

/** Whether the shell and the current route's screen can render without suspending. */
export function routeLoaded(pathname: string): boolean {
  const page = routeLoader(pathname);
  return [loadShell, loadLeaveGuard, ...(page ? [page] : [])].every((load) => loaded.has(load));
}
