import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ticketReturnedByMigration } from "../../src/server/platform/database/migrations/035_ticket_returned_by.js";
import { createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";

// A ticket back in progress says who returned it (the review or the client) in every answer, lists
// included, until it is attended again; tickets returned before the column take it from their history.
describe.each(DATABASES)("returned tickets on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  let clientId = "";
  const time = manualClock("2026-11-24T16:00:00Z");

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    clientId = (await createClientWithContact(s, "Taller Ruiz", "TRU101010AAA", "a@tru.mx")).client.id;
  });
  afterAll(async () => t?.close());

  const move = (who: keyof Staff, id: string, body: object) =>
    s[who].post(`/api/tickets/${id}/transitions`, body).then((r) => {
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body;
    });

  async function attendedTicket(title: string) {
    const ticket = (
      await s.reception.post("/api/tickets", {
        clientId,
        title,
        description: "",
        urgent: false,
        channel: "phone",
      })
    ).body;
    await move("reception", ticket.id, { action: "assign", assigneeId: s.technician.user!.id });
    await move("technician", ticket.id, { action: "start" });
    await s.technician.post(`/api/tickets/${ticket.id}/time-entries`, {
      minutes: 20,
      mode: "remote",
      activity: "x",
    });
    await move("technician", ticket.id, { action: "attend" });
    return ticket.id as string;
  }
  const listed = async (id: string) =>
    (
      (await s.technician.get(`/api/tickets?assigneeId=${s.technician.user!.id}&limit=100`)).body.items as {
        id: string;
        returnedBy: string | null;
      }[]
    ).find((i) => i.id === id)?.returnedBy;

  it("marks a ticket the review sent back or the client rejected, until it is attended again", async () => {
    const back = await attendedTicket("Sin red");
    expect(await listed(back)).toBeNull();
    await move("senior", back, { action: "send_back", reason: "Falta la visita" });
    expect(await listed(back)).toBe("review");
    expect((await s.technician.get(`/api/tickets/${back}`)).body.returnedBy).toBe("review");
    expect((await move("technician", back, { action: "attend" })).returnedBy).toBeNull();
    expect(await listed(back)).toBeNull();

    const rejected = await attendedTicket("Impresora");
    expect((await move("technician", rejected, { action: "reject", reason: "No quedó" })).returnedBy).toBe(
      "client",
    );
    expect(await listed(rejected)).toBe("client");
  });

  it("the migration gives tickets already back in progress their mark from the history", async () => {
    const back = await attendedTicket("Servidor");
    await move("senior", back, { action: "send_back", reason: "Faltan tiempos" });
    const other = await attendedTicket("Correo");
    const db = t.app.ctx.db;
    await db.schema.alterTable("tickets").dropColumn("returned_by").execute();
    await ticketReturnedByMigration.up!(db as never);
    const rows = await sql<{ id: string; returned_by: string | null }>`
      select id, returned_by from tickets where id in (${back}, ${other})`.execute(db);
    expect(Object.fromEntries(rows.rows.map((r) => [r.id, r.returned_by]))).toEqual({
      [back]: "review",
      [other]: null,
    });
  });
});
