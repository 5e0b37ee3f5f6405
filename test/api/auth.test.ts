import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Caller, signIn } from "../client.js";
import { DATABASES, freshDatabase, manualClock, startApp, type TestApp } from "../harness.js";

const USER = { email: "tecnico@encor.mx", password: "clave-del-tecnico" };
const HOUR = 3600_000;

describe.each(DATABASES)("authentication on %s", (kind) => {
  let t: TestApp;
  let admin: Caller;
  let userId: string;
  const time = manualClock("2026-11-24T16:00:00Z");

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    admin = await signIn(t.app, ADMIN.email, ADMIN.password);
    const u = await admin.post("/api/users", { ...USER, name: "Tomás Técnico", roles: ["technician"] });
    expect(u.status).toBe(201);
    userId = u.body.id;
  });
  afterAll(async () => t?.close());

  const login = (email: string, password: string, headers: Record<string, string> = {}) =>
    t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password }, headers });
  const sessionOf = (res: LightMyRequestResponse) => {
    const cookie = res.cookies.find((c) => c.name === "mesa_session");
    if (!cookie) throw new Error(`no session cookie: ${res.statusCode} ${res.body}`);
    return { cookie, csrf: res.json().csrfToken as string, header: `mesa_session=${cookie.value}` };
  };
  const withCookie = (
    method: "GET" | "POST" | "PATCH",
    url: string,
    cookie: string,
    extra: { csrf?: string; payload?: object } = {},
  ) =>
    t.app.inject({
      method,
      url,
      headers: { cookie, ...(extra.csrf ? { "x-csrf-token": extra.csrf } : {}) },
      ...(extra.payload ? { payload: extra.payload } : {}),
    });
  const errorOf = (res: LightMyRequestResponse) => ({ status: res.statusCode, ...res.json().error });

  it("login sets an httpOnly SameSite session cookie and returns the user and a CSRF token", async () => {
    const res = await login(ADMIN.email, ADMIN.password);
    expect(res.statusCode).toBe(200);
    const { cookie, csrf } = sessionOf(res);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
    expect(new Date(cookie.expires!).getTime()).toBe(time.clock().getTime() + 12 * HOUR);
    expect(String(res.headers["set-cookie"])).toMatch(/HttpOnly/);
    expect(res.json().user).toMatchObject({ email: ADMIN.email, roles: ["admin"] });
    expect(csrf.length).toBeGreaterThanOrEqual(20);
  });

  it("answers an unknown e-mail and a wrong password identically, and accepts any e-mail case", async () => {
    const unknown = await login("nadie@encor.mx", "lo-que-sea-123");
    const wrong = await login(USER.email, "otra-clave-123");
    expect(errorOf(unknown)).toEqual(errorOf(wrong));
    expect(errorOf(wrong)).toMatchObject({ status: 401, code: "invalid_credentials" });
    expect(unknown.cookies).toHaveLength(0);
    expect((await login("TECNICO@Encor.MX", USER.password)).statusCode).toBe(200);
  });

  it("/api/auth/me with the cookie returns the CSRF token; with a bearer token it does not", async () => {
    const s = sessionOf(await login(USER.email, USER.password));
    const me = await withCookie("GET", "/api/auth/me", s.header);
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      id: userId,
      email: USER.email,
      roles: ["technician"],
      csrfToken: s.csrf,
    });
    const viaToken = await admin.get("/api/auth/me");
    expect(viaToken.body.csrfToken).toBeUndefined();
  });

  it("a cookie write needs the session's X-CSRF-Token; a bearer write needs none", async () => {
    const s = sessionOf(await login(ADMIN.email, ADMIN.password));
    const other = sessionOf(await login(ADMIN.email, ADMIN.password));
    const create = (csrf?: string) =>
      withCookie("POST", "/api/clients", s.header, {
        csrf,
        payload: { name: `Cliente CSRF ${csrf ?? "none"}` },
      });
    for (const csrf of [undefined, "inventado", other.csrf]) {
      const refused = await create(csrf);
      expect(errorOf(refused)).toMatchObject({ status: 403, code: "csrf_token_invalid" });
    }
    const patch = await withCookie("PATCH", "/api/auth/me", s.header, { payload: { locale: "en" } });
    expect(errorOf(patch)).toMatchObject({ status: 403, code: "csrf_token_invalid" });
    expect((await admin.get("/api/clients?q=csrf")).body.items).toEqual([]);
    expect((await admin.get("/api/auth/me")).body.locale).toBe("es-MX");

    expect((await create(s.csrf)).statusCode).toBe(201);
    expect((await admin.post("/api/clients", { name: "Cliente por token" })).status).toBe(201);
    expect((await admin.get("/api/clients?q=csrf")).body.items).toHaveLength(1);
  });

  it("a revoked token is refused with 401; nobody revokes another user's token", async () => {
    const made = await admin.post("/api/auth/tokens", { name: "integración" });
    expect(made.status).toBe(201);
    const inject = (method: "GET" | "DELETE", url: string, token: string) =>
      t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });
    expect((await inject("GET", "/api/auth/me", made.body.token)).statusCode).toBe(200);

    const tech = await signIn(t.app, USER.email, USER.password);
    expect((await inject("DELETE", `/api/auth/tokens/${made.body.id}`, tech.token!)).statusCode).toBe(404);
    expect((await inject("GET", "/api/auth/me", made.body.token)).statusCode).toBe(200);

    expect((await inject("DELETE", `/api/auth/tokens/${made.body.id}`, admin.token!)).statusCode).toBe(204);
    const after = await inject("GET", "/api/auth/me", made.body.token);
    expect(errorOf(after)).toMatchObject({ status: 401, code: "unauthenticated" });
    expect(errorOf(await inject("GET", "/api/tickets", "mesa_inventado"))).toMatchObject({ status: 401 });
  });

  it("a session expires after MESA_SESSION_HOURS; logout ends it at once", async () => {
    const s = sessionOf(await login(USER.email, USER.password));
    time.advance(12 * HOUR - 60_000);
    expect((await withCookie("GET", "/api/auth/me", s.header)).statusCode).toBe(200);
    time.advance(2 * 60_000);
    const expired = await withCookie("GET", "/api/auth/me", s.header);
    expect(errorOf(expired)).toMatchObject({ status: 401, code: "session_expired" });
    expect((await admin.get("/api/auth/me")).status).toBe(200); // bearer tokens do not expire with sessions

    const s2 = sessionOf(await login(USER.email, USER.password));
    expect((await withCookie("POST", "/api/auth/logout", s2.header, { csrf: s2.csrf })).statusCode).toBe(204);
    expect((await withCookie("GET", "/api/auth/me", s2.header)).statusCode).toBe(401);
  });

  it("a deactivated user cannot log in, and their open session and tokens stop working", async () => {
    const u = await admin.post("/api/users", {
      email: "baja@encor.mx",
      name: "Dado de baja",
      password: "clave-de-baja",
      roles: ["reception"],
    });
    const s = sessionOf(await login("baja@encor.mx", "clave-de-baja"));
    const token = await signIn(t.app, "baja@encor.mx", "clave-de-baja");
    expect((await admin.patch(`/api/users/${u.body.id}`, { active: false })).status).toBe(200);

    const refused = await login("baja@encor.mx", "clave-de-baja");
    expect(errorOf(refused)).toEqual(errorOf(await login("nadie@encor.mx", "clave-de-baja")));
    expect((await withCookie("GET", "/api/auth/me", s.header)).statusCode).toBe(401);
    expect((await token.get("/api/auth/me")).status).toBe(401);
  });

  it("stores passwords as argon2id hashes, never the password", async () => {
    const rows = await t.app.ctx.db.selectFrom("users").select(["email", "password_hash"]).execute();
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) {
      expect(r.password_hash).toMatch(/^\$argon2id\$v=19\$m=\d+,[pt]=\d+,[pt]=\d+\$/);
      for (const p of [ADMIN.password, USER.password]) expect(r.password_hash).not.toContain(p);
    }
  });

  it("created the first admin from MESA_ADMIN_EMAIL/PASSWORD once; setup is closed", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/setup" })).json().needsSetup).toBe(false);
    const setup = await t.app.inject({
      method: "POST",
      url: "/api/setup",
      payload: {
        companyName: "Intruso",
        supportEmail: "x@x.mx",
        admin: { name: "X", email: "x@x.mx", password: "clave-larga-1" },
      },
    });
    expect(errorOf(setup)).toMatchObject({ status: 409, code: "conflict" });
    // A restart with other credentials does not add a second admin.
    const again = await startApp(kind, { db: t.db, env: { MESA_ADMIN_EMAIL: "otro@encor.mx" } });
    await again.close();
    const admins = (await admin.get("/api/users?role=admin")).body.items;
    expect(admins.map((a: { email: string }) => a.email)).toEqual([ADMIN.email]);
  });
});

describe.each(DATABASES)("login throttling on %s", (kind) => {
  let t: TestApp;
  const time = manualClock("2026-11-24T16:00:00Z");
  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock, env: { MESA_LOGIN_ATTEMPTS: "3" } });
  });
  afterAll(async () => t?.close());

  const login = (password: string, ip = "10.0.0.1") =>
    t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { email: ADMIN.email, password },
      remoteAddress: ip,
    });

  it("answers 429 after 3 failures from one address, even to the right password, until the wait passes", async () => {
    for (let i = 0; i < 3; i++) expect((await login("mala-clave-123")).statusCode).toBe(401);
    const limited = await login(ADMIN.password);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({
      code: "rate_limited",
      message: "Demasiados intentos. Intenta de nuevo en 1 minuto.",
    });
    expect(limited.headers["retry-after"]).toBe("60");
    // The owner on another address is not locked out by someone else's guesses.
    expect((await login(ADMIN.password, "10.9.9.9")).statusCode).toBe(200);
    time.advance(61_000);
    expect((await login(ADMIN.password)).statusCode).toBe(200);
  });
});

describe.each(DATABASES)("first-start setup on %s", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp(kind, { env: { MESA_ADMIN_EMAIL: "", MESA_ADMIN_PASSWORD: "" } });
  });
  afterAll(async () => t?.close());

  const setup = (email: string) =>
    t.app.inject({
      method: "POST",
      url: "/api/setup",
      payload: {
        companyName: "Encor S.A. de C.V.",
        supportEmail: "soporte@encor.net.mx",
        admin: { name: "Primera Admin", email, password: "clave-inicial-1" },
      },
    });

  it("opens setup only while there is no user, and only one of two racing setups wins", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/setup" })).json()).toEqual({
      needsSetup: true,
      companyName: null,
    });
    expect((await t.app.inject({ method: "GET", url: "/api/tickets" })).statusCode).toBe(401);
    const [a, b] = await Promise.all([setup("una@encor.mx"), setup("otra@encor.mx")]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    const won = a.statusCode === 201 ? a : b;
    expect(won.json().user.roles).toEqual(["admin"]);
    expect(won.cookies.find((c) => c.name === "mesa_session")).toBeTruthy();

    expect((await setup("tercera@encor.mx")).statusCode).toBe(409);
    expect((await t.app.inject({ method: "GET", url: "/api/setup" })).json()).toEqual({
      needsSetup: false,
      companyName: "Encor S.A. de C.V.",
    });
    const users = await t.app.ctx.db.selectFrom("users").select("email").execute();
    expect(users.map((u) => u.email)).toEqual([won.json().user.email]);
    const me = await signIn(t.app, won.json().user.email, "clave-inicial-1");
    expect(me.user!.roles).toEqual(["admin"]);
  });
});

describe("first-start admin password", () => {
  it("is held to the 10-character rule when it creates the first admin, and only then", async () => {
    const db = await freshDatabase("sqlite");
    try {
      const short = { MESA_ADMIN_PASSWORD: "nueve-123" };
      await expect(startApp("sqlite", { db, env: short })).rejects.toThrow(
        "MESA_ADMIN_PASSWORD: Mínimo 10 caracteres",
      );
      await (await startApp("sqlite", { db })).close(); // creates the admin with a valid password
      const again = await startApp("sqlite", { db, env: short }); // users exist: the value is unused
      await again.close();
    } finally {
      await db.drop();
    }
  });
});
