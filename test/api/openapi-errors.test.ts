import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_STATUS, ErrorEnvelope } from "../../src/contract/errors.js";
import { ADMIN, signIn } from "../client.js";
import { startApp, type TestApp } from "../harness.js";

// Issue #11: the OpenAPI document states each route's error answers and the platform's headers, so a
// client generated from it handles 401/409/429… without reading the server. The document does not
// depend on the database, so it is read once, on SQLite.

interface Parameter {
  in: string;
  name: string;
}
interface Response {
  description?: string;
  headers?: Record<string, unknown>;
  content?: Record<string, { schema?: unknown }>;
}
interface Op {
  method: string;
  path: string;
  security?: unknown[];
  parameters?: Parameter[];
  responses: Record<string, Response>;
}
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

function operationsOf(doc: { paths?: Record<string, Record<string, Omit<Op, "method" | "path">>> }): Op[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ ...item[m]!, method: m.toUpperCase(), path })),
  );
}
const isPublic = (op: Op) => Array.isArray(op.security) && op.security.length === 0;
const name = (op: Op) => `${op.method} ${op.path}`;
const hasHeader = (op: Op, header: string) =>
  (op.parameters ?? []).some((p) => p.in === "header" && p.name === header);

/** Edits that honour a base version (they call withBaseVersion): each must document If-Match. */
const VERSIONED = [
  "PATCH /api/tickets/{id}",
  "PATCH /api/clients/{id}",
  "PATCH /api/contacts/{id}",
  "PATCH /api/contracts/{id}",
  "PUT /api/settings/calendar",
  "PUT /api/settings/sla",
  "PUT /api/settings/company",
  "PUT /api/settings/backup",
  "PUT /api/settings/mail",
];

describe("the OpenAPI document states errors and headers", () => {
  let t: TestApp;
  let ops: Op[];

  beforeAll(async () => {
    t = await startApp("sqlite");
    await t.app.ready();
    const res = await t.app.inject({ method: "GET", url: "/api/openapi.json" });
    ops = operationsOf(res.json());
  });
  afterAll(async () => t?.close());

  it("lists every error code of the table in some operation's answers", () => {
    const documented = new Set<string>();
    for (const op of ops) {
      for (const response of Object.values(op.responses)) {
        const schema = JSON.stringify(response.content?.["application/json"]?.schema ?? {});
        for (const code of Object.keys(ERROR_STATUS)) if (schema.includes(`"${code}"`)) documented.add(code);
      }
    }
    expect([...documented].sort()).toEqual(Object.keys(ERROR_STATUS).sort());
  });

  it("documents 401 on every signed-in operation and not on public ones but the two sign-ins", () => {
    expect(ops.length).toBeGreaterThan(40);
    expect(ops.filter((op) => !isPublic(op) && !op.responses["401"]).map(name)).toEqual([]);
    const public401 = ops.filter((op) => isPublic(op) && op.responses["401"]).map(name);
    expect(public401.sort()).toEqual(["POST /api/auth/login", "POST /api/portal/session"]);
  });

  it("documents each status with the codes of that status only", () => {
    const op = ops.find((o) => name(o) === "PATCH /api/tickets/{id}")!;
    for (const status of ["400", "401", "403", "404", "409", "422", "429", "503"]) {
      const schema = JSON.stringify(op.responses[status]?.content?.["application/json"]?.schema);
      for (const [code, codeStatus] of Object.entries(ERROR_STATUS)) {
        expect(schema.includes(`"${code}"`), `${status} ${code}`).toBe(String(codeStatus) === status);
      }
    }
  });

  it("documents no 409 on reads", () => {
    expect(ops.filter((op) => op.method === "GET" && op.responses["409"]).map(name)).toEqual([]);
  });

  it("documents Idempotency-Key on every signed-in POST and Idempotent-Replayed on its answers", () => {
    // Routes that opt out (`config: { idempotent: false }`): a sign-out has nothing to replay.
    const optedOut = ["POST /api/portal/logout", "POST /api/billing/exports"];
    const posts = ops.filter((op) => op.method === "POST" && !isPublic(op) && !optedOut.includes(name(op)));
    expect(posts.length).toBeGreaterThan(15);
    expect(posts.filter((op) => !hasHeader(op, "Idempotency-Key")).map(name)).toEqual([]);
    const success = (op: Op) => Object.entries(op.responses).find(([s]) => s.startsWith("2"))?.[1];
    expect(posts.filter((op) => !success(op)?.headers?.["Idempotent-Replayed"]).map(name)).toEqual([]);
    const others = ops.filter((op) => op.method !== "POST" && hasHeader(op, "Idempotency-Key"));
    expect(others.map(name)).toEqual([]);
  });

  it("documents If-Match on the edits that honour versions, and only there", () => {
    const withIfMatch = ops.filter((op) => hasHeader(op, "If-Match")).map(name);
    expect(VERSIONED.filter((op) => !withIfMatch.includes(op))).toEqual([]);
    expect(withIfMatch.filter((op) => !op.startsWith("PATCH ") && !op.startsWith("PUT "))).toEqual([]);
  });

  it("documents each success answer: a body's schema, or a 204; only file downloads are left undescribed", () => {
    const undescribed = ops.filter((op) =>
      Object.entries(op.responses).some(([s, r]) => s.startsWith("2") && s !== "204" && !r.content),
    );
    const download =
      /^GET .*(\/pdf|\.csv|\.xlsx|\/attachments\/\{attId\}|\/company\/logo)$|^POST \/api\/billing\/exports$/;
    expect(undescribed.map(name).filter((n) => !download.test(n))).toEqual([]);
    const rateDelete = ops.find((o) => name(o) === "DELETE /api/rates/{id}");
    expect(Object.keys(rateDelete?.responses ?? {}).filter((s) => s.startsWith("2"))).toEqual(["204"]);
  });

  it("describes the error answers the server actually sends", async () => {
    const admin = await signIn(t.app, ADMIN.email, ADMIN.password);
    const missing = await admin.get("/api/tickets/no-existe");
    expect(missing.status).toBe(404);
    expect(ErrorEnvelope.safeParse(missing.body).success).toBe(true);
    const anonymous = await t.app.inject({ method: "GET", url: "/api/tickets" });
    expect(anonymous.statusCode).toBe(401);
    expect(ErrorEnvelope.parse(anonymous.json()).error.code).toBe("unauthenticated");
  });
});
