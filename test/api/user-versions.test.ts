/**
 * Staff accounts carry a version, as clients and contacts do: of two admins editing one account at
 * once, the second is refused with 409 and the account as it is now, instead of silently undoing the
 * first one's change. An edit without a version still applies to the current account.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, type Caller, signIn } from "../client.js";
import { PASSWORD } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";

describe.each(DATABASES)("user versions on %s", (kind) => {
  let t: TestApp;
  let admin: Caller;
  let second: Caller;
  const time = manualClock("2026-11-24T16:00:00Z");

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    admin = await signIn(t.app, ADMIN.email, ADMIN.password);
    const made = await admin.post("/api/users", {
      email: "segunda@encor.mx",
      name: "Segunda Admin",
      password: PASSWORD,
      roles: ["admin"],
    });
    expect(made.status).toBe(201);
    second = await signIn(t.app, "segunda@encor.mx", PASSWORD);
  });
  afterAll(async () => t?.close());

  const newTechnician = async (email: string) => {
    const made = await admin.post("/api/users", {
      email,
      name: "Tomás Técnico",
      password: PASSWORD,
      roles: ["technician"],
    });
    expect(made.status).toBe(201);
    return made.body as { id: string; version: number };
  };

  it("refuses an edit based on an older version, keeps the first one's change and returns the account", async () => {
    const u = await newTechnician("tomas@encor.mx");
    expect(u.version).toBe(1);
    const promoted = await admin.patch(`/api/users/${u.id}`, { roles: ["technician", "senior"], version: 1 });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ roles: ["technician", "senior"], version: 2 });

    const stale = await second.patch(`/api/users/${u.id}`, { name: "Tomás Pérez", version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("conflict");
    expect(stale.body.error.message).toMatch(/esta cuenta/);
    expect(stale.body.error.details.current).toMatchObject({
      name: "Tomás Técnico",
      roles: ["technician", "senior"],
      version: 2,
    });
    const now = await admin.get(`/api/users/${u.id}`);
    expect(now.body).toMatchObject({ name: "Tomás Técnico", roles: ["technician", "senior"], version: 2 });

    // Re-applied on the version it was shown, it goes through.
    const again = await second.patch(`/api/users/${u.id}`, { name: "Tomás Pérez", version: 2 });
    expect(again.body).toMatchObject({ name: "Tomás Pérez", roles: ["technician", "senior"], version: 3 });
  });

  it("of two edits on one version at once, exactly one is saved", async () => {
    const u = await newTechnician("dos@encor.mx");
    const [a, b] = await Promise.all([
      admin.patch(`/api/users/${u.id}`, { name: "Nombre A", version: 1 }),
      second.patch(`/api/users/${u.id}`, { name: "Nombre B", version: 1 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const saved = (a.status === 200 ? a : b).body.name;
    expect((await admin.get(`/api/users/${u.id}`)).body).toMatchObject({ name: saved, version: 2 });
  });

  it("counts the user's own changes and a password reset as versions; without a version an edit applies", async () => {
    const u = await newTechnician("propio@encor.mx");
    const own = await signIn(t.app, "propio@encor.mx", PASSWORD);
    expect((await own.patch("/api/auth/me", { locale: "en" })).body.version).toBe(2);
    const stale = await admin.patch(`/api/users/${u.id}`, { locale: "es-MX", version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({ locale: "en", version: 2 });
    const reset = await admin.patch(`/api/users/${u.id}`, { password: "otra-clave-segura-2", version: 2 });
    expect(reset.body.version).toBe(3);
    // The version may come as If-Match instead of in the body.
    const viaHeader = await t.app.inject({
      method: "PATCH",
      url: `/api/users/${u.id}`,
      headers: { authorization: `Bearer ${admin.token}`, "if-match": '"2"' },
      payload: { name: "Con If-Match" },
    });
    expect(viaHeader.statusCode).toBe(409);
    const unversioned = await admin.patch(`/api/users/${u.id}`, { active: false });
    expect(unversioned.body).toMatchObject({ active: false, version: 4 });
  });

  it("refuses a version that is not a whole number, changing nothing", async () => {
    const u = await newTechnician("malo@encor.mx");
    for (const version of ["1", 1.5, -1]) {
      const res = await admin.patch(`/api/users/${u.id}`, { name: "Otro", version });
      expect(res.status).toBe(400);
    }
    expect((await admin.get(`/api/users/${u.id}`)).body).toMatchObject({ name: "Tomás Técnico", version: 1 });
  });
});
