import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxTiming } from "../../src/server/modules/mail/outbox.js";
import { runDueTasks } from "../../src/server/platform/tasks/worker.js";
import { signIn } from "../client.js";
import { createClientWithContact, PASSWORD, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, freshDatabase, manualClock, startApp, type TestApp, type TestDb } from "../harness.js";
import { Sink } from "../mail-support.js";

describe.each(DATABASES)("the outbox on %s", (kind) => {
  let db: TestDb;
  let a: TestApp;
  const started: TestApp[] = [];
  let staff: Staff;
  const sink = new Sink();
  const time = manualClock("2026-11-24T16:00:00Z");
  let contactId = "";
  let clientId = "";

  beforeAll(async () => {
    await sink.start();
    db = await freshDatabase(kind);
    a = await startApp(kind, { clock: time.clock, db, env: { MESA_MAIL_FROM: "mesa@encor.mx" } });
    staff = await seedStaff(a.app);
    const acme = await createClientWithContact(staff, "Acme Industrial", "AIN050505AB6", "ana@acme.mx");
    clientId = acme.client.id;
    contactId = acme.contact.id;
  });
  afterAll(async () => {
    for (const t of [a, ...started]) await t?.close();
    await sink.stop();
    await db?.drop();
  });

  const withSmtp = async () => {
    const t = await startApp(kind, {
      clock: time.clock,
      db,
      env: { MESA_MAIL_FROM: "mesa@encor.mx", MESA_SMTP_URL: `smtp://127.0.0.1:${sink.port}` },
    });
    started.push(t);
    return t;
  };
  const phoneTicket = (title: string, caller = staff.reception) =>
    caller.post("/api/tickets", {
      clientId,
      contactId,
      title,
      description: "",
      urgent: false,
      channel: "phone",
    });
  const sendTasks = () =>
    a.app.ctx.db.selectFrom("tasks").selectAll().where("kind", "=", "mail.send").execute();

  it("without MESA_SMTP_URL mail waits queued with no task; instances started with it send each mail once", async () => {
    for (const title of ["Uno", "Dos", "Tres"]) expect((await phoneTicket(title)).status).toBe(201);
    const list = await staff.admin.get("/api/admin/outbox");
    expect(list.body.configured).toBe(false);
    expect(list.body.items.map((m: { status: string }) => m.status)).toEqual(["queued", "queued", "queued"]);
    expect(await sendTasks()).toHaveLength(0);

    const [b, c] = [await withSmtp(), await withSmtp()];
    expect(await sendTasks()).toHaveLength(3);
    await Promise.all([runDueTasks(b.app.ctx, { owner: "b" }), runDueTasks(c.app.ctx, { owner: "c" })]);
    await Promise.all([runDueTasks(b.app.ctx, { owner: "b" }), runDueTasks(c.app.ctx, { owner: "c" })]);
    const subjects = sink.received.map((r) => r.mail.subject ?? "");
    for (const title of ["Uno", "Dos", "Tres"])
      expect(subjects.filter((s) => s.endsWith(title))).toHaveLength(1);
    const sent = (await staff.admin.get("/api/admin/outbox?status=sent")).body.items;
    expect(sent).toHaveLength(3);
    expect(new Set(sink.received.map((r) => r.mail.messageId))).toEqual(
      new Set(sent.map((m: { messageId: string }) => m.messageId)),
    );
  });

  it("a mail that keeps failing ends failed with its error; an admin retry sends it once", async () => {
    const b = started[0]!;
    await sink.stop();
    // Filed on an instance that has MESA_SMTP_URL: its send task is made with the ticket.
    const receptionOnB = await signIn(b.app, "recepcion@encor.mx", PASSWORD);
    expect((await phoneTicket("Caída", receptionOnB)).status).toBe(201);
    for (let i = 0; i < 12; i++) {
      await runDueTasks(b.app.ctx, { owner: "b" });
      time.advance(2 * 3600_000);
    }
    const failed = (await staff.admin.get("/api/admin/outbox?status=failed")).body.items;
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ attempts: 8 });
    expect(failed[0].lastError).toMatch(/ECONNREFUSED|connect/i);

    expect((await staff.reception.post(`/api/admin/outbox/${failed[0].id}/retry`)).status).toBe(403);
    const sentOne = (await staff.admin.get("/api/admin/outbox?status=sent")).body.items[0];
    expect((await staff.admin.post(`/api/admin/outbox/${sentOne.id}/retry`)).body.error.code).toBe(
      "invalid_transition",
    );
    expect((await staff.admin.post("/api/admin/outbox/nope/retry")).status).toBe(404);

    await sink.start();
    const retried = await staff.admin.post(`/api/admin/outbox/${failed[0].id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe("queued");
    const before = sink.received.length;
    await runDueTasks(b.app.ctx, { owner: "b" });
    await runDueTasks(b.app.ctx, { owner: "b" });
    expect(sink.received.slice(before).map((r) => r.mail.subject)).toEqual([
      expect.stringContaining("Caída"),
    ]);
  });

  // The first sender's leases (its task's and the outbox row's) run out while the server is still
  // taking the mail; the second worker that picks the task up must not send the mail again.
  it("a mail server slower than the send lease still gets each mail once", async () => {
    const [b, c] = started as [TestApp, TestApp];
    const receptionOnB = await signIn(b.app, "recepcion@encor.mx", PASSWORD);
    expect((await phoneTicket("Lenta", receptionOnB)).status).toBe(201);
    sink.delayMs = 1500;
    outboxTiming.renewMs = 50;
    try {
      const first = runDueTasks(b.app.ctx, { owner: "b" });
      await new Promise((r) => setTimeout(r, 400));
      time.advance(10 * 60_000);
      await new Promise((r) => setTimeout(r, 200));
      await runDueTasks(c.app.ctx, { owner: "c" });
      await first;
    } finally {
      sink.delayMs = 0;
      outboxTiming.renewMs = 30_000;
    }
    time.advance(3600_000);
    await runDueTasks(c.app.ctx, { owner: "c" });
    const lenta = sink.received.filter((r) => r.mail.subject?.endsWith("Lenta"));
    expect(lenta).toHaveLength(1);
    const sent = (await staff.admin.get("/api/admin/outbox?status=sent")).body.items;
    expect(sent.filter((m: { subject: string }) => m.subject.endsWith("Lenta"))).toHaveLength(1);
  });
});
