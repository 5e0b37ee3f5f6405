import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN, Caller } from "../client.js";
import { type Staff, seedStaff } from "../fixtures.js";
import {
  countQueries,
  DATABASES,
  manualClock,
  type QueryCounter,
  startApp,
  type TestApp,
} from "../harness.js";

/**
 * The calendar and SLA settings, which nearly every ticket request needs, are read again only when
 * they changed: the sign-in read of each request also reads their stamp (issue #16, one round trip
 * fewer). Two instances share one database; what one saves, the other's next request uses.
 */
describe.each(DATABASES)("settings stamp on %s", (kind) => {
  let a: TestApp;
  let b: TestApp;
  let s: Staff;
  let q: QueryCounter;
  let clientId = "";
  const clock = manualClock("2026-03-10T17:00:00Z"); // a Tuesday, 11:00 in Mexico City

  const settingsReads = () => q.ran.filter((x) => x === "SelectQueryNode settings").length;
  const file = async () => {
    q.reset();
    const r = await s.reception.post("/api/tickets", {
      clientId,
      title: "Impresora sin red",
      description: "",
      urgent: false,
      channel: "phone",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return { due: r.body.responseDueAt as string, reads: settingsReads() };
  };
  /** The admin, signed in on the other instance, saves the SLA with a new target for events. */
  const saveEventTarget = async (minutes: number) => {
    const admin = new Caller(b.app, s.admin.token);
    const sla = await admin.get("/api/settings/sla");
    const body = { ...sla.body, targets: { ...sla.body.targets, eventNormal: minutes } };
    const saved = await admin.put("/api/settings/sla", body);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
  };

  beforeAll(async () => {
    a = await startApp(kind, { clock: clock.clock });
    b = await startApp(kind, { clock: clock.clock, db: a.db });
    s = await seedStaff(a.app);
    const c = await s.reception.post("/api/clients", { name: "Papelería Ñandú", phone: "55 4000 1000" });
    expect(c.status).toBe(201);
    clientId = c.body.id;
    q = countQueries(a.app);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it("reads them once, then not again while they stay the same", async () => {
    q.reset();
    expect((await s.reception.get("/api/tickets")).status).toBe(200);
    expect(settingsReads(), q.ran.join("\n")).toBeLessThanOrEqual(1);
    q.reset();
    expect((await s.reception.get("/api/tickets?status=new")).status).toBe(200);
    expect(settingsReads(), q.ran.join("\n")).toBe(0);
    expect((await file()).reads).toBe(0);
  });

  it("uses what another instance saved on the next request, then caches that", async () => {
    const before = await file();
    await saveEventTarget(600);
    const after = await file();
    expect(after.reads).toBe(1);
    expect(Date.parse(after.due)).toBeGreaterThan(Date.parse(before.due));
    // The instance that saved computes the same deadline.
    const there = await new Caller(b.app, s.reception.token).post("/api/tickets", {
      clientId,
      title: "Impresora sin red",
      description: "",
      urgent: false,
      channel: "phone",
    });
    expect(there.body.responseDueAt).toBe(after.due);
    const again = await file();
    expect([again.reads, again.due]).toEqual([0, after.due]);
    // Each save is read again, even back to a value seen before (a new version, not the old rows).
    await saveEventTarget(120);
    const shorter = await file();
    expect(shorter.reads).toBe(1);
    expect(Date.parse(shorter.due)).toBeLessThan(Date.parse(after.due));
    await saveEventTarget(600);
    expect(await file()).toEqual({ due: after.due, reads: 1 });
  });

  it("serves a cookie session the same way", async () => {
    const login = await a.app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: ADMIN,
    });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((c) => c.name === "mesa_session")!;
    const list = () =>
      a.app.inject({
        method: "GET",
        url: "/api/tickets",
        headers: { cookie: `mesa_session=${cookie.value}` },
      });
    expect((await list()).statusCode).toBe(200);
    q.reset();
    expect((await list()).statusCode).toBe(200);
    expect(settingsReads(), q.ran.join("\n")).toBe(0);
    await saveEventTarget(480);
    q.reset();
    expect((await list()).statusCode).toBe(200);
    expect(settingsReads(), q.ran.join("\n")).toBe(1);
  });
});
