import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller, Res } from "../client.js";
import { createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";

/** A write with extra headers (If-Match). */
async function send(
  who: Caller,
  method: "PATCH" | "PUT",
  url: string,
  body: unknown,
  headers = {},
): Promise<Res> {
  const res = await who.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${who.token}`, ...headers },
    payload: body as object,
  });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null, headers: res.headers };
}

describe.each(DATABASES)("versions and stale edits on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;
  let client: { id: string; version: number };
  let contact: { id: string; version: number };
  // Tuesday 24 Nov 2026, 10:00 in Mexico City.
  const time = manualClock("2026-11-24T16:00:00Z");

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    staff = await seedStaff(t.app);
    ({ client, contact } = await createClientWithContact(staff, "Versiones SA", "VER010203AB3", "v@ver.mx"));
  });
  afterAll(async () => t?.close());

  it("two staff on one ticket: the stale save gets 409 with the current ticket; urgency and deadline stay", async () => {
    const created = await staff.reception.post("/api/tickets", {
      clientId: client.id,
      title: "Impresora",
      description: "",
      urgent: false,
      channel: "phone",
    });
    const id = created.body.id;
    const seenByBoth = (await staff.reception.get(`/api/tickets/${id}`)).body;
    expect(seenByBoth.version).toBeGreaterThan(0);

    const urgent = await staff.leader.patch(`/api/tickets/${id}`, {
      urgent: true,
      reason: "El cliente no puede facturar",
      version: seenByBoth.version,
    });
    expect(urgent.status).toBe(200);
    expect(urgent.body.responseDueAt).not.toBe(seenByBoth.responseDueAt);

    const stale = await staff.reception.patch(`/api/tickets/${id}`, {
      estimatedSolutionMinutes: 120,
      version: seenByBoth.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("conflict");
    expect(stale.body.error.details.current).toMatchObject({
      id,
      urgent: true,
      responseDueAt: urgent.body.responseDueAt,
      version: urgent.body.version,
      estimatedSolutionMinutes: null,
    });
    const now = (await staff.reception.get(`/api/tickets/${id}`)).body;
    expect(now).toMatchObject({
      urgent: true,
      responseDueAt: urgent.body.responseDueAt,
      estimatedSolutionMinutes: null,
    });

    // The same through If-Match; re-applied on the current version it goes through and keeps urgency.
    const viaHeader = await send(
      staff.reception,
      "PATCH",
      `/api/tickets/${id}`,
      { estimatedSolutionMinutes: 120 },
      {
        "if-match": `"${seenByBoth.version}"`,
      },
    );
    expect(viaHeader.status).toBe(409);
    const reapplied = await staff.reception.patch(`/api/tickets/${id}`, {
      estimatedSolutionMinutes: 120,
      version: stale.body.error.details.current.version,
    });
    expect(reapplied.status).toBe(200);
    expect(reapplied.body).toMatchObject({ urgent: true, estimatedSolutionMinutes: 120 });
    expect(reapplied.body.responseDueAt).toBe(urgent.body.responseDueAt);
  });

  it("a PATCH of a client with only `name` leaves every other field; the version goes up", async () => {
    const made = await staff.reception.post("/api/clients", {
      name: "Completo",
      rfc: "COM010203AB6",
      phone: "55 5555 0000",
      email: "pagos@completo.mx",
      billingAddress: "Av. Reforma 1",
      notes: "Llamar antes",
    });
    expect(made.body.version).toBe(1);
    const renamed = await staff.reception.patch(`/api/clients/${made.body.id}`, { name: "Completo SA" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({
      ...made.body,
      name: "Completo SA",
      version: 2,
      updatedAt: renamed.body.updatedAt,
    });
  });

  it("refuses stale edits of a client, a contact and a contract with 409 and the current record", async () => {
    const contract = await staff.leader.post("/api/contracts", {
      clientId: client.id,
      type: "SF",
      startsOn: "2026-01-01",
      monthlyFeeCents: 100000,
    });
    const cases: [Caller, string, object, object, string][] = [
      [staff.reception, `/api/clients/${client.id}`, { phone: "55 1111 2222" }, { notes: "viejo" }, "phone"],
      [staff.reception, `/api/contacts/${contact.id}`, { position: "Gerente" }, { name: "Otro" }, "position"],
      [
        staff.leader,
        `/api/contracts/${contract.body.id}`,
        { monthlyFeeCents: 200000 },
        { notes: "viejo" },
        "monthlyFeeCents",
      ],
    ];
    for (const [who, url, first, stale, field] of cases) {
      const base = (await who.get(url)).body;
      const saved = await who.patch(url, { ...first, version: base.version });
      expect(saved.status, url).toBe(200);
      expect(saved.body.version, url).toBe(base.version + 1);
      const refused = await who.patch(url, { ...stale, version: base.version });
      expect(refused.status, url).toBe(409);
      expect(refused.body.error.code).toBe("conflict");
      expect(refused.body.error.details.current, url).toEqual(saved.body);
      expect((await who.get(url)).body[field], url).toEqual(saved.body[field]);
      // Without a version an edit applies to the current record (SPEC §10 callers).
      expect((await who.patch(url, stale)).status, url).toBe(200);
    }
  });

  it("lets one of two simultaneous edits on the same version through and refuses the other", async () => {
    const base = (await staff.reception.get(`/api/clients/${client.id}`)).body;
    const both = await Promise.all([
      staff.reception.patch(`/api/clients/${client.id}`, { notes: "uno", version: base.version }),
      staff.sales.patch(`/api/clients/${client.id}`, { notes: "dos", version: base.version }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it("adds time, notes and charges sent at once to one ticket: none carries a version, all land", async () => {
    const id = (
      await staff.reception.post("/api/tickets", {
        clientId: client.id,
        title: "Dos técnicos a la vez",
        description: "",
        urgent: false,
        channel: "phone",
      })
    ).body.id;
    const tech = staff.technician.user!.id;
    await staff.reception.post(`/api/tickets/${id}/transitions`, { action: "assign", assigneeId: tech });
    await staff.technician.post(`/api/tickets/${id}/transitions`, { action: "start" });
    const time = (minutes: number) =>
      staff.senior.post(`/api/tickets/${id}/time-entries`, {
        minutes,
        mode: "remote",
        activity: `Trabajo ${minutes}`,
      });
    const note = (n: number) =>
      staff.technician.post(`/api/tickets/${id}/messages`, { kind: "note", body: `Nota ${n}` });
    const charge = (n: number) =>
      staff.leader.post(`/api/tickets/${id}/charges`, {
        kind: "consumable",
        description: `Cable ${n}`,
        quantity: 1,
        unitPriceCents: 10_000,
      });
    const all = await Promise.all([time(10), time(20), time(30), note(1), note(2), charge(1), charge(2)]);
    expect(all.map((r) => [r.status, r.body.error?.code ?? null])).toEqual(Array(7).fill([201, null]));
    const ticket = (await staff.senior.get(`/api/tickets/${id}`)).body;
    expect(ticket.rawMinutes).toBe(60);
  });

  it("versions the SLA and calendar settings: a stale save gets 409 with the current settings", async () => {
    const sla = (await staff.admin.get("/api/settings/sla")).body;
    const { version, ...values } = sla;
    const first = await staff.admin.put("/api/settings/sla", {
      ...values,
      nearThresholdMinutes: 45,
      version,
    });
    expect(first.status).toBe(200);
    expect(first.body.version).toBe(version + 1);
    const stale = await staff.admin.put("/api/settings/sla", {
      ...values,
      nearThresholdMinutes: 10,
      version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toEqual(first.body);
    expect((await staff.admin.get("/api/settings/sla")).body.nearThresholdMinutes).toBe(45);

    const cal = (await staff.admin.get("/api/settings/calendar")).body;
    const { version: calVersion, ...calendar } = cal;
    const closed = { ...calendar, closures: [{ date: "2026-12-24", reason: "Posada" }] };
    expect(
      (await send(staff.admin, "PUT", "/api/settings/calendar", closed, { "if-match": String(calVersion) }))
        .status,
    ).toBe(200);
    const staleCal = await send(staff.admin, "PUT", "/api/settings/calendar", calendar, {
      "if-match": String(calVersion),
    });
    expect(staleCal.status).toBe(409);
    expect(staleCal.body.error.details.current.closures).toEqual([{ date: "2026-12-24", reason: "Posada" }]);
    expect(
      (await send(staff.admin, "PUT", "/api/settings/calendar", calendar, { "if-match": "tres" })).status,
    ).toBe(400);
  });
});
