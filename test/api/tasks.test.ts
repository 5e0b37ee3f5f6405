import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { enqueue } from "../../src/server/platform/tasks/queue.js";
import { defineTask } from "../../src/server/platform/tasks/registry.js";
import { tasksRepo } from "../../src/server/platform/tasks/repository.js";
import { runDueTasks, startTaskWorker } from "../../src/server/platform/tasks/worker.js";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, freshDatabase, manualClock, startApp, type TestApp, type TestDb } from "../harness.js";
import { type BadCase, expectRefusedWithoutTrace } from "../refusal.js";

declare module "../../src/server/platform/tasks/registry.js" {
  interface TaskPayloads {
    "test.count": { n: number };
    "test.flaky": { label: string };
  }
}

/** Handler invocations per task id, across every app instance in this process. */
const calls = new Map<string, number>();
const countCall = (id: string) => calls.set(id, (calls.get(id) ?? 0) + 1);
let flakyFails = true;

defineTask({
  kind: "test.count",
  payload: z.object({ n: z.number().int() }),
  handler: async (_payload, { task }) => {
    countCall(task.id);
    // Yield so that the instances' claims and runs interleave.
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 3));
  },
});
defineTask({
  kind: "test.flaky",
  payload: z.object({ label: z.string() }),
  maxAttempts: 3,
  handler: async (payload, { task }) => {
    countCall(task.id);
    if (flakyFails) throw new Error(`No responde el servidor SMTP (${payload.label})`);
  },
});

const SECOND = 1000;

describe.each(DATABASES)("background tasks on %s", (kind) => {
  let db: TestDb;
  let a: TestApp;
  let b: TestApp;
  let staff: Staff;
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

  const status = async (id: string) => (await tasksRepo.get(a.app.ctx.db, id))?.status;

  it("a task enqueued inside a transaction that rolls back does not exist; a committed one does", async () => {
    const ctx = a.app.ctx;
    let rolledBack = "";
    await expect(
      ctx.db.transaction().execute(async (trx) => {
        rolledBack = (await enqueue(trx, { kind: "test.count", payload: { n: 1 } }, ctx.clock())).id;
        throw new Error("el cambio falló");
      }),
    ).rejects.toThrow("el cambio falló");
    expect(await tasksRepo.get(ctx.db, rolledBack)).toBeUndefined();

    const kept = await ctx.db
      .transaction()
      .execute((trx) => enqueue(trx, { kind: "test.count", payload: { n: 2 } }, ctx.clock()));
    expect(await status(kept.id)).toBe("pending");
    await runDueTasks(ctx, { owner: "w" });
    expect(await status(kept.id)).toBe("done");
    expect(calls.get(kept.id)).toBe(1);
  });

  it("a dedupe key gives one task however often it is enqueued, even inside a transaction", async () => {
    const ctx = a.app.ctx;
    const input = { kind: "test.count" as const, payload: { n: 3 }, dedupeKey: "factura-42" };
    const first = await enqueue(ctx.db, input, ctx.clock());
    const again = await ctx.db.transaction().execute(async (trx) => {
      const repeat = await enqueue(trx, input, ctx.clock());
      // The refused insert must not spoil the caller's transaction (PostgreSQL aborts on a raw error).
      await enqueue(trx, { kind: "test.count", payload: { n: 4 } }, ctx.clock());
      return repeat;
    });
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    await expect(enqueue(ctx.db, { kind: "test.count", payload: { n: "x" } as never })).rejects.toThrow(
      "Invalid payload",
    );
  });

  it("two instances draining 200 tasks at once run each exactly once", async () => {
    await runDueTasks(a.app.ctx, { owner: "w" }); // leftovers of the tests above
    calls.clear();
    const ids = await Promise.all(
      Array.from({ length: 200 }, (_, n) =>
        enqueue(a.app.ctx.db, { kind: "test.count", payload: { n } }, time.clock()).then((t) => t.id),
      ),
    );
    const drain = async (t: TestApp, owner: string) => {
      let passes = 0;
      while ((await runDueTasks(t.app.ctx, { owner, batchSize: 7 })).claimed > 0) passes++;
      return passes;
    };
    const passes = await Promise.all([drain(a, "a1"), drain(b, "b1"), drain(a, "a2"), drain(b, "b2")]);
    expect(passes.filter((p) => p > 0).length).toBeGreaterThan(1); // the work really was shared
    expect(calls.size).toBe(200);
    expect([...calls.values()].every((n) => n === 1)).toBe(true);
    expect(ids.every((id) => calls.has(id))).toBe(true);
    const list = await staff.admin.get("/api/admin/tasks?kind=test.count&status=done&limit=200");
    expect(list.body.items).toHaveLength(200);
    expect(list.body.counts.pending + list.body.counts.running).toBe(0);
  });

  it("a failing task is retried with growing waits, goes dead after its last try, and an admin can retry it", async () => {
    const ctx = a.app.ctx;
    flakyFails = true;
    const { id } = await enqueue(ctx.db, { kind: "test.flaky", payload: { label: "aviso" } }, ctx.clock());
    const pass = () => runDueTasks(ctx, { owner: "w" });

    expect((await pass()).retried).toBe(1);
    let row = (await tasksRepo.get(ctx.db, id))!;
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    expect(row.last_error).toContain("No responde el servidor SMTP (aviso)");
    const wait1 = Date.parse(row.run_at) - ctx.clock().getTime();
    expect(wait1).toBeGreaterThanOrEqual(24 * SECOND); // 30 s ± 20 %
    expect(wait1).toBeLessThanOrEqual(36 * SECOND);

    time.advance(23 * SECOND);
    expect((await pass()).claimed).toBe(0);
    time.advance(14 * SECOND);
    expect((await pass()).retried).toBe(1);
    row = (await tasksRepo.get(ctx.db, id))!;
    const wait2 = Date.parse(row.run_at) - ctx.clock().getTime();
    expect(wait2).toBeGreaterThanOrEqual(48 * SECOND); // 60 s ± 20 %
    expect(wait2).toBeLessThanOrEqual(72 * SECOND);

    time.advance(47 * SECOND);
    expect((await pass()).claimed).toBe(0);
    time.advance(26 * SECOND);
    expect((await pass()).dead).toBe(1);
    time.advance(3600 * SECOND);
    expect((await pass()).claimed).toBe(0);
    expect(calls.get(id)).toBe(3);

    const dead = await staff.admin.get("/api/admin/tasks?status=dead&kind=test.flaky");
    expect(dead.status).toBe(200);
    expect(dead.body.counts.dead).toBe(1);
    expect(dead.body.items).toMatchObject([{ id, status: "dead", attempts: 3, maxAttempts: 3 }]);
    expect(dead.body.items[0].lastError).toContain("SMTP");

    const retried = await staff.admin.post(`/api/admin/tasks/${id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({
      id,
      status: "pending",
      attempts: 0,
      runAt: ctx.clock().toISOString(),
    });
    flakyFails = false;
    expect((await pass()).done).toBe(1);
    expect(await status(id)).toBe("done");
    expect(calls.get(id)).toBe(4);
  });

  it("a task whose worker died is taken again once its lease runs out", async () => {
    const ctx = a.app.ctx;
    const { id } = await enqueue(ctx.db, { kind: "test.count", payload: { n: 9 } }, ctx.clock());
    const now = ctx.clock();
    const leaseUntil = new Date(now.getTime() + 5 * 60 * SECOND).toISOString();
    // A worker claims it and crashes before running it.
    await tasksRepo.claim(ctx.db, ctx.dialect, {
      owner: "crashed",
      now: now.toISOString(),
      leaseUntil,
      limit: 10,
    });
    expect(await status(id)).toBe("running");

    time.advance(4 * 60 * SECOND);
    expect((await runDueTasks(b.app.ctx, { owner: "b" })).claimed).toBe(0);
    time.advance(2 * 60 * SECOND);
    expect((await runDueTasks(b.app.ctx, { owner: "b" })).done).toBe(1);
    expect(await tasksRepo.get(ctx.db, id)).toMatchObject({ status: "done", attempts: 2, locked_by: null });
    expect(calls.get(id)).toBe(1);
    // The crashed worker can no longer settle it.
    expect(await tasksRepo.settle(ctx.db, id, "crashed", { status: "failed", at: now.toISOString() })).toBe(
      false,
    );
  });

  it("a payload its schema refuses goes dead at once without reaching the handler", async () => {
    const ctx = a.app.ctx;
    const at = ctx.clock().toISOString();
    const id = `bad-${kind}`;
    await tasksRepo.insert(ctx.db, {
      id,
      kind: "test.count",
      payload: JSON.stringify({ n: "no es número" }),
      dedupe_key: null,
      run_at: at,
      attempts: 0,
      max_attempts: 5,
      status: "pending",
      locked_by: null,
      locked_until: null,
      last_error: null,
      created_at: at,
      updated_at: at,
      done_at: null,
    });
    expect((await runDueTasks(ctx, { owner: "w" })).dead).toBe(1);
    expect(calls.has(id)).toBe(false);
    expect((await tasksRepo.get(ctx.db, id))?.last_error).toContain("Datos inválidos");
  });

  it("only admins see or retry tasks and jobs; bad filters and ids are refused and change nothing", async () => {
    for (const caller of [staff.leader, staff.reception, staff.technician]) {
      expect((await caller.get("/api/admin/tasks")).status).toBe(403);
      expect((await caller.get("/api/admin/jobs")).status).toBe(403);
    }
    const ctx = a.app.ctx;
    const done = (await staff.admin.get("/api/admin/tasks?status=done&limit=1")).body.items[0].id;
    const pending = (await enqueue(ctx.db, { kind: "test.count", payload: { n: 1 } }, ctx.clock())).id;
    const cases: BadCase[] = [
      ["non-admin retry", 403, "forbidden", () => staff.leader.post(`/api/admin/tasks/${pending}/retry`)],
      [
        "unknown status filter",
        400,
        "validation_failed",
        () => staff.admin.get("/api/admin/tasks?status=lost"),
      ],
      [
        "unknown query field",
        400,
        "validation_failed",
        () => staff.admin.get("/api/admin/tasks?estado=dead"),
      ],
      [
        "retry of a missing task",
        404,
        "not_found",
        () => staff.admin.post("/api/admin/tasks/no-existe/retry"),
      ],
      ["retry of a done task", 409, "conflict", () => staff.admin.post(`/api/admin/tasks/${done}/retry`)],
      [
        "retry of a pending task",
        409,
        "conflict",
        () => staff.admin.post(`/api/admin/tasks/${pending}/retry`),
      ],
    ];
    for (const c of cases) await expectRefusedWithoutTrace(a, c);
    const refused = await staff.admin.post(`/api/admin/tasks/${done}/retry`);
    expect(refused.body.error.details.current.status).toBe("done");
  });

  it("the polling worker drains due tasks by itself, batch after batch, and stops cleanly", async () => {
    const ctx = b.app.ctx;
    const ids = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        enqueue(ctx.db, { kind: "test.count", payload: { n } }, ctx.clock()).then((t) => t.id),
      ),
    );
    const errors: unknown[] = [];
    const log = { error: (obj: unknown) => errors.push(obj), warn: (obj: unknown) => errors.push(obj) };
    const stop = startTaskWorker(ctx, log, { pollMs: 20, batchSize: 2 });
    try {
      await expect
        .poll(() => Promise.all(ids.map(status)), { timeout: 10_000 })
        .toEqual(ids.map(() => "done"));
    } finally {
      await stop();
    }
    expect(errors).toEqual([]);
    expect(ids.map((id) => calls.get(id))).toEqual([1, 1, 1, 1, 1]);
  });
});
