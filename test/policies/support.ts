import type { Role } from "../../src/domain/workflow.js";
import type { Actor } from "../../src/server/context.js";
import type { TicketRow } from "../../src/server/modules/tickets/repository.js";
import { AppError } from "../../src/server/platform/errors.js";

/** One actor per role (a client contact of company `own`), for role × action tables. */
export const ROLES: readonly Role[] = [
  "admin",
  "reception",
  "leader",
  "senior",
  "technician",
  "sales",
  "client",
];

export function actor(role: Role, id = `u-${role}`): Actor {
  return {
    id,
    email: `${role}@x.mx`,
    name: role,
    roles: [role],
    skills: [],
    clientId: role === "client" ? "own" : null,
    locale: "es-MX",
    via: "cookie",
    sessionId: null,
    csrfToken: null,
  };
}

/** A ticket of company `clientId` assigned to `assigneeId` (only the fields policies read matter). */
export const ticket = (clientId: string, assigneeId: string | null) =>
  ({ id: "t1", client_id: clientId, assignee_id: assigneeId }) as TicketRow;

/** What a check answers: "ok", or the refusal's status (403, 404). */
export function outcome(check: () => unknown): "ok" | number {
  try {
    const out = check();
    if (out === false) return 403;
    return "ok";
  } catch (err) {
    if (err instanceof AppError) return err.status;
    throw err;
  }
}

/** Runs every role through a check: the table of answers, for one `toEqual`. */
export const table = (check: (a: Actor) => unknown) =>
  Object.fromEntries(ROLES.map((r) => [r, outcome(() => check(actor(r)))]));

/** Expected answers written as one row per action, in ROLES order. */
export const rows = (expected: Record<string, ("ok" | number)[]>) =>
  Object.fromEntries(
    Object.entries(expected).map(([k, v]) => [k, Object.fromEntries(ROLES.map((r, i) => [r, v[i]]))]),
  );
