import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller, Res } from "../client.js";
import { clientUser, createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import {
  CLIENT_KEYS,
  CONTACT_KEYS,
  CONTRACT_KEYS,
  DETAIL_KEYS,
  HISTORY_KEYS,
  MESSAGE_KEYS,
  SURVEY_KEYS,
  TICKET_KEYS,
  TIME_KEYS,
} from "../support/client-facing-keys.js";

// SPEC §9: a client contact never learns whether another company's record exists (404, like a
// missing id), and reads client-facing shapes only (allow-lists: test/support/client-facing-keys.ts).

const keys = (o: object) => Object.keys(o).sort();

interface Company {
  clientId: string;
  contactId: string;
  contractId: string;
  ticketId: string;
}

describe.each(DATABASES)(
  "client contacts see their own company only, client-facing fields only, on %s",
  (kind) => {
    let t: TestApp;
    let s: Staff;
    let portal: Caller;
    const own: Company = { clientId: "", contactId: "", contractId: "", ticketId: "" };
    const other: Company = { clientId: "", contactId: "", contractId: "", ticketId: "" };
    const time = manualClock("2026-11-24T16:00:00Z");

    async function company(c: Company, name: string, rfc: string, email: string) {
      const made = await createClientWithContact(s, name, rfc, email);
      c.clientId = made.client.id;
      c.contactId = made.contact.id;
      const contract = await s.leader.post("/api/contracts", {
        clientId: c.clientId,
        type: "SS",
        startsOn: "2026-01-01",
        monthlyFeeCents: 250000,
        notes: "Renegociar: cliente moroso",
      });
      c.contractId = contract.body.id;
      const ticket = await s.reception.post("/api/tickets", {
        clientId: c.clientId,
        contactId: c.contactId,
        title: "Servidor caído",
        description: "No arranca",
        urgent: true,
        channel: "phone",
      });
      c.ticketId = ticket.body.id;
    }

    /** Walks own's ticket to `reviewed` without the client's acceptance, leaving internal traces on the way. */
    async function workOwnTicket() {
      const go = (c: Caller, body: object) => c.post(`/api/tickets/${own.ticketId}/transitions`, body);
      const ok = (r: Res, status = 200) => expect(r.status, JSON.stringify(r.body)).toBe(status);
      ok(await go(s.reception, { action: "assign", assigneeId: s.technician.user!.id }));
      ok(await go(s.technician, { action: "start" }));
      const entry = { minutes: 45, mode: "onsite", activity: "Cambio de fuente" };
      ok(await s.technician.post(`/api/tickets/${own.ticketId}/time-entries`, entry), 201);
      const note = { body: "Contraseña del BIOS: 4321", kind: "note" };
      ok(await s.technician.post(`/api/tickets/${own.ticketId}/messages`, note), 201);
      ok(await s.technician.post(`/api/tickets/${own.ticketId}/messages`, { body: "Ya quedó" }), 201);
      const charge = { kind: "spare_part", description: "Fuente 500W", quantity: 1, unitPriceCents: 90000 };
      ok(await s.technician.post(`/api/tickets/${own.ticketId}/charges`, charge), 201);
      ok(await go(s.technician, { action: "attend" }));
      ok(await go(s.senior, { action: "review", reason: "Cliente ilocalizable, se aprueba sin firma" }));
    }

    beforeAll(async () => {
      t = await startApp(kind, { clock: time.clock });
      s = await seedStaff(t.app);
      await company(own, "Constructora Ñandú", "CÑA010203AB5", "ana@nandu.mx");
      await company(other, "Otra Empresa", "OEM020304CD9", "otro@otra.mx");
      const credit = {
        clientId: own.clientId,
        creditDays: 30,
        creditLimitCents: 5_000_000,
        reason: "Cliente de años",
      };
      const request = await s.reception.post("/api/credit-requests", credit);
      const approve = { reason: "Buen historial" };
      expect((await s.sales.post(`/api/credit-requests/${request.body.id}/approve`, approve)).status).toBe(
        200,
      );
      const internal = { notes: "Paga tarde", accountTechnicianId: s.technician.user!.id };
      expect((await s.reception.patch(`/api/clients/${own.clientId}`, internal)).status).toBe(200);
      await workOwnTicket();
      portal = await clientUser(s, own.clientId, "portal@nandu.mx");
    });
    afterAll(async () => t?.close());

    // Each probe names another company's record and, in the same place, an id that does not exist.
    /** Names one field of a company: `id((c) => c.ticketId)` is the other company's or a missing one. */
    type Named = (pick: (c: Company) => string) => string;
    type Probe = [name: string, run: (id: Named) => Promise<Res>];
    const missing: Company = {
      clientId: "no-existe",
      contactId: "no-existe",
      contractId: "no-existe",
      ticketId: "no-existe",
    };
    const ticketCall = (path: string, body?: object) => (id: Named) =>
      body === undefined
        ? portal.get(`/api/tickets/${id((c) => c.ticketId)}${path}`)
        : portal.post(`/api/tickets/${id((c) => c.ticketId)}${path}`, body);
    const probes: Probe[] = [
      ["client detail", (id) => portal.get(`/api/clients/${id((c) => c.clientId)}`)],
      ["contact detail", (id) => portal.get(`/api/contacts/${id((c) => c.contactId)}`)],
      ["contract detail", (id) => portal.get(`/api/contracts/${id((c) => c.contractId)}`)],
      ["contacts ?clientId=", (id) => portal.get(`/api/contacts?clientId=${id((c) => c.clientId)}`)],
      ["contracts ?clientId=", (id) => portal.get(`/api/contracts?clientId=${id((c) => c.clientId)}`)],
      ["tickets ?clientId=", (id) => portal.get(`/api/tickets?clientId=${id((c) => c.clientId)}`)],
      [
        "ticket create for that client",
        (id) =>
          portal.post("/api/tickets", {
            clientId: id((c) => c.clientId),
            title: "x",
            description: "",
            urgent: false,
            channel: "portal",
          }),
      ],
      [
        "ticket create naming that contact",
        (id) =>
          portal.post("/api/tickets", {
            clientId: own.clientId,
            contactId: id((c) => c.contactId),
            title: "x",
            description: "",
            urgent: false,
            channel: "portal",
          }),
      ],
      ["ticket detail", ticketCall("")],
      ["ticket edit", (id) => portal.patch(`/api/tickets/${id((c) => c.ticketId)}`, { title: "Otro" })],
      ["ticket transition", ticketCall("/transitions", { action: "accept" })],
      ["ticket message", ticketCall("/messages", { body: "hola" })],
      ["ticket time entry", ticketCall("/time-entries", { minutes: 5, mode: "remote", activity: "x" })],
      [
        "ticket charge",
        ticketCall("/charges", { kind: "other", description: "x", quantity: 1, unitPriceCents: 1 }),
      ],
      ["ticket survey", ticketCall("/survey")],
      ["ticket survey answer", ticketCall("/survey", { overall: 5, technician: 5, timeliness: 5 })],
    ];

    it.each(probes)("%s: another company's id gets the same 404 as a missing id", async (_name, run) => {
      const theirs = await run((pick) => pick(other));
      const none = await run((pick) => pick(missing));
      expect(theirs.status, JSON.stringify(theirs.body)).toBe(404);
      expect(theirs.body).toEqual(none.body);
      expect(theirs.body.error.code).toBe("not_found");
    });

    it("reads its own ticket with client-facing fields only: no raw minutes, billing, override reason or notes", async () => {
      const res = await portal.get(`/api/tickets/${own.ticketId}`);
      expect(res.status).toBe(200);
      const d = res.body;
      expect(keys(d)).toEqual(DETAIL_KEYS);
      expect(d.history.length).toBeGreaterThan(0);
      for (const h of d.history) expect(keys(h)).toEqual(HISTORY_KEYS);
      expect(d.timeEntries).toHaveLength(1);
      for (const e of d.timeEntries) expect(keys(e)).toEqual(TIME_KEYS);
      expect(d.messages.map((m: { body: string }) => m.body)).toEqual(["Ya quedó"]);
      for (const m of d.messages) expect(keys(m)).toEqual(MESSAGE_KEYS);
      // The desk's own steps and reasons stay internal; the client follows the status.
      expect(d.history.map((h: { action: string }) => h.action)).toEqual([
        "create",
        "assign",
        "start",
        "message",
        "attend",
        "review",
      ]);
      const text = JSON.stringify(d);
      for (const secret of ["4321", "ilocalizable", "Fuente 500W", s.technician.user!.id]) {
        expect(text).not.toContain(secret);
      }
    });

    it("gets the same ticket shape from the list, a create, a transition and a stale conflict", async () => {
      const list = await portal.get("/api/tickets");
      expect(list.body.items.length).toBeGreaterThan(0);
      for (const item of list.body.items) expect(keys(item)).toEqual(TICKET_KEYS);
      const body = {
        clientId: own.clientId,
        title: "Impresora",
        description: "",
        urgent: false,
        channel: "portal",
      };
      const created = await portal.post("/api/tickets", body);
      expect(created.status).toBe(201);
      expect(keys(created.body)).toEqual(TICKET_KEYS);
      const message = await portal.post(`/api/tickets/${created.body.id}/messages`, { body: "¿Ya?" });
      expect(message.status).toBe(201);
      expect(keys(message.body)).toEqual(MESSAGE_KEYS);
      const stale = await portal.post(`/api/tickets/${created.body.id}/transitions`, {
        action: "cancel",
        expectedVersion: 99,
      });
      expect(stale.status).toBe(409);
      expect(keys(stale.body.error.details.current)).toEqual(TICKET_KEYS);
    });

    it("reads its own company, contacts and contracts without credit limits, approvals, technician or notes", async () => {
      const one = await portal.get(`/api/clients/${own.clientId}`);
      expect(keys(one.body)).toEqual(CLIENT_KEYS);
      expect(one.body).toMatchObject({ paymentTerms: "credit", creditDays: 30 });
      const list = await portal.get("/api/clients");
      expect(list.body.items.map(keys)).toEqual([CLIENT_KEYS]);
      const contacts = await portal.get(`/api/contacts?clientId=${own.clientId}`);
      expect(contacts.body.items.map(keys)).toEqual([CONTACT_KEYS]);
      expect(keys((await portal.get(`/api/contacts/${own.contactId}`)).body)).toEqual(CONTACT_KEYS);
      const contracts = await portal.get(`/api/contracts?clientId=${own.clientId}`);
      expect(contracts.body.items.map(keys)).toEqual([CONTRACT_KEYS]);
      const contract = await portal.get(`/api/contracts/${own.contractId}`);
      expect(keys(contract.body)).toEqual(CONTRACT_KEYS);
      const text = JSON.stringify([one.body, list.body, contacts.body, contracts.body, contract.body]);
      for (const secret of ["Paga tarde", "moroso", "5000000", s.sales.user!.id, s.technician.user!.id]) {
        expect(text).not.toContain(secret);
      }
    });

    it("staff still read the full records", async () => {
      const d = (await s.leader.get(`/api/tickets/${own.ticketId}`)).body;
      expect(d).toMatchObject({
        rawMinutes: 45,
        acceptanceOverrideReason: "Cliente ilocalizable, se aprueba sin firma",
      });
      expect(d.charges).toHaveLength(1);
      expect(d.messages).toHaveLength(2);
      const c = (await s.reception.get(`/api/clients/${own.clientId}`)).body;
      expect(c).toMatchObject({
        creditLimitCents: 5_000_000,
        notes: "Paga tarde",
        creditApprovedBy: s.sales.user!.id,
      });
      const k = (await s.leader.get(`/api/contracts/${own.contractId}`)).body;
      expect(k.notes).toBe("Renegociar: cliente moroso");
    });

    it("reads its own survey without the desk's call notes or who recorded it", async () => {
      const go = (c: Caller, body: object) => c.post(`/api/tickets/${own.ticketId}/transitions`, body);
      expect((await go(s.leader, { action: "close" })).status).toBe(200);
      const attempt = { note: "Buzón lleno, marcar después de las 5" };
      expect((await s.reception.post(`/api/tickets/${own.ticketId}/survey-attempts`, attempt)).status).toBe(
        201,
      );
      const before = await portal.get(`/api/tickets/${own.ticketId}/survey`);
      expect(before.body).toEqual({ survey: null, attempts: [{ at: expect.any(String) }] });
      const answer = { overall: 5, technician: 4, timeliness: 5, comments: "Muy bien" };
      const answered = await portal.post(`/api/tickets/${own.ticketId}/survey`, answer);
      expect(answered.status).toBe(201);
      expect(keys(answered.body)).toEqual(SURVEY_KEYS);
      const after = await portal.get(`/api/tickets/${own.ticketId}/survey`);
      expect(keys(after.body.survey)).toEqual(SURVEY_KEYS);
      expect(JSON.stringify(after.body)).not.toContain("Buzón");
      expect(JSON.stringify(after.body)).not.toContain(s.reception.user!.id);
      // Reception still sees its notes.
      const desk = await s.reception.get(`/api/tickets/${own.ticketId}/survey`);
      expect(desk.body.attempts[0]).toMatchObject({ note: attempt.note, byUserId: s.reception.user!.id });
    });
  },
);
