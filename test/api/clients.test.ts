import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../client.js";
import { type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";

const NOW = "2026-11-24T16:00:00.000Z"; // Tuesday 10:00 in Mexico City
const enc = encodeURIComponent;

describe.each(DATABASES)("clients, contacts and contracts on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  const time = manualClock(NOW);

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
  });
  afterAll(async () => t?.close());

  let n = 0;
  const newClient = async (body: object = {}, who: Caller = s.reception) => {
    const r = await who.post("/api/clients", { name: `Cliente ${++n}`, ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string; name: string; rfc: string | null };
  };
  const ticketFor = (clientId: string, extra: object = {}) =>
    s.reception.post("/api/tickets", {
      clientId,
      title: "Falla",
      description: "",
      urgent: false,
      channel: "phone",
      ...extra,
    });

  it.each([
    ["ABC010101AB1", "ABC010101AB1", "moral, 12 characters"],
    ["GODE561231GR8", "GODE561231GR8", "física, 13 characters"],
    ["abc-040229 ab6", "ABC040229AB6", "lower case and separators; 29 Feb 2004"],
    ["Ñ&A000229XY9", "Ñ&A000229XY9", "Ñ and &; 29 Feb 2000"],
    ["GOPE960229AB4", "GOPE960229AB4", "física born 29 Feb 1996"],
  ])("accepts the RFC %s as %s (%s)", async (rfc, stored) => {
    expect((await newClient({ rfc })).rfc).toBe(stored);
  });

  it.each([
    ["XYZ970229AB1", "29 Feb of a non-leap year (moral)"],
    ["GODE010229GR8", "29 Feb of a non-leap year (física)"],
    ["GODE991332AB1", "month 13, day 32"],
    ["ABC010431AB1", "31 April"],
    ["ABC010100AB1", "day 00"],
    ["ABCD0101AB1", "11 characters"],
    ["ABCDE010101AB1", "14 characters"],
    ["AB1010101AB1", "a digit among the letters"],
    ["ABC01010AB1", "a short date"],
  ])("refuses the RFC %s (%s)", async (rfc) => {
    const r = await s.reception.post("/api/clients", { name: "Inválido", rfc });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("validation_failed");
  });

  it("refuses a duplicate RFC with 409, in any spelling, on create, on edit and when racing", async () => {
    const first = await newClient({ rfc: "DUP010101AA3" });
    const again = await s.reception.post("/api/clients", { name: "Otro", rfc: "dup-010101-aa3" });
    expect(again.status).toBe(409);
    const other = await newClient({ rfc: "DUQ010101AA4" });
    expect((await s.reception.patch(`/api/clients/${other.id}`, { rfc: "DUP010101AA3" })).status).toBe(409);
    expect((await s.reception.patch(`/api/clients/${first.id}`, { rfc: "DUP010101AA3" })).status).toBe(200);

    const racing = await Promise.all(
      [1, 2, 3].map((i) => s.reception.post("/api/clients", { name: `Carrera ${i}`, rfc: "RAC010101AA7" })),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const users = await Promise.all(
      [1, 2].map(() =>
        s.admin.post("/api/users", {
          email: "doble@encor.mx",
          name: "Doble",
          password: "clave-doble",
          roles: ["sales"],
        }),
      ),
    );
    expect(users.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it("finds a contact by any of its e-mails or phones, however the phone is written", async () => {
    const c = await newClient({ name: "Constructora Ñandú" });
    const ana = await s.reception.post("/api/contacts", {
      clientId: c.id,
      name: "Ana Pérez",
      emails: ["ana@nandu.mx", "Ana.Perez@Gmail.com"],
      phones: ["+52 (55) 1234-5678", "81 8765 4321"],
    });
    expect(ana.status).toBe(201);
    expect(ana.body.emails).toEqual(["ana@nandu.mx", "ana.perez@gmail.com"]);
    await s.reception.post("/api/contacts", { clientId: c.id, name: "Beto", phone: "+52 55 9999 5678" });
    const ids = async (query: string) =>
      ((await s.reception.get(`/api/contacts?${query}`)).body.items as { id: string }[]).map((i) => i.id);
    for (const email of ["ana@nandu.mx", "ANA.PEREZ@gmail.com"])
      expect(await ids(`email=${enc(email)}`)).toEqual([ana.body.id]);
    for (const phone of ["5512345678", "+52 (55) 1234-5678", "55 1234 5678", "525512345678", "8187654321"]) {
      expect(await ids(`phone=${enc(phone)}`), phone).toEqual([ana.body.id]);
    }
    expect(await ids("email=nadie%40nandu.mx")).toEqual([]);
    expect(await ids("phone=5500000000")).toEqual([]);
    expect(await ids("phone=abc")).toEqual([]); // no digits: nobody, not everybody
  });

  it("lookup finds the caller by phone, e-mail, client name, RFC or contact name", async () => {
    const c = await newClient({ name: "Papelería La Güera", rfc: "PLG990101AB9", phone: "(81) 8000-1234" });
    const luz = await s.reception.post("/api/contacts", {
      clientId: c.id,
      name: "Luz Ibáñez",
      email: "luz@guera.mx",
      phone: "+52 33 1111 2222",
    });
    const lookup = async (q: string) => (await s.reception.get(`/api/lookup/callers?q=${enc(q)}`)).body.items;
    const hit = (items: { client: { id: string }; contact: { id: string } | null; matchedOn: string }[]) =>
      items.map((i) => [i.client.id, i.contact?.id ?? null, i.matchedOn]);
    expect(hit(await lookup("33 1111 2222"))).toEqual([[c.id, luz.body.id, "phone"]]);
    expect(hit(await lookup("LUZ@guera.mx"))).toEqual([[c.id, luz.body.id, "email"]]);
    expect(hit(await lookup("Papelería"))).toEqual([[c.id, null, "name"]]);
    expect(hit(await lookup("plg990101ab9"))).toEqual([[c.id, null, "rfc"]]);
    expect(hit(await lookup("ibanez"))).toEqual([[c.id, luz.body.id, "contact_name"]]);
    // The company's own number, stored with formatting, dialled without it.
    expect(hit(await lookup("8180001234"))).toEqual([[c.id, null, "phone"]]);
  });

  it("offers the seeded contract types SH, SF and SS, each covering every category", async () => {
    const types = (await s.leader.get("/api/contract-types")).body.items;
    const seeded = { active: true, coverage: "all", version: 1 };
    expect(types).toEqual(
      expect.arrayContaining([
        { code: "SH", name: "Póliza de Servicio Hospedaje", ...seeded },
        { code: "SF", name: "Póliza de Servicio Fortigate", ...seeded },
        { code: "SS", name: "Póliza de Servicio Soporte", ...seeded },
      ]),
    );
  });

  it("makes a ticket `contract` only when received within the contract's dates (local days)", async () => {
    const c = await newClient();
    const k = await s.leader.post("/api/contracts", {
      clientId: c.id,
      type: "SF",
      startsOn: "2026-03-01",
      endsOn: "2026-06-30",
      monthlyFeeCents: 350000,
    });
    expect(k.status).toBe(201);
    const kindAt = async (receivedAt: string) => {
      const r = await ticketFor(c.id, { receivedAt });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      return [r.body.serviceKind, r.body.contractId];
    };
    expect(await kindAt("2026-02-28T12:00:00-06:00")).toEqual(["event", null]);
    expect(await kindAt("2026-03-01T05:30:00Z")).toEqual(["event", null]); // 28 Feb, 23:30 local
    expect(await kindAt("2026-03-01T00:30:00-06:00")).toEqual(["contract", k.body.id]);
    expect(await kindAt("2026-06-30T23:30:00-06:00")).toEqual(["contract", k.body.id]); // 1 Jul in UTC
    expect(await kindAt("2026-07-01T09:00:00-06:00")).toEqual(["event", null]);
    expect((await s.leader.patch(`/api/contracts/${k.body.id}`, { cancelled: true })).status).toBe(200);
    expect(await kindAt("2026-04-15T10:00:00-06:00")).toEqual(["event", null]);
  });

  it("names each contract's client, in every answer and after a rename", async () => {
    const c = await newClient({ name: "Óptica Ñuñoa" });
    const k = await s.leader.post("/api/contracts", {
      clientId: c.id,
      type: "SS",
      startsOn: "2026-01-01",
      monthlyFeeCents: 1,
    });
    expect(k.status).toBe(201);
    expect(k.body.clientName).toBe("Óptica Ñuñoa");
    expect((await s.leader.patch(`/api/clients/${c.id}`, { name: "Óptica Central" })).status).toBe(200);
    expect((await s.leader.get(`/api/contracts/${k.body.id}`)).body.clientName).toBe("Óptica Central");
    const all = (await s.leader.get("/api/contracts")).body.items as { id: string; clientName: string }[];
    expect(all.find((x) => x.id === k.body.id)?.clientName).toBe("Óptica Central");
    const patched = await s.leader.patch(`/api/contracts/${k.body.id}`, { monthlyFeeCents: 2 });
    expect(patched.body.clientName).toBe("Óptica Central");
  });

  it("uses a contract's own SLA targets for its tickets", async () => {
    const plain = await newClient();
    const quoted = await newClient();
    const contract = (clientId: string, extra: object) =>
      s.leader.post("/api/contracts", {
        clientId,
        type: "SS",
        startsOn: "2026-01-01",
        monthlyFeeCents: 1,
        ...extra,
      });
    expect((await contract(plain.id, {})).status).toBe(201);
    expect((await contract(quoted.id, { slaNormalMinutes: 30, slaUrgentMinutes: 15 })).status).toBe(201);
    const due = async (clientId: string, urgent: boolean) =>
      (await ticketFor(clientId, { urgent })).body.responseDueAt;
    expect(await due(plain.id, false)).toBe("2026-11-24T18:00:00.000Z"); // 2 h
    expect(await due(plain.id, true)).toBe("2026-11-24T17:00:00.000Z"); // 1 h
    expect(await due(quoted.id, false)).toBe("2026-11-24T16:30:00.000Z"); // 30 min
    expect(await due(quoted.id, true)).toBe("2026-11-24T16:15:00.000Z"); // 15 min
  });

  it("keeps ticket search working after a client is renamed", async () => {
    const c = await newClient({ name: "Ferretería López" });
    const ticket = (await ticketFor(c.id)).body;
    const found = async (q: string) =>
      ((await s.reception.get(`/api/tickets?q=${enc(q)}`)).body.items as { id: string }[]).map((i) => i.id);
    expect(await found("ferreteria lopez")).toEqual([ticket.id]);
    expect((await s.reception.patch(`/api/clients/${c.id}`, { name: "Grupo Ferrelo" })).status).toBe(200);
    expect(await found("ferrelo")).toEqual([ticket.id]);
    expect(await found("ferreteria lopez")).toEqual([]);
    expect((await s.reception.get(`/api/tickets/${ticket.id}`)).body.clientName).toBe("Grupo Ferrelo");
  });

  it("grants credit only through a request Ventas approves, recording who and when", async () => {
    const c = await newClient({ paymentTerms: "cash" });
    expect((await s.reception.get(`/api/clients/${c.id}`)).body).toMatchObject({
      paymentTerms: "cash",
      creditDays: null,
    });
    // The client editor no longer grants credit, not even to Ventas: it points to the request.
    const credit = { paymentTerms: "credit", creditDays: 45, creditLimitCents: 5_000_000 };
    for (const who of [s.reception, s.leader, s.sales]) {
      const r = await who.patch(`/api/clients/${c.id}`, credit);
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe("credit_request_required");
    }
    expect((await s.technician.patch(`/api/clients/${c.id}`, credit)).status).toBe(403);
    expect((await s.reception.get(`/api/clients/${c.id}`)).body.paymentTerms).toBe("cash");
    const request = await s.reception.post("/api/credit-requests", {
      clientId: c.id,
      creditDays: 45,
      creditLimitCents: 5_000_000,
      reason: "Cliente desde 2019",
    });
    expect(request.status).toBe(201);
    const approved = await s.sales.post(`/api/credit-requests/${request.body.id}/approve`, {
      reason: "Al corriente",
    });
    expect(approved.status).toBe(200);
    expect((await s.reception.get(`/api/clients/${c.id}`)).body).toMatchObject({
      paymentTerms: "credit",
      creditDays: 45,
      creditLimitCents: 5_000_000,
      creditApprovedBy: s.sales.user!.id,
      creditApprovedAt: NOW,
    });
    // Others may still edit the client, but not take the credit away.
    expect(
      (await s.reception.patch(`/api/clients/${c.id}`, { notes: "Paga los viernes" })).body.paymentTerms,
    ).toBe("credit");
    expect((await s.reception.patch(`/api/clients/${c.id}`, { paymentTerms: "cash" })).status).toBe(403);
    expect((await s.sales.patch(`/api/clients/${c.id}`, { paymentTerms: "cash" })).body).toMatchObject({
      paymentTerms: "cash",
      creditDays: null,
      creditLimitCents: null,
    });
  });

  it("writes audit rows for client, contract and user changes, without passwords", async () => {
    const c = await newClient({ name: "Auditada" });
    await s.reception.patch(`/api/clients/${c.id}`, { name: "Auditada Dos" });
    const k = await s.leader.post("/api/contracts", {
      clientId: c.id,
      type: "SH",
      startsOn: "2026-01-01",
      monthlyFeeCents: 1,
    });
    await s.leader.patch(`/api/contracts/${k.body.id}`, { monthlyFeeCents: 2 });
    const u = await s.admin.post("/api/users", {
      email: "nuevo@encor.mx",
      name: "Nuevo",
      password: "secreto-123",
      roles: ["technician"],
    });
    await s.admin.patch(`/api/users/${u.body.id}`, { roles: ["senior"], password: "otro-secreto-456" });
    const trail = async (entity: string, id: string) =>
      (await s.leader.get(`/api/audit?entity=${entity}&entityId=${id}`)).body.items;
    const summary = (rows: { action: string; actorId: string }[]) => rows.map((r) => [r.action, r.actorId]);
    expect(summary(await trail("client", c.id))).toEqual([
      ["create", s.reception.user!.id],
      ["update", s.reception.user!.id],
    ]);
    expect((await trail("client", c.id))[1].changes).toMatchObject({ name: "Auditada Dos" });
    expect(summary(await trail("contract", k.body.id))).toEqual([
      ["create", s.leader.user!.id],
      ["update", s.leader.user!.id],
    ]);
    const userTrail = await trail("user", u.body.id);
    expect(summary(userTrail)).toEqual([
      ["create", s.admin.user!.id],
      ["update", s.admin.user!.id],
    ]);
    expect(JSON.stringify(userTrail)).not.toMatch(/secreto/);
    expect((await s.reception.get(`/api/audit?entity=client&entityId=${c.id}`)).status).toBe(403);
  });
});
