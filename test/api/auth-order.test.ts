import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, signIn } from "../client.js";
import { snapshotDb } from "../db-snapshot.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";

// SPEC §10: "a request without a valid session or token gets 401 before its body is looked at".
// Every operation of the OpenAPI document that does not declare `security: []` is tried anonymously
// with a body and a query string that its schema would refuse; the answer must be 401, never a 400
// describing the schema.

interface Operation {
  method: string;
  path: string;
  security?: unknown[];
}
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

function operationsOf(doc: { paths?: Record<string, Record<string, { security?: unknown[] }>> }) {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (op) out.push({ method: method.toUpperCase(), path, security: op.security });
    }
  }
  return out;
}
const isPublic = (op: Operation) => Array.isArray(op.security) && op.security.length === 0;

/** The operation's URL with every path parameter filled in and a query no schema accepts. */
const urlOf = (op: Operation) =>
  `${op.path.replace(/\{[^}]+\}/g, "no-existe")}?limit=-1&status=nada&unread=quiza&from=ayer&year=x`;

const GARBAGE_JSON = JSON.stringify({ basura: [1, 2, 3], urgent: "sí", email: 42 });
const NOT_JSON = "{esto no es json";

describe.each(DATABASES)("authentication before validation on %s", (kind) => {
  let t: TestApp;
  let ops: Operation[];

  beforeAll(async () => {
    t = await startApp(kind);
    await t.app.ready();
    ops = operationsOf(t.app.swagger() as Parameters<typeof operationsOf>[0]);
  });
  afterAll(async () => t?.close());

  const send = (op: Operation, payload: string | undefined, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: op.method as "GET",
      url: urlOf(op),
      headers: payload === undefined ? headers : { "content-type": "application/json", ...headers },
      ...(payload === undefined ? {} : { payload }),
    });

  /** Each operation's answer that is not the expected 401 `unauthenticated`, as "METHOD path: status code". */
  async function wrongAnswers(payload: string | undefined, headers: Record<string, string> = {}) {
    const wrong: string[] = [];
    for (const op of ops.filter((o) => !isPublic(o))) {
      const withBody = op.method !== "GET" && op.method !== "DELETE";
      const res = await send(op, withBody ? payload : undefined, headers);
      const error = res.json().error as { code: string; details: unknown } | undefined;
      if (res.statusCode !== 401 || error?.code !== "unauthenticated" || error.details !== null) {
        wrong.push(`${op.method} ${op.path}: ${res.statusCode} ${error?.code}`);
      }
    }
    return wrong;
  }

  it("marks only sign-in and first-start setup as public in the OpenAPI document", () => {
    const publicOps = ops.filter(isPublic).map((o) => `${o.method} ${o.path}`);
    expect(publicOps).toEqual(
      expect.arrayContaining(["POST /api/auth/login", "GET /api/setup", "POST /api/setup"]),
    );
    expect(publicOps).not.toContain("POST /api/tickets");
    expect(ops.filter((o) => !isPublic(o)).length).toBeGreaterThan(40);
  });

  it("answers 401 to an anonymous request with a body its schema refuses, on every non-public route", async () => {
    const before = await snapshotDb(t.app);
    expect(await wrongAnswers(GARBAGE_JSON)).toEqual([]);
    expect(await snapshotDb(t.app)).toEqual(before);
  });

  it("answers 401 to an anonymous request whose body is not even JSON, on every non-public route", async () => {
    expect(await wrongAnswers(NOT_JSON)).toEqual([]);
  });

  it("answers 401 to a revoked or invented bearer token before looking at the body", async () => {
    expect(await wrongAnswers(GARBAGE_JSON, { authorization: "Bearer mesa_inventado" })).toEqual([]);
  });

  it("still validates once the caller is known: a signed-in garbage body gets 400 naming the field", async () => {
    const admin = await signIn(t.app, ADMIN.email, ADMIN.password);
    const res = await admin.post("/api/tickets", { urgent: "sí" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
    expect(JSON.stringify(res.body.error.details)).toContain("urgent");
  });

  it("checks the CSRF token of a cookie session before the body: 403, not 400", async () => {
    const login = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: ADMIN });
    const cookie = login.cookies.find((c) => c.name === "mesa_session")!;
    const res = await t.app.inject({
      method: "POST",
      url: "/api/tickets",
      headers: { cookie: `mesa_session=${cookie.value}`, "content-type": "application/json" },
      payload: NOT_JSON,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("csrf_token_invalid");
  });
});
