import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../client.js";
import { clientUser, createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";

// Issue #11: the staff API is one plugin with its own authentication rule. A client contact, walking
// every operation of the OpenAPI document, reaches only the routes named here (the ones it uses
// today); every other one answers 403 before its body is read, never a 2xx.

const CLIENT_CONTACT_ALLOWED = [
  "POST /api/auth/logout",
  "GET /api/auth/me",
  "PATCH /api/auth/me",
  "POST /api/auth/password",
  "GET /api/auth/sessions",
  "DELETE /api/auth/sessions/{id}",
  "GET /api/auth/tokens",
  "POST /api/auth/tokens",
  "DELETE /api/auth/tokens/{id}",
  "GET /api/tickets",
  "POST /api/tickets",
  "GET /api/tickets/{id}",
  "POST /api/tickets/{id}/transitions",
  "POST /api/tickets/{id}/messages",
  "GET /api/tickets/{id}/attachments",
  "GET /api/tickets/{id}/attachments/{attId}",
  "GET /api/tickets/{id}/survey",
  "POST /api/tickets/{id}/survey",
  "GET /api/clients",
  "GET /api/clients/{id}",
  "GET /api/contacts",
  "GET /api/contacts/{id}",
  "GET /api/contracts",
  "GET /api/contracts/{id}",
  "GET /api/notifications",
  "POST /api/notifications/{id}/read",
  "POST /api/notifications/read-all",
];

/** Staff-only, but decided by the use case: 403 on the contact's own record, 404 on another's. */
const RECORD_DECIDES = [
  "PATCH /api/tickets/{id}",
  "POST /api/tickets/{id}/time-entries",
  "POST /api/tickets/{id}/charges",
  "PATCH /api/tickets/{id}/time-entries/{rowId}",
  "DELETE /api/tickets/{id}/time-entries/{rowId}",
  "PATCH /api/tickets/{id}/charges/{rowId}",
  "DELETE /api/tickets/{id}/charges/{rowId}",
  "POST /api/credit-requests",
  "GET /api/credit-requests/{id}",
  "POST /api/credit-requests/{id}/approve",
  "GET /api/clients/{id}/credit",
  "GET /api/tickets/{id}/warranty",
  "POST /api/tickets/{id}/warranty",
  "POST /api/loaners/{id}/lend",
];

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
type Doc = { paths: Record<string, Record<string, { security?: unknown[] }>> };

/** The client portal and the service-order links are plugins of their own, outside the staff API. */
const OWN_PLUGINS = /^\/api\/(portal|service-orders)\//;

function operations(doc: Doc): string[] {
  const staffPaths = Object.entries(doc.paths).filter(([path]) => !OWN_PLUGINS.test(path));
  const inStaffApi = (op?: { security?: unknown[] }) => op && !(op.security?.length === 0);
  return staffPaths.flatMap(([path, item]) =>
    METHODS.filter((m) => inStaffApi(item[m])).map((m) => `${m.toUpperCase()} ${path}`),
  );
}

describe.each(DATABASES)("a client contact walking the staff API on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;
  let client: Caller;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startApp(kind);
    staff = await seedStaff(t.app);
    const own = await createClientWithContact(staff, "Nandu Walk", "NWA010203AB5", "walk@nandu.mx");
    client = await clientUser(staff, own.client.id, "portal@walk.mx");
    const ticket = await client.post("/api/tickets", {
      clientId: own.client.id,
      title: "Sin red",
      description: "",
      urgent: false,
      channel: "portal",
    });
    expect(ticket.status, JSON.stringify(ticket.body)).toBe(201);
    Object.assign(ids, { tickets: ticket.body.id, clients: own.client.id, contacts: own.contact.id });
  });
  afterAll(async () => t?.close());

  /** The path with the client's own records where it names them, so an allowed route can answer 2xx. */
  const urlOf = (path: string) =>
    path
      .replace(/\/api\/(\w+)\/\{id\}/, (whole, kind: string) =>
        whole.replace("{id}", ids[kind] ?? "no-existe"),
      )
      .replace(/\{[^}]+\}/g, "no-existe");

  it("is refused with 403 on every staff-only operation and reaches the allowed ones", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/openapi.json" })).json() as Doc;
    // Logging out ends the caller's token: it goes last.
    const ops = operations(doc).sort(
      (a, b) => Number(a.startsWith("POST /api/auth/logout")) - Number(b.startsWith("POST /api/auth/logout")),
    );
    expect(ops.length).toBeGreaterThan(60);
    const answers: Record<string, number> = {};
    for (const op of ops) {
      const [method, path] = op.split(" ") as [string, string];
      const body = method === "GET" || method === "DELETE" ? undefined : {};
      answers[op] = (await client.req(method, urlOf(path), body)).status;
    }
    const staffOnly = ops.filter((op) => !CLIENT_CONTACT_ALLOWED.includes(op));
    const refusedHere = staffOnly.filter((op) => !RECORD_DECIDES.includes(op));
    expect(refusedHere.filter((op) => answers[op] !== 403).map((op) => `${op}: ${answers[op]}`)).toEqual([]);
    // On its own ticket the contact is refused by the use case (or its empty body by validation), never served.
    expect(
      RECORD_DECIDES.filter((op) => (answers[op] ?? 0) < 400).map((op) => `${op}: ${answers[op]}`),
    ).toEqual([]);
    expect(answers["PATCH /api/tickets/{id}"]).toBe(403);
    const allowed = ops.filter((op) => CLIENT_CONTACT_ALLOWED.includes(op));
    expect(allowed.length).toBe(CLIENT_CONTACT_ALLOWED.length);
    // An allowed route is decided by its use case: reads of the client's own records succeed.
    for (const op of [
      "GET /api/tickets",
      "GET /api/tickets/{id}",
      "GET /api/clients/{id}",
      "GET /api/auth/me",
    ]) {
      expect(answers[op], op).toBe(200);
    }
  });
});
