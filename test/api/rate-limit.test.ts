import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, signIn } from "../client.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";

describe.each(DATABASES)("API-wide rate limit on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(kind, { env: { MESA_RATE_LIMIT_PER_MINUTE: "8" } });
  });
  afterAll(async () => t?.close());

  const get = (url: string, headers: Record<string, string> = {}, ip = "10.0.0.1") =>
    t.app.inject({ method: "GET", url, headers, remoteAddress: ip });

  it("counts per signed-in user, not per address; answers 429 rate_limited with Retry-After", async () => {
    const admin = await signIn(t.app, ADMIN.email, ADMIN.password); // the token creation is 1 request
    const auth = { authorization: `Bearer ${admin.token}` };
    for (let i = 0; i < 7; i++) expect((await get("/api/clients", auth, `10.0.1.${i}`)).statusCode).toBe(200);
    const limited = await get("/api/clients", auth, "10.0.2.1");
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: "rate_limited", details: { limitPerMinute: 8 } });
    expect(limited.json().error.message).toMatch(
      /^Demasiadas solicitudes\. Intenta de nuevo en \d+ segundos\.$/,
    );
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    // Anonymous callers count per address; the same address is not held back by the user's budget.
    expect((await get("/api/setup", {}, "10.0.2.1")).statusCode).toBe(200);
  });

  it("anonymous calls count per address; /api/health is never limited", async () => {
    for (let i = 0; i < 8; i++) expect((await get("/api/setup", {}, "10.9.0.1")).statusCode).toBe(200);
    expect((await get("/api/setup", {}, "10.9.0.1")).json().error.code).toBe("rate_limited");
    expect((await get("/api/setup", {}, "10.9.0.2")).statusCode).toBe(200);
    for (let i = 0; i < 20; i++) expect((await get("/api/health", {}, "10.9.0.1")).statusCode).toBe(200);
  });

  it("/api/ready is never limited either", async () => {
    for (let i = 0; i < 20; i++) expect((await get("/api/ready", {}, "10.9.1.1")).statusCode).not.toBe(429);
  });

  it("requests with bogus credentials count against their address", async () => {
    for (let i = 0; i < 8; i++) {
      const r = await get("/api/clients", { authorization: "Bearer inventado" }, "10.9.2.1");
      expect(r.statusCode).toBe(401);
    }
    const limited = await get("/api/clients", { cookie: "mesa_session=inventada" }, "10.9.2.1");
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe("rate_limited");
  });
});

describe.each(DATABASES)("a rate-limited POST and its Idempotency-Key on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(kind, { env: { MESA_RATE_LIMIT_PER_MINUTE: "8" } });
  });
  afterAll(async () => t?.close());
  const get = (url: string, headers: Record<string, string> = {}, ip = "10.0.0.1") =>
    t.app.inject({ method: "GET", url, headers, remoteAddress: ip });

  it("a POST refused with 429 leaves its Idempotency-Key free: the retry creates the record", async () => {
    const admin = await signIn(t.app, ADMIN.email, ADMIN.password);
    const headers = { authorization: `Bearer ${admin.token}`, "idempotency-key": "alta-cliente-429" };
    const post = () =>
      t.app.inject({
        method: "POST",
        url: "/api/clients",
        headers,
        payload: { name: "Cliente 429" },
        remoteAddress: "10.9.3.1",
      });
    const auth = { authorization: headers.authorization };
    for (let i = 0; i < 10; i++) await get("/api/auth/me", auth, "10.9.3.1"); // the user's budget is spent
    const first = await post();
    expect(first.statusCode).toBe(429);
    // The key holds no stored answer: once the window passes the same retry runs (here: the row is absent).
    // No key at all (the admin sent no other Idempotency-Key in this suite).
    const held = await t.app.ctx.db.selectFrom("idempotency_keys").selectAll().execute();
    expect(held).toEqual([]);
  });
});
