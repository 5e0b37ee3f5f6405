import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { JOBS } from "../../src/server/platform/jobs/definitions.js";
import { runDueJobs } from "../../src/server/platform/jobs/runner.js";
import type { Caller } from "../client.js";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";

const SETTINGS = { enabled: true, hour: 3, retentionDays: 30, keep: 2, dir: null };

const names = async (admin: Caller) =>
  (await admin.get("/api/backups")).body.items.map((b: { name: string }) => b.name);

describe.each(DATABASES)("backup settings on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;
  beforeAll(async () => {
    t = await startApp(kind, { env: { MESA_BACKUP_DIRS: `${os.tmpdir()}, /proc` } });
    staff = await seedStaff(t.app);
  });
  afterAll(async () => t?.close());

  it("lets only an admin read and change them, refusing bad values without changing anything", async () => {
    const initial = await staff.admin.get("/api/settings/backup");
    expect(initial.status).toBe(200);
    expect(initial.body).toEqual({
      enabled: true,
      hour: 3,
      retentionDays: 14,
      keep: 14,
      dir: null,
      version: 0,
    });
    expect((await staff.leader.get("/api/settings/backup")).status).toBe(403);
    expect((await staff.leader.put("/api/settings/backup", SETTINGS)).status).toBe(403);
    expect((await staff.reception.get("/api/backups")).status).toBe(403);

    const bad = [
      { ...SETTINGS, hour: 24 },
      { ...SETTINGS, keep: 0 },
      { ...SETTINGS, dir: "relativa/copias" },
      { ...SETTINGS, dir: "/proc/mesa-no-se-puede" },
      { ...SETTINGS, extra: 1 },
      { ...SETTINGS, dir: "/etc" }, // outside MESA_DATA_DIR and MESA_BACKUP_DIRS
      { ...SETTINGS, dir: "/etc/mesa-copias" },
    ];
    for (const body of bad) {
      const res = await staff.admin.put("/api/settings/backup", body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("validation_failed");
    }
    const unwritable = await staff.admin.put("/api/settings/backup", { ...SETTINGS, dir: "/proc/mesa-no" });
    expect(unwritable.body.error.details[0].path).toEqual(["dir"]);
    const outside = await staff.admin.put("/api/settings/backup", { ...SETTINGS, dir: "/etc" });
    expect(outside.body.error.details[0]).toMatchObject({
      path: ["dir"],
      message: expect.stringMatching(/MESA_BACKUP_DIRS/),
    });
    expect((await staff.admin.get("/api/settings/backup")).body).toEqual(initial.body);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mesa-copias-"));
    const saved = await staff.admin.put("/api/settings/backup", { ...SETTINGS, dir });
    expect(saved.status).toBe(200);
    expect((await staff.admin.get("/api/settings/backup")).body).toEqual({ ...SETTINGS, dir, version: 1 });
    const list = await staff.admin.get("/api/backups");
    expect(list.body).toEqual({ database: kind, dir, items: [] });
    const audit = await staff.admin.get("/api/audit?entity=settings&entityId=backup");
    expect(audit.body.items).toHaveLength(1);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("the nightly backup job on sqlite", () => {
  let t: TestApp;
  let admin: Caller;
  let dir: string;
  // 02:50 in Mexico City (UTC-6) on Tuesday 24 Nov 2026.
  const time = manualClock("2026-11-24T08:50:00Z");
  const tick = () => runDueJobs(t.app.ctx, JOBS, "test");

  beforeAll(async () => {
    t = await startApp("sqlite", { clock: time.clock });
    admin = (await seedStaff(t.app)).admin;
    dir = path.join(t.db.env.MESA_DATA_DIR!, "backups");
    expect((await admin.put("/api/settings/backup", SETTINGS)).status).toBe(200);
  });
  afterAll(async () => t?.close());

  it("backs up once during the configured local hour and keeps only what retention allows", async () => {
    await tick();
    expect(await names(admin)).toEqual([]);

    time.set("2026-11-24T09:05:00Z"); // 03:05 local
    await tick();
    expect(await names(admin)).toEqual(["mesa-20261124T090500Z.sqlite"]);
    const [first] = (await admin.get("/api/backups")).body.items;
    expect(first.createdAt).toBe("2026-11-24T09:05:00.000Z");
    expect(first.size).toBe(fs.statSync(path.join(dir, first.name)).size);
    const copy = new SQLite(path.join(dir, first.name), { readonly: true });
    expect(copy.prepare("pragma integrity_check").pluck().get()).toBe("ok");
    expect(copy.prepare("select count(*) from users").pluck().get()).toBeGreaterThan(1);
    copy.close();

    time.set("2026-11-24T09:40:00Z"); // still 03:xx: no second backup the same night
    await tick();
    time.set("2026-11-24T10:10:00Z"); // 04:10: past the hour
    await tick();
    expect(await names(admin)).toHaveLength(1);

    fs.writeFileSync(path.join(dir, "manual-antes-de-migrar.sqlite"), "no la toques");
    for (const day of ["25", "26"]) {
      time.set(`2026-11-${day}T09:00:00Z`);
      await tick();
    }
    // keep = 2: the oldest of the three nightly backups is gone; other files are never touched.
    expect(await names(admin)).toEqual(["mesa-20261126T090000Z.sqlite", "mesa-20261125T090000Z.sqlite"]);
    expect(fs.existsSync(path.join(dir, "manual-antes-de-migrar.sqlite"))).toBe(true);

    await admin.put("/api/settings/backup", { ...SETTINGS, keep: 10, retentionDays: 3 });
    time.set("2026-11-30T09:30:00Z");
    await tick();
    // Only 30 Nov is within 3 days; older ones go.
    expect(await names(admin)).toEqual(["mesa-20261130T093000Z.sqlite"]);
  });

  it("does nothing when disabled", async () => {
    await admin.put("/api/settings/backup", { ...SETTINGS, enabled: false });
    time.set("2026-12-01T09:10:00Z");
    await tick();
    expect(await names(admin)).toEqual(["mesa-20261130T093000Z.sqlite"]);
  });
});
