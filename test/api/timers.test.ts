import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn } from "../client.js";
import { PASSWORD, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";

/** The work timer is kept on the server: the same technician sees it on every device. */
describe.each(DATABASES)("server-side work timer on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  const time = manualClock("2026-11-24T16:00:00Z");
  const tickets: string[] = [];

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    const clientId = (await s.reception.post("/api/clients", { name: "Taller Hernández" })).body.id;
    for (const title of ["Red caída", "Correo lento"]) {
      const id = (
        await s.reception.post("/api/tickets", {
          clientId,
          title,
          description: "",
          urgent: false,
          channel: "phone",
        })
      ).body.id as string;
      await s.reception.post(`/api/tickets/${id}/transitions`, {
        action: "assign",
        assigneeId: s.technician.user!.id,
      });
      tickets.push(id);
    }
  });
  afterAll(() => t.close());

  it("starts on one device, shows on another, stops with the minutes worked", async () => {
    const [a] = tickets;
    expect((await s.technician.get("/api/me/timer")).body).toEqual({ timer: null });
    const started = await s.technician.post(`/api/tickets/${a}/timer`);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ ticketId: a, startedAt: "2026-11-24T16:00:00.000Z" });
    // The phone: a second sign-in of the same technician.
    const phone = await signIn(t.app, "tecnico@encor.mx", PASSWORD);
    expect((await phone.get("/api/me/timer")).body.timer).toMatchObject({ ticketId: a, title: "Red caída" });
    expect((await phone.post(`/api/tickets/${a}/timer`)).status).toBe(200); // already running: no restart
    time.advance(47 * 60_000 + 20_000);
    const stopped = await phone.req("DELETE", `/api/tickets/${a}/timer`);
    expect(stopped.status).toBe(200);
    expect(stopped.body).toEqual({
      ticketId: a,
      startedAt: "2026-11-24T16:00:00.000Z",
      endedAt: "2026-11-24T16:47:20.000Z",
      minutes: 47,
    });
    expect((await s.technician.get("/api/me/timer")).body).toEqual({ timer: null });
    expect((await s.technician.req("DELETE", `/api/tickets/${a}/timer`)).status).toBe(404);
  });

  it("stopped within its first minute, counts the minute ending then, which saves as an entry", async () => {
    const [, b] = tickets;
    await s.technician.post(`/api/tickets/${b}/transitions`, { action: "start" });
    const started = await s.technician.post(`/api/tickets/${b}/timer`);
    time.advance(20_000);
    const stopped = await s.technician.req("DELETE", `/api/tickets/${b}/timer`);
    const endedMs = Date.parse(started.body.startedAt) + 20_000;
    expect(stopped.body).toEqual({
      ticketId: b,
      startedAt: new Date(endedMs - 60_000).toISOString(),
      endedAt: new Date(endedMs).toISOString(),
      minutes: 1,
    });
    const { startedAt, endedAt } = stopped.body;
    const entry = await s.technician.post(`/api/tickets/${b}/time-entries`, {
      startedAt,
      endedAt,
      mode: "remote",
      activity: "Reinicio del módem",
    });
    expect(entry.status).toBe(201);
    expect(entry.body.minutes).toBe(1);
  });

  it("runs one timer per person, and only for who works the ticket", async () => {
    const [a, b] = tickets;
    expect((await s.technician.post(`/api/tickets/${a}/timer`)).status).toBe(201);
    const second = await s.technician.post(`/api/tickets/${b}/timer`);
    expect(second.status).toBe(409);
    expect(second.body.error.message).toMatch(/^Ya tienes el cronómetro corriendo en OS-/);
    expect((await s.technician.get("/api/me/timer")).body.timer.ticketId).toBe(a);
    expect((await s.technician2.post(`/api/tickets/${a}/timer`)).status).toBe(403);
    expect((await s.reception.post(`/api/tickets/${a}/timer`)).status).toBe(403);
    expect((await s.technician2.get("/api/me/timer")).body).toEqual({ timer: null });
    expect((await s.technician.post("/api/tickets/nope/timer")).status).toBe(404);
    await s.technician.req("DELETE", `/api/tickets/${a}/timer`);
  });
});
