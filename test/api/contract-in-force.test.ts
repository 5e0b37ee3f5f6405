import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";

/**
 * "Contract in force" is decided on the local date in the calendar's zone (America/Mexico_City, UTC−6)
 * by both the caller lookup and ticket intake. At 18:30 local it is already the next day in UTC: they
 * used to disagree there, the lookup saying "con póliza" while the ticket was filed as an event.
 */
describe.each(DATABASES)("contract in force at 18:30 in Mexico City on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  const clock = manualClock("2026-03-09T17:00:00Z");

  const clientWith = async (name: string, startsOn: string, endsOn: string | null) => {
    const c = await s.reception.post("/api/clients", { name });
    expect(c.status).toBe(201);
    const k = await s.sales.post("/api/contracts", {
      clientId: c.body.id,
      type: "SS",
      startsOn,
      endsOn,
      monthlyFeeCents: 100000,
    });
    expect(k.status).toBe(201);
    return { clientId: c.body.id as string, contractId: k.body.id as string };
  };

  /** What reception sees in the lookup, and what a ticket filed right then is. */
  const atThisMoment = async (name: string, clientId: string) => {
    const found = await s.reception.get(`/api/lookup/callers?q=${encodeURIComponent(name)}`);
    expect(found.status).toBe(200);
    const hit = (found.body.items as { client: { id: string }; activeContract: boolean }[]).find(
      (h) => h.client.id === clientId,
    );
    const ticket = await s.reception.post("/api/tickets", {
      clientId,
      title: "Llamada de la tarde",
      description: "",
      urgent: false,
      channel: "phone",
    });
    expect(ticket.status).toBe(201);
    return {
      lookup: hit?.activeContract,
      serviceKind: ticket.body.serviceKind,
      contractId: ticket.body.contractId,
    };
  };

  let ending: { clientId: string; contractId: string };
  let starting: { clientId: string; contractId: string };
  let tomorrow: { clientId: string; contractId: string };
  let renewed: { clientId: string; contractId: string };
  let renewedNext = "";
  beforeAll(async () => {
    t = await startApp(kind, { clock: clock.clock });
    s = await seedStaff(t.app);
    ending = await clientWith("Refaccionaria Ocaso", "2026-01-01", "2026-03-10");
    starting = await clientWith("Refaccionaria Alba", "2026-03-11", null);
    tomorrow = await clientWith("Refaccionaria Mañana", "2026-03-12", null);
    // One client whose contract is renewed: the old one ends on the 10th, the new one starts on the 11th.
    renewed = await clientWith("Refaccionaria Relevo", "2026-01-01", "2026-03-10");
    const next = await s.sales.post("/api/contracts", {
      clientId: renewed.clientId,
      type: "SS",
      startsOn: "2026-03-11",
      monthlyFeeCents: 120000,
    });
    expect(next.status).toBe(201);
    renewedNext = next.body.id;
  });
  afterAll(() => t.close());

  it("on the last day of a contract, at 18:30 local, both still see it in force", async () => {
    clock.set("2026-03-11T00:30:00Z"); // 2026-03-10 18:30 in Mexico City
    expect(await atThisMoment("Ocaso", ending.clientId)).toEqual({
      lookup: true,
      serviceKind: "contract",
      contractId: ending.contractId,
    });
    expect(await atThisMoment("Alba", starting.clientId)).toEqual({
      lookup: false,
      serviceKind: "event",
      contractId: null,
    });
    expect(await atThisMoment("Relevo", renewed.clientId)).toEqual({
      lookup: true,
      serviceKind: "contract",
      contractId: renewed.contractId,
    });
  });

  it("on the first day of the next contract, at 18:30 local, both see the new one and not the old", async () => {
    clock.set("2026-03-12T00:30:00Z"); // 2026-03-11 18:30 in Mexico City
    expect(await atThisMoment("Alba", starting.clientId)).toEqual({
      lookup: true,
      serviceKind: "contract",
      contractId: starting.contractId,
    });
    expect(await atThisMoment("Ocaso", ending.clientId)).toEqual({
      lookup: false,
      serviceKind: "event",
      contractId: null,
    });
    // Tomorrow's contract is not in force yet, although it is already the 12th in UTC.
    expect(await atThisMoment("Mañana", tomorrow.clientId)).toEqual({
      lookup: false,
      serviceKind: "event",
      contractId: null,
    });
    expect(await atThisMoment("Relevo", renewed.clientId)).toEqual({
      lookup: true,
      serviceKind: "contract",
      contractId: renewedNext,
    });
  });
});
