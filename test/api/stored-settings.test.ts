import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";

/**
 * A stored setting is checked against its schema when read. One that fails it (an older version's shape,
 * a hand edit) must not take intake down: the defaults apply, a warning is logged, and the admin can resave.
 */
describe.each(DATABASES)("stored settings that fail their schema on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  let clientId = "";
  const warnings: string[] = [];
  const clock = manualClock("2026-03-10T16:00:00Z"); // Tuesday 10:00 in Mexico City

  const store = (key: string, value: unknown) =>
    t.app.ctx.db
      .updateTable("settings")
      .set({ value: JSON.stringify(value) })
      .where("key", "=", key)
      .execute();

  beforeAll(async () => {
    t = await startApp(kind, { clock: clock.clock });
    s = await seedStaff(t.app);
    t.app.ctx.log = { warn: (_obj, msg) => warnings.push(msg) };
    clientId = (await s.reception.post("/api/clients", { name: "Papelería Ríos" })).body.id;
    // Saved through the API first, so each row exists with a version.
    const sla = await s.admin.get("/api/settings/sla");
    expect((await s.admin.put("/api/settings/sla", sla.body)).status).toBe(200);
    const cal = await s.admin.get("/api/settings/calendar");
    expect((await s.admin.put("/api/settings/calendar", cal.body)).status).toBe(200);
  });
  afterAll(() => t.close());

  const fileTicket = () =>
    s.reception.post("/api/tickets", {
      clientId,
      title: "Sin impresora",
      description: "",
      urgent: false,
      channel: "phone",
    });

  it("files tickets on the default targets and calendar when both stored values are invalid", async () => {
    await store("sla", { targets: "rápido", rounding: { contract: 15 } });
    await store("calendar", { timeZone: 42, weeklyHours: {} });
    warnings.length = 0;
    const r = await fileTicket();
    expect(r.status).toBe(201);
    // Event, normal: 8 business hours by default → Wednesday 10:00 local (16:00 UTC).
    expect(r.body.responseDueAt).toBe("2026-03-11T16:00:00.000Z");
    expect(warnings.some((w) => w.includes("«sla»"))).toBe(true);
    expect(warnings.some((w) => w.includes("«calendar»"))).toBe(true);
    expect((await s.reception.get("/api/tickets")).status).toBe(200);
  });

  it("shows the admin the defaults with the stored version, and a save over it repairs the row", async () => {
    const sla = await s.admin.get("/api/settings/sla");
    expect(sla.status).toBe(200);
    expect(sla.body.targets.eventNormal).toBeGreaterThan(0);
    const saved = await s.admin.put("/api/settings/sla", sla.body);
    expect(saved.status).toBe(200);
    warnings.length = 0;
    expect((await fileTicket()).status).toBe(201);
    expect(warnings.filter((w) => w.includes("«sla»"))).toEqual([]);
  });
});
