import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handledWarrantyCase } from "../../src/server/modules/warranty/repository.js";
import { snapshotDb } from "../db-snapshot.js";
import { clientUser, createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";

const NOW = "2026-11-24T16:00:00.000Z"; // Tuesday 10:00 in Mexico City

describe.each(DATABASES)("warranty cases and loaners on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  const time = manualClock(NOW);
  let contractTicket: string;
  let eventTicket: string;
  let otherTicket: string;
  let portalOther: Awaited<ReturnType<typeof clientUser>>;

  const ticketOf = async (clientId: string) => {
    const r = await s.reception.post("/api/tickets", {
      clientId,
      title: "Servidor sin arrancar",
      description: "Falla total",
      urgent: true,
      channel: "phone",
    });
    expect(r.status).toBe(201);
    const assign = { action: "assign", assigneeId: s.technician.user!.id };
    expect((await s.reception.post(`/api/tickets/${r.body.id}/transitions`, assign)).status).toBe(200);
    return r.body as { id: string; serviceKind: string };
  };

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    const withContract = await createClientWithContact(s, "Con Póliza", "GODE561231GR8", "a@poliza.mx");
    const contract = {
      clientId: withContract.client.id,
      type: "SS",
      startsOn: "2026-01-01",
      monthlyFeeCents: 100_000,
    };
    expect((await s.leader.post("/api/contracts", contract)).status).toBe(201);
    const byEvent = await createClientWithContact(s, "Por Evento", "EKU9003173C9", "b@evento.mx");
    const other = await createClientWithContact(s, "Otra", "XIA190128J61", "c@otra.mx");
    const ct = await ticketOf(withContract.client.id);
    expect(ct.serviceKind).toBe("contract");
    contractTicket = ct.id;
    eventTicket = (await ticketOf(byEvent.client.id)).id;
    otherTicket = (await ticketOf(other.client.id)).id;
    portalOther = await clientUser(s, byEvent.client.id, "portal@evento.mx");
  });
  afterAll(async () => t?.close());

  it("the assigned technician records a warranty case; handled once sent, charged only on event tickets", async () => {
    const empty = await s.technician.get(`/api/tickets/${eventTicket}/warranty`);
    expect(empty.body).toEqual({ warrantyCase: null, chargeable: true, executionFeeCents: 50_000 });
    const body = { manufacturer: "Dell", model: "PowerEdge T150", serial: "SN-123", rmaNumber: "RMA-9" };
    const created = await s.technician.post(`/api/tickets/${eventTicket}/warranty`, body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...body, status: "open", handled: false, version: 1 });
    expect(await handledWarrantyCase(t.app.ctx.db, eventTicket)).toBeNull();
    expect((await s.technician.post(`/api/tickets/${eventTicket}/warranty`, body)).status).toBe(409);

    const sent = await s.technician.patch(`/api/tickets/${eventTicket}/warranty`, {
      status: "sent",
      sentOn: "2026-11-24",
      version: 1,
    });
    expect(sent.body).toMatchObject({ status: "sent", sentOn: "2026-11-24", handled: true, version: 2 });
    expect(await handledWarrantyCase(t.app.ctx.db, eventTicket)).toMatchObject({
      ticketId: eventTicket,
      rmaNumber: "RMA-9",
    });
    // A stale edit gets the current case back.
    const stale = await s.senior.patch(`/api/tickets/${eventTicket}/warranty`, {
      status: "returned",
      version: 1,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.version).toBe(2);
    // A returned date before the sent date is refused.
    const back = await s.senior.patch(`/api/tickets/${eventTicket}/warranty`, { returnedOn: "2026-11-01" });
    expect(back.status).toBe(400);

    const onContract = await s.technician.get(`/api/tickets/${contractTicket}/warranty`);
    expect(onContract.body.chargeable).toBe(false);
  });

  it("refuses warranty writes by people who do not work the ticket, and hides other companies' tickets", async () => {
    const before = await snapshotDb(t.app);
    const body = { manufacturer: "HP", model: "X", serial: "S" };
    expect((await s.technician2.post(`/api/tickets/${otherTicket}/warranty`, body)).status).toBe(403);
    expect((await s.sales.post(`/api/tickets/${otherTicket}/warranty`, body)).status).toBe(403);
    expect((await portalOther.get(`/api/tickets/${otherTicket}/warranty`)).status).toBe(404);
    expect((await portalOther.post(`/api/tickets/${otherTicket}/warranty`, body)).status).toBe(404);
    expect((await portalOther.get(`/api/tickets/${eventTicket}/warranty`)).status).toBe(403);
    expect((await s.technician.post("/api/tickets/no-existe/warranty", body)).status).toBe(404);
    expect(
      (await s.technician.post(`/api/tickets/${otherTicket}/warranty`, { manufacturer: "HP" })).status,
    ).toBe(400);
    expect(await snapshotDb(t.app)).toEqual(before);
  });

  it("lends a loaner to a contract ticket free of charge, lists it overdue after its date, and takes it back", async () => {
    const added = await s.leader.post("/api/loaners", { equipment: "Laptop Lenovo T14", serial: "LN-001" });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ state: "available", currentLoan: null });
    const id = added.body.id as string;
    expect((await s.leader.post("/api/loaners", { equipment: "Otra", serial: "LN-001" })).status).toBe(409);
    expect((await s.technician.post("/api/loaners", { equipment: "X", serial: "LN-999" })).status).toBe(403);

    const lent = await s.technician.post(`/api/loaners/${id}/lend`, {
      ticketId: contractTicket,
      dueOn: "2026-11-27",
    });
    expect(lent.status).toBe(201);
    expect(lent.body).toMatchObject({
      loanerId: id,
      ticketId: contractTicket,
      clientName: "Con Póliza",
      overdue: false,
    });
    expect((await s.reception.get("/api/loaners")).body.items[0]).toMatchObject({ state: "lent" });
    expect((await s.technician.get(`/api/tickets/${contractTicket}/loans`)).body.items).toHaveLength(1);
    // Lent already: a second loan is refused.
    const twice = await s.technician.post(`/api/loaners/${id}/lend`, {
      ticketId: contractTicket,
      dueOn: "2026-11-30",
    });
    expect(twice.status).toBe(409);

    expect((await s.reception.get("/api/loans/overdue")).body.items).toEqual([]);
    time.set("2026-11-28T16:00:00.000Z");
    const overdue = (await s.reception.get("/api/loans/overdue")).body.items;
    expect(overdue).toEqual([expect.objectContaining({ loanerId: id, overdue: true, dueOn: "2026-11-27" })]);

    const back = await s.technician.post(`/api/loaners/${id}/return`, { notes: "Sin daños" });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({
      returnedAt: "2026-11-28T16:00:00.000Z",
      returnNotes: "Sin daños",
      overdue: false,
    });
    expect((await s.reception.get("/api/loans/overdue")).body.items).toEqual([]);
    expect((await s.reception.get("/api/loaners")).body.items[0]).toMatchObject({
      state: "available",
      currentLoan: null,
    });
    time.set(NOW);
  });

  it("refuses lending to an event ticket, returning an un-lent loaner, past due dates and unknown ids, changing nothing", async () => {
    const id = (await s.leader.post("/api/loaners", { equipment: "Switch", serial: "SW-7" })).body
      .id as string;
    const before = await snapshotDb(t.app);
    const cases: [() => Promise<{ status: number; body: any }>, number, string][] = [
      [() => s.technician.post(`/api/loaners/${id}/return`, {}), 409, "invalid_transition"],
      [
        () => s.technician.post(`/api/loaners/${id}/lend`, { ticketId: eventTicket, dueOn: "2026-12-01" }),
        422,
        "precondition_failed",
      ],
      [
        () => s.technician.post(`/api/loaners/${id}/lend`, { ticketId: contractTicket, dueOn: "2026-11-01" }),
        400,
        "validation_failed",
      ],
      [
        () => s.technician.post(`/api/loaners/${id}/lend`, { ticketId: "no-existe", dueOn: "2026-12-01" }),
        404,
        "not_found",
      ],
      [
        () =>
          s.technician.post("/api/loaners/no-existe/lend", { ticketId: contractTicket, dueOn: "2026-12-01" }),
        404,
        "not_found",
      ],
      [() => s.technician.post("/api/loaners/no-existe/return", {}), 404, "not_found"],
      [
        () =>
          s.technician2.post(`/api/loaners/${id}/lend`, { ticketId: contractTicket, dueOn: "2026-12-01" }),
        403,
        "forbidden",
      ],
      [
        () => portalOther.post(`/api/loaners/${id}/lend`, { ticketId: otherTicket, dueOn: "2026-12-01" }),
        404,
        "not_found",
      ],
      [() => portalOther.get("/api/loaners"), 403, "forbidden"],
      [() => s.leader.patch(`/api/loaners/${id}`, { state: "lent" }), 400, "validation_failed"],
    ];
    for (const [call, status, code] of cases) {
      const r = await call();
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      expect(r.body.error.code).toBe(code);
    }
    expect(await snapshotDb(t.app)).toEqual(before);
  });

  it("admins set the warranty execution fee; others may not", async () => {
    expect((await s.leader.put("/api/settings/warranty", { warrantyExecutionFeeCents: 1 })).status).toBe(403);
    expect((await s.admin.put("/api/settings/warranty", { warrantyExecutionFeeCents: -1 })).status).toBe(400);
    const saved = await s.admin.put("/api/settings/warranty", {
      warrantyExecutionFeeCents: 75_000,
      version: 0,
    });
    expect(saved.body).toEqual({ warrantyExecutionFeeCents: 75_000, version: 1 });
    expect((await s.technician.get(`/api/tickets/${eventTicket}/warranty`)).body.executionFeeCents).toBe(
      75_000,
    );
  });
});
