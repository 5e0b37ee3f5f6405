import type { FastifyInstance } from "fastify";
import { isStaff } from "../authz.js";
import { forbidden } from "../errors.js";

/**
 * The staff API's routes a client contact legitimately uses today (SPEC §3, §10): its own company's
 * tickets in client-facing shapes (file, follow, write, accept or reject, answer the survey), its own
 * company's records, and its own account. Everything else under the staff plugin answers 403 to a
 * client contact before the body is read, whatever the use case would have decided — a new staff
 * route is closed to clients unless it is named here. The portal (`/api/portal/*`) is its own plugin.
 */
export const CLIENT_CONTACT_ROUTES: ReadonlySet<string> = new Set([
  "POST /api/auth/logout",
  "GET /api/auth/me",
  "PATCH /api/auth/me",
  "POST /api/auth/password",
  "GET /api/auth/sessions",
  "DELETE /api/auth/sessions/:id",
  "GET /api/auth/tokens",
  "POST /api/auth/tokens",
  "DELETE /api/auth/tokens/:id",
  "GET /api/tickets",
  "POST /api/tickets",
  "GET /api/tickets/:id",
  "POST /api/tickets/:id/transitions",
  "POST /api/tickets/:id/messages",
  "GET /api/tickets/:id/attachments",
  "GET /api/tickets/:id/attachments/:attId",
  "GET /api/tickets/:id/survey",
  "POST /api/tickets/:id/survey",
  "GET /api/clients",
  "GET /api/clients/:id",
  "GET /api/contacts",
  "GET /api/contacts/:id",
  "GET /api/contracts",
  "GET /api/contracts/:id",
  "GET /api/notifications",
  "POST /api/notifications/:id/read",
  "POST /api/notifications/read-all",
]);

/**
 * Staff-only routes on one record that still reach their use case for a client contact: it answers
 * 403 on the contact's own company's record and 404 on another's, like a missing id (SPEC §9), which
 * a refusal here could not tell apart without reading the record. Credit and warranty keep the ones
 * their suites pin (test/api/credit.test.ts, warranty.test.ts); billing has none.
 */
export const RECORD_DECIDES: ReadonlySet<string> = new Set([
  "PATCH /api/tickets/:id",
  "POST /api/tickets/:id/time-entries",
  "POST /api/tickets/:id/charges",
  "PATCH /api/tickets/:id/time-entries/:rowId",
  "DELETE /api/tickets/:id/time-entries/:rowId",
  "PATCH /api/tickets/:id/charges/:rowId",
  "DELETE /api/tickets/:id/charges/:rowId",
  "POST /api/credit-requests",
  "GET /api/credit-requests/:id",
  "POST /api/credit-requests/:id/approve",
  "GET /api/clients/:id/credit",
  "GET /api/tickets/:id/warranty",
  "POST /api/tickets/:id/warranty",
  "POST /api/loaners/:id/lend",
]);

/**
 * Installs the staff API's own authentication rule on its parent plugin: a signed-in client contact
 * reaches only the routes above. It runs onRequest after the app's auth hook (which has resolved the
 * caller), so an anonymous caller still gets its 401 first.
 */
export function installStaffOnly(scope: FastifyInstance): void {
  scope.addHook("onRequest", async (request) => {
    const actor = request.actor;
    if (!actor || isStaff(actor) || request.is404) return;
    const route = `${request.method} ${request.routeOptions.url}`;
    if (!CLIENT_CONTACT_ROUTES.has(route) && !RECORD_DECIDES.has(route)) throw forbidden();
  });
}
