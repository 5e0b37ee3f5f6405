import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, startApp, type TestApp } from "../harness.js";

// The SLA calculator names a partial closure with its hours ("from 13:00 to 24:00"): the answer's
// schema used to drop `from`/`to`, so the screen could only say the whole day was skipped.

describe.each(DATABASES)("the deadline calculator explains partial closures on %s", (kind) => {
  let t: TestApp;
  let s: Staff;

  beforeAll(async () => {
    t = await startApp(kind);
    s = await seedStaff(t.app);
  });
  afterAll(async () => t?.close());

  it("answers the hours of a partial closure it skipped", async () => {
    const current = (await s.admin.get("/api/settings/calendar")).body;
    const closures = [{ date: "2026-12-24", from: "13:00", reason: "Nochebuena" }];
    expect((await s.admin.put("/api/settings/calendar", { ...current, closures })).status).toBe(200);
    const res = await s.reception.get("/api/sla/deadline?from=2026-12-24T12:00:00-06:00&minutes=120");
    expect(res.status).toBe(200);
    expect(res.body.skipped[0]).toMatchObject({ date: "2026-12-24", reason: "Nochebuena", from: "13:00" });
    expect(res.body.skipped[0].to).toMatch(/^\d{2}:\d{2}$/);
  });
});
