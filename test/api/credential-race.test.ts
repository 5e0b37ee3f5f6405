import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Caller, signIn } from "../client.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";

const OLD = "clave-robada-123";
const NEW = "clave-nueva-456";

describe.each(DATABASES)("no session or token outlives a password change started meanwhile on %s", (kind) => {
  let t: TestApp;
  let admin: Caller;
  let n = 0;
  beforeAll(async () => {
    t = await startApp(kind, { env: { MESA_LOGIN_CONCURRENCY: "8" } });
    admin = await signIn(t.app, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => t?.close());

  async function newUser() {
    const email = `carrera${++n}@encor.mx`;
    const res = await admin.post("/api/users", {
      email,
      name: `Carrera ${n}`,
      password: OLD,
      roles: ["reception"],
    });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, email };
  }
  const login = (email: string, password: string) =>
    t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email, password },
      remoteAddress: "10.66.0.1",
    });
  const me = (headers: Record<string, string>) =>
    t.app.inject({ method: "GET", url: "/api/auth/me", headers }).then((r) => r.statusCode);

  /** An attacker with the old password signs in over and over, 6 at a time, until `stop()`. */
  function attacker(email: string) {
    let stopped = false;
    const cookies: string[] = [];
    const loop = async () => {
      while (!stopped) {
        const r = await login(email, OLD);
        await new Promise((r) => setImmediate(r)); // lets the timers of the test run
        const c = r.cookies.find((x) => x.name === "mesa_session");
        if (r.statusCode === 200 && c) cookies.push(`mesa_session=${c.value}`);
      }
    };
    const runs = Array.from({ length: 6 }, loop);
    return {
      cookies,
      stop: async () => {
        stopped = true;
        await Promise.all(runs);
      },
    };
  }

  it("concurrent logins with the old password during an admin reset leave no live session", async () => {
    for (let round = 0; round < 2; round++) {
      const u = await newUser();
      const a = attacker(u.email);
      for (let i = 0; i < 400 && a.cookies.length < 3; i++) await new Promise((r) => setTimeout(r, 5));
      expect(a.cookies.length).toBeGreaterThan(0);
      expect((await admin.patch(`/api/users/${u.id}`, { password: NEW })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 150));
      await a.stop();
      const alive = (await Promise.all(a.cookies.map((cookie) => me({ cookie })))).filter((s) => s === 200);
      expect(alive).toEqual([]);
      expect((await login(u.email, OLD)).statusCode).toBe(401);
      expect((await login(u.email, NEW)).statusCode).toBe(200);
    }
  });

  it("API tokens minted with a session while an admin resets the password do not survive", async () => {
    for (let round = 0; round < 2; round++) {
      const u = await newUser();
      const s = await login(u.email, OLD);
      const cookie = `mesa_session=${s.cookies.find((c) => c.name === "mesa_session")!.value}`;
      const headers = { cookie, "x-csrf-token": s.json().csrfToken as string };
      let stopped = false;
      const tokens: string[] = [];
      const mint = async () => {
        while (!stopped) {
          const r = await t.app.inject({
            method: "POST",
            url: "/api/auth/tokens",
            headers,
            payload: { name: "x" },
          });
          if (r.statusCode === 201) tokens.push(r.json().token);
          await new Promise((res) => setImmediate(res));
        }
      };
      const runs = Array.from({ length: 6 }, mint);
      for (let i = 0; i < 400 && tokens.length < 3; i++) await new Promise((r) => setTimeout(r, 5));
      expect((await admin.patch(`/api/users/${u.id}`, { password: NEW })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 100));
      stopped = true;
      await Promise.all(runs);
      const alive = (await Promise.all(tokens.map((tk) => me({ authorization: `Bearer ${tk}` })))).filter(
        (st) => st === 200,
      );
      expect(alive).toEqual([]);
    }
  });
});
