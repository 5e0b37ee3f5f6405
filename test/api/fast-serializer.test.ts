import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  TicketAnswer,
  TicketDetailAnswer,
  TicketForClient,
  TicketListAnswer,
} from "../../src/contract/client-facing.js";
import { TicketListQuery, TicketSummary } from "../../src/contract/tickets.js";
import { type Actor, forRequest } from "../../src/server/context.js";
import { actorFromToken } from "../../src/server/modules/auth/auth.js";
import * as tickets from "../../src/server/modules/tickets/tickets.js";
import { compileFastSerializer } from "../../src/server/platform/http/fast-serializer.js";
import type { Caller } from "../client.js";
import { clientUser, createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";

/**
 * The hot ticket routes answer through fast-json-stringify (platform/http/fast-serializer.ts). Their
 * bytes must be exactly what the zod serializer wrote before: JSON.stringify(schema.encode(data)) for
 * the same data, for staff and for a client contact (the client-facing shape), with nulls, accents,
 * quotes and control characters, an acceptance, history with changes, time entries and messages.
 */
const zodBytes = (schema: { encode(v: unknown): unknown }, data: unknown) =>
  JSON.stringify(schema.encode(data));

describe.each(DATABASES)("fast response serialization on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;
  let client: Caller;
  const ids: string[] = [];
  const clock = manualClock("2026-11-24T15:00:00Z");

  const raw = async (caller: Caller, method: "GET" | "POST", url: string, payload?: object) => {
    const res = await t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${caller.token}` },
      ...(payload ? { payload } : {}),
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    return res.body;
  };
  const actorOf = async (caller: Caller) =>
    (await actorFromToken(forRequest(t.app.ctx), caller.token!))?.actor as Actor;

  beforeAll(async () => {
    t = await startApp(kind, { clock: clock.clock });
    staff = await seedStaff(t.app);
    const { client: c, contact } = await createClientWithContact(
      staff,
      'Ferretería "La Güera" Núñez',
      "FGN990101AB5",
      "compras@guera.mx",
    );
    client = await clientUser(staff, c.id, "portal@guera.mx");
    const bodies = [
      {
        contactId: contact.id,
        title: "Sin red en «almacén»",
        description: 'Dice "error 0x80"\n\tlínea 2 \u2028 😀',
        urgent: true,
        channel: "phone",
        category: "redes",
      },
      { title: "Impresora", description: "", urgent: false, channel: "walk_in" },
      {
        title: "Atrasado",
        description: "Llamó ayer",
        urgent: false,
        channel: "phone",
        receivedAt: "2026-11-23T16:00:00.000Z",
      },
    ];
    for (const b of bodies) {
      const r = await staff.reception.post("/api/tickets", { clientId: c.id, ...b });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      ids.push(r.body.id);
    }
    const portal = await client.post("/api/tickets", {
      clientId: c.id,
      title: "Desde el portal",
      description: "ñ",
      urgent: false,
      channel: "portal",
    });
    expect(portal.status).toBe(201);
    ids.push(portal.body.id);
    // One ticket through the workflow: assignee, response, time, a message, acceptance.
    const go = (who: Caller, body: object) => who.post(`/api/tickets/${ids[0]}/transitions`, body);
    expect(
      (await go(staff.reception, { action: "assign", assigneeId: staff.technician.user!.id })).status,
    ).toBe(200);
    clock.advance(20 * 60_000);
    expect((await go(staff.technician, { action: "start" })).status).toBe(200);
    const entry = { minutes: 61, mode: "onsite", activity: "Cambio de switch" };
    expect((await staff.technician.post(`/api/tickets/${ids[0]}/time-entries`, entry)).status).toBe(201);
    expect((await staff.technician.post(`/api/tickets/${ids[0]}/messages`, { body: "Listo ✔" })).status).toBe(
      201,
    );
    expect((await go(staff.technician, { action: "attend" })).status).toBe(200);
    expect((await go(staff.technician, { action: "accept", signerName: "Ana Pérez" })).status).toBe(200);
    // Seven users (argon2) and a ticket's whole workflow: slow on a loaded machine.
  }, 180_000);
  afterAll(() => t.close());

  it("writes a queue page byte for byte as zod did, for staff and for a client contact", async () => {
    for (const caller of [staff.reception, staff.technician, client])
      for (const view of ["full", "summary"]) {
        const body = await raw(caller, "GET", `/api/tickets?limit=2&view=${view}`);
        const query = TicketListQuery.parse({ limit: "2", view });
        const data = await tickets.listTickets(forRequest(t.app.ctx), await actorOf(caller), query);
        expect(body).toBe(zodBytes(TicketListAnswer, data));
      }
    // The page with a cursor (nextCursor null on the last page, a string before it).
    expect(JSON.parse(await raw(staff.reception, "GET", "/api/tickets?limit=2")).nextCursor).toEqual(
      expect.any(String),
    );
  });

  it("writes a ticket's detail byte for byte as zod did", async () => {
    for (const caller of [staff.reception, client])
      for (const id of ids) {
        const body = await raw(caller, "GET", `/api/tickets/${id}`);
        const data = await tickets.getTicket(forRequest(t.app.ctx), await actorOf(caller), id);
        expect(body).toBe(zodBytes(TicketDetailAnswer, data));
      }
    const detail = JSON.parse(await raw(staff.reception, "GET", `/api/tickets/${ids[0]}`));
    expect(detail.history.length).toBeGreaterThan(3);
    expect(detail.timeEntries).toHaveLength(1);
    expect(detail.acceptance).toMatchObject({ signerName: "Ana Pérez" });
  });

  it("answers a create byte for byte as zod would for the ticket as read back", async () => {
    for (const caller of [staff.reception, client]) {
      const actor = await actorOf(caller);
      const body = await raw(caller, "POST", "/api/tickets", {
        clientId:
          actor.clientId ?? JSON.parse(await raw(staff.reception, "GET", `/api/tickets/${ids[0]}`)).clientId,
        title: "Otro «más»",
        description: "x",
        urgent: true,
        channel: "portal",
      });
      const id = JSON.parse(body).id as string;
      const data = await tickets.getTicketSummary(forRequest(t.app.ctx), actor, id);
      expect(body).toBe(zodBytes(TicketAnswer, data));
    }
  });
});

describe("fast serializer against zod on hand-made tickets", () => {
  const ticket = {
    id: "t1",
    folio: "OS-2026-000001",
    status: "new",
    clientId: "c1",
    clientName: 'Ñandú "Q" \\ S.A.',
    contactId: null,
    contactName: null,
    title: "a\u0000b\u001f\u2028\u2029",
    description: "lone \ud800 surrogate, emoji 😀, tab\t",
    urgent: false,
    channel: "email",
    category: null,
    serviceKind: "event",
    contractId: null,
    assigneeId: null,
    assigneeName: null,
    receivedAt: "2026-03-01T12:00:00.000Z",
    responseDueAt: "2026-03-01T14:00:00.000Z",
    respondedAt: null,
    responseBreached: true,
    businessMinutesLeft: -1234,
    slaState: "breached",
    estimatedSolutionMinutes: null,
    estimatedSolutionAt: null,
    rawMinutes: 0,
    billableMinutes: 0,
    billableFrozen: false,
    billingStatus: "pending",
    acceptance: null,
    acceptanceOverrideReason: null,
    unknownSender: true,
    createdAt: "2026-03-01T12:00:00.000Z",
    updatedAt: "2026-03-01T12:00:00.000Z",
    closedAt: null,
    version: 1,
    availableActions: [],
  };
  const list = compileFastSerializer(TicketListAnswer);

  it("matches zod's bytes for staff and client shapes with awkward strings", () => {
    const forClient = TicketForClient.parse(ticket);
    for (const data of [
      {
        items: [ticket, { ...ticket, acceptance: { at: "x", signerName: null, via: "link" } }],
        nextCursor: null,
        partial: false,
      },
      { items: [forClient], nextCursor: "abc", partial: true },
      {
        view: "summary",
        items: [TicketSummary.parse({ ...ticket, returnedBy: "client" })],
        nextCursor: null,
        partial: false,
      },
      { items: [], nextCursor: null, partial: false },
    ])
      expect(list(data)).toBe(zodBytes(TicketListAnswer, data));
  });

  it("drops keys the schema does not name, as zod strips them", () => {
    const out = list({ items: [{ ...ticket, passwordHash: "secreto" }], nextCursor: null, partial: false });
    expect(out).not.toContain("secreto");
    expect(out).toBe(zodBytes(TicketListAnswer, { items: [ticket], nextCursor: null, partial: false }));
  });

  it("refuses an answer no shape accepts instead of writing it", () => {
    expect(() =>
      list({ items: [{ ...ticket, status: "perdido" }], nextCursor: null, partial: false }),
    ).toThrow();
    expect(() => list({ items: [{ ...ticket, title: null }], nextCursor: null, partial: false })).toThrow();
    // Nor as rows: a full page invalid only in a field rows leave out is still refused.
    const badChannel = { ...ticket, returnedBy: null, channel: "fax" };
    expect(() => list({ items: [badChannel], nextCursor: null, partial: false })).toThrow();
  });
});
