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
});
