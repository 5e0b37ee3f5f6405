import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Caller, signIn } from "../client.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";

const PASSWORD = "clave-original-1";
const NEW_PASSWORD = "clave-nueva-2026";

describe.each(DATABASES)("sessions, password changes and revocation on %s", (kind) => {
  let t: TestApp;
  let admin: Caller;
  let n = 0;
  beforeAll(async () => {
    t = await startApp(kind, { env: { MESA_LOGIN_ATTEMPTS: "3" } });
    admin = await signIn(t.app, ADMIN.email, ADMIN.password);
  });
  afterAll(async () => t?.close());

  /** A fresh user; returns its id and e-mail. */
  async function newUser(roles = ["reception"]) {
    const email = `persona${++n}@encor.mx`;
    const res = await admin.post("/api/users", { email, name: `Persona ${n}`, password: PASSWORD, roles });
    expect(res.status).toBe(201);
    return { id: res.body.id as string, email };
  }
  async function cookieLogin(email: string, password: string, ip = "10.1.1.1", ua = "Firefox/140") {
    const res = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email, password },
      remoteAddress: ip,
      headers: { "user-agent": ua },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "mesa_session")!;
    return { cookie: `mesa_session=${cookie.value}`, csrf: res.json().csrfToken as string };
  }
  type Session = Awaited<ReturnType<typeof cookieLogin>>;
  const call = (s: Session, method: "GET" | "POST" | "DELETE", url: string, payload?: object, ip?: string) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: s.cookie, "x-csrf-token": s.csrf },
      ...(payload ? { payload } : {}),
      ...(ip ? { remoteAddress: ip } : {}),
    });
  const bearer = (token: string, method: "GET" | "POST" = "GET", url = "/api/auth/me", payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(payload ? { payload } : {}),
    });
  const errorOf = (res: LightMyRequestResponse) => ({ status: res.statusCode, ...res.json().error });
  const changePassword = (s: Session, currentPassword: string, newPassword: string, ip?: string) =>
    call(s, "POST", "/api/auth/password", { currentPassword, newPassword }, ip);

  it("a password change needs the current password; a wrong one is refused and counts as a failed login", async () => {
    const u = await newUser();
    const s = await cookieLogin(u.email, PASSWORD, "10.2.2.2");
    const wrong = await changePassword(s, "no-es-la-clave", NEW_PASSWORD, "10.2.2.2");
    expect(errorOf(wrong)).toMatchObject({
      status: 422,
      code: "wrong_password",
      details: { field: "currentPassword" },
    });
    expect((await cookieLogin(u.email, PASSWORD, "10.2.2.3")).csrf).toBeTruthy(); // unchanged
    await changePassword(s, "otra-mala-1", NEW_PASSWORD, "10.2.2.2");
    await changePassword(s, "otra-mala-2", NEW_PASSWORD, "10.2.2.2");
    const throttled = await changePassword(s, PASSWORD, NEW_PASSWORD, "10.2.2.2");
    expect(errorOf(throttled)).toMatchObject({ status: 429, code: "rate_limited" });
    const login = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: u.email, password: PASSWORD },
      remoteAddress: "10.2.2.2",
    });
    expect(login.statusCode).toBe(429);
  });

  it("a new password shorter than 10 characters is refused everywhere", async () => {
    const u = await newUser();
    const s = await cookieLogin(u.email, PASSWORD);
    const short = "nueve-123"; // 9 characters
    expect(errorOf(await changePassword(s, PASSWORD, short))).toMatchObject({
      status: 400,
      code: "validation_failed",
    });
    const create = await admin.post("/api/users", {
      email: "corta@encor.mx",
      name: "C",
      password: short,
      roles: ["sales"],
    });
    expect(create.status).toBe(400);
    expect(JSON.stringify(create.body.error)).toContain("Mínimo 10 caracteres");
    expect((await admin.patch(`/api/users/${u.id}`, { password: short })).status).toBe(400);
    expect(
      (
        await admin.post("/api/users", {
          email: "diez@encor.mx",
          name: "D",
          password: "diez-12345",
          roles: ["sales"],
        })
      ).status,
    ).toBe(201);
  });

  it("changing one's password ends the other sessions and every API token; this session stays", async () => {
    const u = await newUser();
    const here = await cookieLogin(u.email, PASSWORD, "10.3.3.3", "Firefox/140");
    const phone = await cookieLogin(u.email, PASSWORD, "10.3.3.4", "Safari/18");
    const tokenCaller = await signIn(t.app, u.email, PASSWORD);
    expect((await bearer(tokenCaller.token!)).statusCode).toBe(200);

    expect((await changePassword(here, PASSWORD, NEW_PASSWORD)).statusCode).toBe(204);
    expect((await call(here, "GET", "/api/auth/me")).statusCode).toBe(200);
    expect((await call(phone, "GET", "/api/auth/me")).statusCode).toBe(401);
    expect((await bearer(tokenCaller.token!)).statusCode).toBe(401);
    const old = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: u.email, password: PASSWORD },
    });
    expect(old.statusCode).toBe(401);
    await cookieLogin(u.email, NEW_PASSWORD);
  });

  it("an admin's password reset ends the user's sessions and API tokens", async () => {
    const u = await newUser();
    const s = await cookieLogin(u.email, PASSWORD);
    const tokenCaller = await signIn(t.app, u.email, PASSWORD);
    expect((await admin.patch(`/api/users/${u.id}`, { password: NEW_PASSWORD })).status).toBe(200);
    expect((await call(s, "GET", "/api/auth/me")).statusCode).toBe(401);
    expect(errorOf(await bearer(tokenCaller.token!))).toMatchObject({ status: 401, code: "unauthenticated" });
  });

  it("a deactivated user's tokens stay revoked when the user is reactivated", async () => {
    const u = await newUser();
    const tokenCaller = await signIn(t.app, u.email, PASSWORD);
    expect((await admin.patch(`/api/users/${u.id}`, { active: false })).status).toBe(200);
    expect((await bearer(tokenCaller.token!)).statusCode).toBe(401);
    expect((await admin.patch(`/api/users/${u.id}`, { active: true })).status).toBe(200);
    expect((await bearer(tokenCaller.token!)).statusCode).toBe(401);
  });

  it("a removed role stops counting at once for the user's open session and tokens", async () => {
    const u = await newUser(["admin"]);
    const s = await cookieLogin(u.email, PASSWORD);
    const tokenCaller = await signIn(t.app, u.email, PASSWORD);
    const create = (suffix: string) => ({
      email: `nuevo-${suffix}@encor.mx`,
      name: "N",
      password: PASSWORD,
      roles: ["sales"],
    });
    expect((await bearer(tokenCaller.token!, "POST", "/api/users", create(`a${n}`))).statusCode).toBe(201);
    expect((await admin.patch(`/api/users/${u.id}`, { roles: ["reception"] })).status).toBe(200);
    expect((await bearer(tokenCaller.token!, "POST", "/api/users", create(`b${n}`))).statusCode).toBe(403);
    expect((await call(s, "POST", "/api/users", create(`c${n}`))).statusCode).toBe(403);
    expect((await bearer(tokenCaller.token!)).json().roles).toEqual(["reception"]);
  });

  it("lists the caller's open sessions (current marked) and ends one; another user's session is 404", async () => {
    const u = await newUser();
    const laptop = await cookieLogin(u.email, PASSWORD, "10.4.4.4", "Firefox/140");
    const phone = await cookieLogin(u.email, PASSWORD, "10.4.4.5", "Safari/18");
    const list = await call(laptop, "GET", "/api/auth/sessions");
    expect(list.statusCode).toBe(200);
    const items = list.json().items as {
      id: string;
      ip: string;
      userAgent: string;
      current: boolean;
      createdAt: string;
      lastSeenAt: string;
    }[];
    expect(items.map((i) => [i.ip, i.userAgent, i.current]).sort()).toEqual([
      ["10.4.4.4", "Firefox/140", true],
      ["10.4.4.5", "Safari/18", false],
    ]);
    for (const i of items) expect(i.lastSeenAt >= i.createdAt).toBe(true);
    const phoneId = items.find((i) => !i.current)!.id;

    const stranger = await cookieLogin((await newUser()).email, PASSWORD);
    expect(errorOf(await call(stranger, "DELETE", `/api/auth/sessions/${phoneId}`))).toMatchObject({
      status: 404,
      code: "not_found",
    });
    expect((await call(phone, "GET", "/api/auth/me")).statusCode).toBe(200);

    expect((await call(laptop, "DELETE", `/api/auth/sessions/${phoneId}`)).statusCode).toBe(204);
    expect((await call(phone, "GET", "/api/auth/me")).statusCode).toBe(401);
    const after = (await call(laptop, "GET", "/api/auth/sessions")).json().items;
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ current: true, ip: "10.4.4.4" });
    expect((await call(laptop, "DELETE", `/api/auth/sessions/${phoneId}`)).statusCode).toBe(404);
  });
});
