import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, signIn } from "../client.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";

const PASSWORD = "clave-correcta-123";
const WRONG = "clave-equivocada-9";
/** The production defaults for login throttling (the harness raises them for the other suites). */
const DEFAULTS = { MESA_LOGIN_ATTEMPTS: "", MESA_LOGIN_IP_ATTEMPTS: "", MESA_LOGIN_CONCURRENCY_PER_IP: "" };

const statuses = (all: LightMyRequestResponse[]) =>
  all.reduce<Record<number, number>>((acc, r) => {
    acc[r.statusCode] = (acc[r.statusCode] ?? 0) + 1;
    return acc;
  }, {});

async function addUsers(t: TestApp, emails: string[]): Promise<void> {
  const admin = await signIn(t.app, ADMIN.email, ADMIN.password);
  for (const email of emails) {
    const res = await admin.post("/api/users", {
      email,
      name: email,
      password: PASSWORD,
      roles: ["reception"],
    });
    expect(res.status).toBe(201);
  }
}

const loginOn = (t: TestApp, email: string, password: string, ip: string) =>
  t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password }, remoteAddress: ip });

describe.each(DATABASES)("login guessing on %s (database throttle, two instances)", (kind) => {
  let t: TestApp;
  let other: TestApp;
  // Many verifications per address may run at once here, so only the database reservation stops a burst.
  const env = { ...DEFAULTS, MESA_LOGIN_CONCURRENCY_PER_IP: "1000" };
  beforeAll(async () => {
    t = await startApp(kind, { env });
    other = await startApp(kind, { env, db: t.db });
    await addUsers(t, ["ana@encor.mx", "beto@encor.mx", "carla@encor.mx", "dora@encor.mx"]);
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  it("200 parallel wrong passwords for one account, over two instances: 5 get 401, the rest 429", async () => {
    const burst = Array.from({ length: 200 }, (_, i) =>
      loginOn(i % 2 ? other : t, "ana@encor.mx", `${WRONG}-${i}`, "203.0.113.7"),
    );
    const all = await Promise.all(burst);
    expect(statuses(all)).toEqual({ 401: 5, 429: 195 });
    const refused = all.find((r) => r.statusCode === 429)!;
    expect(refused.json().error).toMatchObject({
      code: "rate_limited",
      message: "Demasiados intentos. Intenta de nuevo en 1 minuto.",
    });
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(30);
    expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(60);
  });

  it("the right password inside a burst of 30 guesses is refused; the owner on another address gets in", async () => {
    const burst = Array.from({ length: 31 }, (_, i) =>
      loginOn(t, "beto@encor.mx", i === 20 ? PASSWORD : `${WRONG}-${i}`, "198.51.100.4"),
    );
    const all = await Promise.all(burst);
    expect(all[20]!.statusCode).toBe(429);
    expect(all[20]!.cookies).toHaveLength(0);
    expect((await loginOn(t, "beto@encor.mx", PASSWORD, "192.0.2.50")).statusCode).toBe(200);
    expect((await loginOn(other, "beto@encor.mx", PASSWORD, "192.0.2.51")).statusCode).toBe(200);
  });

  it("failures on one account do not block another account from the same address, below the per-IP limit", async () => {
    for (let i = 0; i < 12; i++) await loginOn(t, "carla@encor.mx", WRONG, "198.51.100.9");
    expect((await loginOn(t, "carla@encor.mx", PASSWORD, "198.51.100.9")).statusCode).toBe(429);
    expect((await loginOn(t, "dora@encor.mx", PASSWORD, "198.51.100.9")).statusCode).toBe(200);
  });

  it("an address guessing over many accounts reaches the per-IP limit (30) for every account", async () => {
    const ip = "198.51.100.66";
    for (let i = 0; i < 30; i++) {
      expect((await loginOn(t, `nadie${i}@encor.mx`, WRONG, ip)).statusCode).toBe(401);
    }
    expect((await loginOn(t, "dora@encor.mx", PASSWORD, ip)).statusCode).toBe(429);
    expect((await loginOn(t, "dora@encor.mx", PASSWORD, "198.51.100.67")).statusCode).toBe(200);
  }, 90_000);

  it("a success clears the account's counter on that address", async () => {
    const ip = "198.51.100.20";
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) expect((await loginOn(t, "dora@encor.mx", WRONG, ip)).statusCode).toBe(401);
      expect((await loginOn(t, "dora@encor.mx", PASSWORD, ip)).statusCode).toBe(200);
    }
  }, 90_000);
});

describe.each(DATABASES)("password checks in flight on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(kind, { env: DEFAULTS });
  });
  afterAll(async () => t?.close());

  it("one address gets at most 2 checks at once (the rest 429 at once); others still sign in", async () => {
    const burst = Array.from({ length: 40 }, (_, i) => loginOn(t, `x${i}@encor.mx`, WRONG, "203.0.113.99"));
    const meanwhile = loginOn(t, ADMIN.email, ADMIN.password, "192.0.2.1");
    const all = await Promise.all(burst);
    expect(statuses(all)).toEqual({ 401: 2, 429: 38 });
    expect(all.find((r) => r.statusCode === 429)!.headers["retry-after"]).toBe("1");
    expect((await meanwhile).statusCode).toBe(200);
  });
});
