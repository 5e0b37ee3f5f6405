import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isTrustedDevice } from "../../src/server/modules/auth/trusted-device.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";

const OWNER = { email: "admin@encor.mx", password: "admin-password-123" };

describe.each(DATABASES)("a browser that signed in before gets in during a login flood on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(kind, {
      env: { MESA_TRUST_PROXY: "true", MESA_LOGIN_CONCURRENCY: "1", MESA_LOGIN_CONCURRENCY_PER_IP: "2" },
    });
  });
  afterAll(async () => t?.close());

  const login = (body: object, address: string, cookie?: string) =>
    t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: body,
      remoteAddress: "127.0.0.1",
      headers: { "x-forwarded-for": address, ...(cookie ? { cookie } : {}) },
    });

  // The waiting queue is per process; on PostgreSQL the connection pool paces such a flood before it
  // reaches the queue, so the queue only fills (and this runs) on SQLite.
  it.runIf(kind === "sqlite")(
    "the owner's device cookie passes a flood that fills the shared queue; without it, 429",
    async () => {
      const first = await login(OWNER, "198.51.100.20");
      expect(first.statusCode).toBe(200);
      const device = first.cookies.find((c) => c.name === "mesa_device");
      expect(device).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/api/auth/login" });

      // A sustained flood: 150 addresses guessing back to back keep the shared waiting queue full.
      let flooding = true;
      let refused = 0;
      const worker = async (i: number) => {
        for (let n = 0; flooding; n++) {
          const r = await login({ email: `nadie${i}@x.mx`, password: `adivina${n}` }, `203.0.113.${i}`);
          if (r.statusCode === 429) refused++;
        }
      };
      const flood = Array.from({ length: 150 }, (_, i) => worker(i));
      while (refused === 0) await new Promise((r) => setTimeout(r, 20));
      try {
        const stranger: number[] = [];
        for (let n = 0; n < 5; n++) stranger.push((await login(OWNER, `198.51.100.${40 + n}`)).statusCode);
        expect(stranger).toContain(429); // the lockout a flood causes to anyone without proof
        for (let n = 0; n < 3; n++) {
          const owner = await login(OWNER, `198.51.100.${50 + n}`, `mesa_device=${device!.value}`);
          expect(owner.statusCode).toBe(200);
        }
      } finally {
        flooding = false;
        await Promise.all(flood);
      }
    },
    120_000,
  );

  it("a device cookie proves only its own account, and only under the password it was issued for", async () => {
    const row = await t.app.ctx.db
      .selectFrom("users")
      .selectAll()
      .where("email", "=", OWNER.email)
      .executeTakeFirstOrThrow();
    const res = await login(OWNER, "198.51.100.30");
    const token = res.cookies.find((c) => c.name === "mesa_device")!.value;
    expect(isTrustedDevice(row, token)).toBe(true);
    expect(isTrustedDevice({ ...row, id: "otro" }, token)).toBe(false);
    expect(isTrustedDevice({ ...row, password_hash: "$argon2id$otro" }, token)).toBe(false);
    expect(isTrustedDevice({ ...row, active: 0 }, token)).toBe(false);
    expect(isTrustedDevice(row, `${token}x`)).toBe(false);
    expect(isTrustedDevice(row, "basura")).toBe(false);
  });
});
