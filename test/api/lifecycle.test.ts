import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";

describe.each(DATABASES)("ticket lifecycle on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;
  // Tuesday 24 Nov 2026, 10:00 in Mexico City (UTC-6).
  const time = manualClock("2026-11-24T16:00:00Z");

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    staff = await seedStaff(t.app);
  });
  afterAll(async () => t?.close());

  it("walks a contract ticket from intake to close, with history and rounded time", async () => {
    const { client, contact } = await createClientWithContact(
      staff,
      "Constructora Ñandú",
      "CÑA010203AB5",
      "ana@nandu.mx",
    );
    const contract = await staff.leader.post("/api/contracts", {
      clientId: client.id,
      type: "SF",
      startsOn: "2026-01-01",
      monthlyFeeCents: 350000,
      includedMinutesPerMonth: 600,
      overageRateCents: 90000,
    });
    expect(contract.status).toBe(201);

    const created = await staff.reception.post("/api/tickets", {
      clientId: client.id,
      contactId: contact.id,
      title: "El Fortigate dejó de dar servicio",
      description: "Sin internet en la oficina",
      urgent: true,
      channel: "phone",
      category: "fortigate",
    });
    expect(created.status).toBe(201);
    const ticket = created.body;
    expect(ticket.folio).toMatch(/^OS-2026-\d{6}$/);
    expect(ticket.status).toBe("new");
    expect(ticket.serviceKind).toBe("contract");
    expect(ticket.contractId).toBe(contract.body.id);
    // Urgent contract: one business hour → 11:00 local = 17:00Z.
    expect(ticket.responseDueAt).toBe("2026-11-24T17:00:00.000Z");

    const tech = staff.technician.user!;
    const go = (who: keyof Staff, body: object) =>
      staff[who].post(`/api/tickets/${ticket.id}/transitions`, body);
    expect((await go("reception", { action: "assign", assigneeId: tech.id })).body.status).toBe("assigned");
    time.advance(20 * 60_000);
    const started = await go("technician", { action: "start" });
    expect(started.body.status).toBe("in_progress");
    expect(started.body.respondedAt).toBe("2026-11-24T16:20:00.000Z");
    expect(started.body.responseBreached).toBe(false);

    const refusedAttend = await go("technician", { action: "attend" });
    expect(refusedAttend.status).toBe(422);
    const entry = await staff.technician.post(`/api/tickets/${ticket.id}/time-entries`, {
      minutes: 61,
      mode: "onsite",
      activity: "Reinicio y actualización de firmware",
    });
    expect(entry.status).toBe(201);
    expect((await go("technician", { action: "attend" })).body.status).toBe("attended");

    expect((await go("senior", { action: "review" })).status).toBe(422);
    const accepted = await go("technician", { action: "accept", signerName: "Ana Pérez" });
    expect(accepted.status).toBe(200);
    expect(accepted.body.acceptance).toMatchObject({ signerName: "Ana Pérez", via: "onsite" });

    const reviewed = await go("senior", { action: "review" });
    expect(reviewed.body.status).toBe("reviewed");
    expect(reviewed.body.rawMinutes).toBe(61);
    expect(reviewed.body.billableMinutes).toBe(75);
    expect(reviewed.body.billableFrozen).toBe(true);

    expect((await go("technician", { action: "close" })).status).toBe(403);
    const closed = await go("leader", { action: "close", billingStatus: "to_invoice" });
    expect(closed.body.status).toBe("closed");
    expect(closed.body.billingStatus).toBe("to_invoice");

    const detail = await staff.reception.get(`/api/tickets/${ticket.id}`);
    expect(detail.body.history.map((h: { action: string }) => h.action)).toEqual([
      "create",
      "assign",
      "start",
      "time_entry",
      "attend",
      "accept",
      "review",
      "close",
    ]);
    expect(detail.body.timeEntries).toHaveLength(1);
  });

  it("rounds an event ticket to the next whole hour and takes 8 business hours to respond", async () => {
    const { client } = await createClientWithContact(
      staff,
      "Papelería Sin Póliza",
      "PSP990101AAA",
      "compras@psp.mx",
    );
    const created = await staff.reception.post("/api/tickets", {
      clientId: client.id,
      title: "Instalar impresora",
      description: "",
      urgent: false,
      channel: "phone",
    });
    expect(created.body.serviceKind).toBe("event");
    // 8 business hours from Tue 10:20 local → Wed 10:20 local.
    expect(created.body.responseDueAt).toBe("2026-11-25T16:20:00.000Z");
  });

  it("answers the SPEC example: urgent contract at Friday 16:30 is due Monday 09:30", async () => {
    const res = await staff.reception.get("/api/sla/deadline?from=2026-11-27T16:30:00-06:00&minutes=60");
    expect(res.status).toBe(200);
    expect(res.body.dueAt).toBe("2026-11-30T15:30:00.000Z");
    expect(res.body.skipped.map((s: { date: string }) => s.date)).toEqual(["2026-11-28", "2026-11-29"]);
  });
});
