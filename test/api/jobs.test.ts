import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escalateSla, JOBS } from "../../src/server/platform/jobs/definitions.js";
import { jobsRepo } from "../../src/server/platform/jobs/repository.js";
import { type JobDefinition, runDueJobs } from "../../src/server/platform/jobs/runner.js";
import { createClientWithContact, type Staff, seedStaff, validRfc } from "../fixtures.js";
import { DATABASES, freshDatabase, manualClock, startApp, type TestApp, type TestDb } from "../harness.js";

describe.each(DATABASES)("scheduled jobs on %s", (kind) => {
  let db: TestDb;
  let a: TestApp;
  let b: TestApp;
  let staff: Staff;
  // Tuesday 24 Nov 2026 10:00 local.
  const time = manualClock("2026-11-24T16:00:00Z");

  beforeAll(async () => {
    db = await freshDatabase(kind);
    a = await startApp(kind, { clock: time.clock, db });
    b = await startApp(kind, { clock: time.clock, db });
    staff = await seedStaff(a.app);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  it("escalates a ticket near and past its deadline once each, notifying reception and leader", async () => {
    const { client } = await createClientWithContact(staff, "Clínica Dental", "CDE040404AB2", "c@cde.mx");
    const contract = await staff.leader.post("/api/contracts", {
      clientId: client.id,
      type: "SS",
      startsOn: "2026-01-01",
      monthlyFeeCents: 100000,
    });
    expect(contract.status).toBe(201);
    const ticket = (
      await staff.reception.post("/api/tickets", {
        clientId: client.id,
        title: "Servidor caído",
        description: "",
        urgent: true,
        channel: "phone",
      })
    ).body;
    expect(ticket.responseDueAt).toBe("2026-11-24T17:00:00.000Z");

    expect(await runDueJobs(a.app.ctx, JOBS, "a")).toContain("sla-escalation");
    expect((await staff.reception.get("/api/notifications")).body.unreadCount).toBe(0);

    time.set("2026-11-24T16:45:00Z"); // 15 business minutes left: near.
    await runDueJobs(a.app.ctx, JOBS, "a");
    const near = await staff.reception.get("/api/notifications");
    expect(near.body.unreadCount).toBe(1);
    expect(near.body.items[0]).toMatchObject({
      code: "notification.sla_near",
      params: { folio: ticket.folio, title: "Servidor caído" },
      message: `${ticket.folio} está por vencer su tiempo de respuesta: Servidor caído`,
    });
    expect((await staff.leader.get("/api/notifications")).body.unreadCount).toBe(1);
    expect((await staff.sales.get("/api/notifications")).body.unreadCount).toBe(0);

    time.set("2026-11-24T17:10:00Z");
    await runDueJobs(a.app.ctx, JOBS, "a");
    time.set("2026-11-24T17:20:00Z");
    await runDueJobs(a.app.ctx, JOBS, "a");
    const after = await staff.reception.get("/api/notifications");
    expect(after.body.unreadCount).toBe(2);
    expect(after.body.items[0]).toMatchObject({ code: "notification.sla_breached" });
    expect(after.body.items[0].message).toContain("venció");
    const detail = await staff.reception.get(`/api/tickets/${ticket.id}`);
    expect(detail.body.history.filter((h: { action: string }) => h.action === "escalated")).toHaveLength(2);
    expect(detail.body.slaState).toBe("breached");

    const read = await staff.reception.post("/api/notifications/read-all");
    expect(read.body.updated).toBe(2);
    expect((await staff.reception.get("/api/notifications?unread=true")).body.items).toHaveLength(0);
  });

  it("runs a due job once even when two instances tick at the same moment", async () => {
    time.set("2026-11-24T19:00:00Z");
    const results = await Promise.all([
      runDueJobs(a.app.ctx, JOBS, "instance-a"),
      runDueJobs(b.app.ctx, JOBS, "instance-b"),
      runDueJobs(a.app.ctx, JOBS, "instance-a2"),
    ]);
    const escalations = results.flat().filter((n) => n === "sla-escalation");
    expect(escalations).toHaveLength(1);
    // Not due again within its period.
    time.advance(30_000);
    expect(await runDueJobs(b.app.ctx, JOBS, "instance-b")).not.toContain("sla-escalation");
    time.advance(60_000);
    expect(await runDueJobs(b.app.ctx, JOBS, "instance-b")).toContain("sla-escalation");
  });

  it("a failing job does not stop the jobs after it; its error is logged, kept and shown, and it waits before retrying", async () => {
    time.set("2026-11-24T21:00:00Z");
    const housekeeping = JOBS.find((j) => j.name === "housekeeping")!;
    let tries = 0;
    const broken: JobDefinition = {
      ...housekeeping,
      run: async () => {
        tries++;
        throw new Error("disco lleno");
      },
    };
    const logged: { obj: unknown; msg: string }[] = [];
    const log = { error: (obj: unknown, msg: string) => logged.push({ obj, msg }) };
    const withBroken = [broken, ...JOBS.filter((j) => j !== housekeeping)];

    const others = JOBS.filter((j) => j !== housekeeping).map((j) => j.name);
    expect(await runDueJobs(a.app.ctx, withBroken, "a", log)).toEqual(others);
    expect(tries).toBe(1);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.msg).toContain("housekeeping");
    expect(logged[0]!.obj).toMatchObject({ job: "housekeeping" });
    expect(await jobsRepo.get(a.app.ctx.db, "housekeeping")).toMatchObject({
      last_error: "Error: disco lleno",
      last_failure_at: "2026-11-24T21:00:00.000Z",
      locked_by: null,
    });

    const jobs = await staff.admin.get("/api/admin/jobs");
    expect(jobs.status).toBe(200);
    const byName = Object.fromEntries(jobs.body.items.map((j: { name: string }) => [j.name, j]));
    expect(byName.housekeeping).toMatchObject({
      failing: true,
      lastError: "Error: disco lleno",
      lastFailureAt: "2026-11-24T21:00:00.000Z",
      nextDueAt: "2026-11-24T21:01:00.000Z", // a minute's pause, not its hourly period
    });
    expect(byName["sla-escalation"]).toMatchObject({
      failing: false,
      lastError: null,
      lastRunAt: "2026-11-24T21:00:00.000Z",
      nextDueAt: "2026-11-24T21:01:00.000Z",
      everyMs: 60_000,
    });

    // Not retried on every tick, but after the pause; the real job then succeeds and clears the alarm.
    time.advance(30_000);
    expect(await runDueJobs(a.app.ctx, withBroken, "a", log)).toEqual([]);
    expect(tries).toBe(1);
    time.advance(31_000);
    expect(await runDueJobs(b.app.ctx, JOBS, "b", log)).toEqual(["sla-escalation", "housekeeping"]);
    const after = (await staff.admin.get("/api/admin/jobs")).body.items.find(
      (j: { name: string }) => j.name === "housekeeping",
    );
    expect(after).toMatchObject({ failing: false, lastRunAt: "2026-11-24T21:01:01.000Z" });
    expect(after.nextDueAt).toBe("2026-11-24T22:01:01.000Z");
  });

  /** Housekeeping replaced by a job that throws `err`, placed first so the others come after it. */
  function failingFirst(err: Error) {
    const housekeeping = JOBS.find((j) => j.name === "housekeeping");
    if (!housekeeping) throw new Error("no housekeeping job");
    const broken: JobDefinition = { ...housekeeping, run: () => Promise.reject(err) };
    const others = JOBS.filter((j) => j !== housekeeping);
    const logged: { obj: unknown; msg: string }[] = [];
    const log = { error: (obj: unknown, msg: string) => logged.push({ obj, msg }) };
    return { jobs: [broken, ...others], others: others.map((j) => j.name), logged, log };
  }
  const coded = (code: string, message: string) => Object.assign(new Error(message), { code });

  it("a storage fault raised by one job (its own folder out of space) is that job's failure: recorded, and the jobs after it still run", async () => {
    time.set("2026-11-24T23:00:00Z");
    const f = failingFirst(coded("ENOSPC", "ENOSPC: no space left on device, write"));
    expect(await runDueJobs(a.app.ctx, f.jobs, "a", f.log)).toEqual(f.others);
    expect(f.logged.map((l) => l.msg)).toEqual(["scheduled job housekeeping failed"]);
    expect(await jobsRepo.get(a.app.ctx.db, "housekeeping")).toMatchObject({
      last_error: "Error: ENOSPC: no space left on device, write",
      last_failure_at: "2026-11-24T23:00:00.000Z",
      locked_by: null,
    });
  });

  it("a database outage met by a job pauses the rest of the tick without blaming the job", async () => {
    time.set("2026-11-25T01:00:00Z");
    const f = failingFirst(coded("ECONNREFUSED", "connect ECONNREFUSED 127.0.0.1:5432"));
    expect(await runDueJobs(a.app.ctx, f.jobs, "a", f.log)).toEqual([]);
    expect(f.logged.map((l) => l.msg)).toEqual([
      "tareas programadas en pausa: no hay conexión de red con PostgreSQL",
    ]);
    // The failure of the last test stays the last one recorded; the other jobs wait for the next tick.
    expect(await jobsRepo.get(a.app.ctx.db, "housekeeping")).toMatchObject({
      last_failure_at: "2026-11-24T23:00:00.000Z",
    });
    expect(await jobsRepo.get(a.app.ctx.db, "sla-escalation")).toMatchObject({
      last_run_at: "2026-11-24T23:00:00.000Z",
    });
  });

  it("warns of a deadline near across a weekend when the desk opens on Monday, not on Saturday", async () => {
    const { client } = await createClientWithContact(staff, "Notaría 5", validRfc("NOT050505AB"), "n@n5.mx");
    await staff.leader.post("/api/contracts", {
      clientId: client.id,
      type: "SS",
      startsOn: "2026-01-01",
      monthlyFeeCents: 100000,
    });
    time.set("2026-11-28T16:00:00Z"); // Saturday 10:00 local
    const ticket = (
      await staff.reception.post("/api/tickets", {
        clientId: client.id,
        title: "Sin acceso al sistema",
        description: "",
        urgent: true,
        channel: "phone",
        receivedAt: "2026-11-27T22:05:00Z", // Friday 16:05 local: one business hour ends Monday 09:05
      })
    ).body;
    expect(ticket.responseDueAt).toBe("2026-11-30T15:05:00.000Z");
    await staff.reception.post("/api/notifications/read-all");
    // Five business minutes left all weekend: near, but nobody is at the desk to act on it.
    expect(await escalateSla(a.app.ctx, new Date("2026-11-28T16:00:00Z"))).toBe(0);
    expect(await escalateSla(a.app.ctx, new Date("2026-11-30T14:59:00Z"))).toBe(0);
    expect((await staff.reception.get("/api/notifications")).body.unreadCount).toBe(0);
    // Monday 09:00, the desk opens: now it is said, once.
    expect(await escalateSla(a.app.ctx, new Date("2026-11-30T15:00:00Z"))).toBe(1);
    const near = await staff.reception.get("/api/notifications");
    expect(near.body.unreadCount).toBe(1);
    expect(near.body.items[0]).toMatchObject({
      code: "notification.sla_near",
      params: { folio: ticket.folio },
    });
  });
});
