import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller, Res } from "../client.js";
import { snapshotDb } from "../db-snapshot.js";
import { clientUser, createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";

/** Every role of the SPEC, plus a technician who is NOT the ticket's assignee and a contact of another company. */
const WHO = [
  "reception",
  "technician",
  "technician2",
  "senior",
  "leader",
  "sales",
  "admin",
  "clientOwn",
  "clientOther",
] as const;
type Who = (typeof WHO)[number];

type Status = "new" | "assigned" | "in_progress" | "working" | "attended" | "accepted" | "reviewed";
interface Env {
  ticketId: string;
  seq: number;
  /** What `prepare` made for this call (before the refusal snapshot is taken). */
  prepared: string;
}
interface Action {
  /** For ticket actions: the status the fresh ticket is put in first, so only the role decides. */
  given?: Status;
  /** The ticket status after a successful call (transitions). */
  to?: string;
  /** Records the call needs, made by someone else before the call (and before the snapshot). */
  prepare?(seq: number): Promise<string>;
  run(c: Caller, env: Env): Promise<Res>;
}

// The table: expected HTTP status per role. technician = the assignee; technician2 = another technician;
// clientOwn = portal user of the ticket's company; clientOther = portal user of another company.
//                                    rec  tech tech2 sen  lead sales adm  cOwn cOther
const TABLE: [string, number[]][] = [
  ["create client", /*            */ [201, 403, 403, 403, 201, 201, 201, 403, 403]],
  ["create contact", /*           */ [201, 201, 201, 201, 201, 201, 201, 403, 403]],
  ["create contract", /*          */ [403, 403, 403, 403, 201, 201, 201, 403, 403]],
  ["request credit", /*           */ [201, 403, 403, 403, 201, 201, 201, 404, 404]],
  ["approve credit", /*           */ [403, 403, 403, 403, 403, 200, 403, 404, 404]],
  ["create user", /*              */ [403, 403, 403, 403, 403, 403, 201, 403, 403]],
  ["create ticket", /*            */ [201, 403, 403, 201, 201, 403, 201, 201, 404]],
  ["list tickets", /*             */ [200, 200, 200, 200, 200, 200, 200, 200, 200]],
  ["read ticket", /*              */ [200, 200, 403, 200, 200, 200, 200, 200, 404]],
  ["assign", /*                   */ [200, 403, 403, 403, 200, 403, 200, 403, 404]],
  ["start", /*                    */ [403, 200, 403, 200, 403, 403, 200, 403, 404]],
  ["attend", /*                   */ [403, 200, 403, 200, 403, 403, 200, 403, 404]],
  ["accept", /*                   */ [403, 200, 403, 200, 403, 403, 200, 200, 404]],
  ["reject", /*                   */ [403, 200, 403, 200, 403, 403, 200, 200, 404]],
  ["review", /*                   */ [403, 403, 403, 200, 403, 403, 200, 403, 404]],
  ["send_back", /*                */ [403, 403, 403, 200, 403, 403, 200, 403, 404]],
  ["close", /*                    */ [403, 403, 403, 403, 200, 403, 200, 403, 404]],
  ["cancel (new)", /*             */ [200, 403, 403, 403, 200, 403, 200, 403, 404]],
  ["cancel (assigned)", /*        */ [200, 403, 403, 403, 200, 403, 200, 403, 404]],
  ["time entry", /*               */ [403, 201, 403, 201, 403, 403, 201, 403, 404]],
  ["charge", /*                   */ [403, 201, 403, 201, 201, 201, 201, 403, 404]],
  ["message", /*                  */ [201, 201, 403, 201, 201, 201, 201, 201, 404]],
  ["internal note", /*            */ [201, 201, 403, 201, 201, 201, 201, 403, 404]],
  ["patch urgent", /*             */ [200, 403, 403, 403, 200, 403, 200, 403, 404]],
  ["patch serviceKind", /*        */ [200, 403, 403, 403, 200, 403, 200, 403, 404]],
  ["patch billingStatus", /*      */ [403, 403, 403, 403, 200, 403, 200, 403, 404]],
  ["patch billableMinutes", /*    */ [403, 403, 403, 200, 403, 403, 200, 403, 404]],
  ["read settings", /*            */ [200, 200, 200, 200, 200, 200, 200, 403, 403]],
  ["write calendar", /*           */ [403, 403, 403, 403, 403, 403, 200, 403, 403]],
  ["write SLA targets", /*        */ [403, 403, 403, 403, 403, 403, 200, 403, 403]],
  ["write category", /*           */ [403, 403, 403, 403, 403, 403, 200, 403, 403]],
  ["SLA calculator", /*           */ [200, 200, 200, 200, 200, 200, 200, 403, 403]],
];

describe.each(DATABASES)("roles × actions on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;
  let as: Record<Who, Caller>;
  let own: { clientId: string; contactId: string };
  let otherClientId: string;
  let spare: string; // a client no test depends on: contracts and credit terms go here
  const time = manualClock("2026-11-24T16:00:00Z"); // Tuesday 10:00 in Mexico City

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    staff = await seedStaff(t.app);
    const a = await createClientWithContact(staff, "Constructora Ñandú", "CÑA010203AB5", "ana@nandu.mx");
    const b = await createClientWithContact(staff, "Otra Empresa", "OEM020304CD9", "otro@otra.mx");
    spare = (await createClientWithContact(staff, "Cliente Libre", "CLI030405EF1", "libre@cli.mx")).client.id;
    own = { clientId: a.client.id, contactId: a.contact.id };
    otherClientId = b.client.id;
    // A contract makes the company's tickets `contract` kind, so reclassifying to `event` is always legal.
    const contract = await staff.leader.post("/api/contracts", {
      clientId: own.clientId,
      type: "SS",
      startsOn: "2026-01-01",
      monthlyFeeCents: 100000,
    });
    expect(contract.status).toBe(201);
    as = {
      ...staff,
      clientOwn: await clientUser(staff, a.client.id, "portal@nandu.mx"),
      clientOther: await clientUser(staff, b.client.id, "portal@otra.mx"),
    };
  });
  afterAll(async () => t?.close());

  const ok = (res: Res, status: number) => expect(res.status, JSON.stringify(res.body)).toBe(status);
  const go = (c: Caller, id: string, body: object) => c.post(`/api/tickets/${id}/transitions`, body);

  /** A new ticket of the own company, walked by the right people to `status`; assigned to `technician`. */
  async function ticketIn(status: Status): Promise<string> {
    const created = await staff.reception.post("/api/tickets", {
      clientId: own.clientId,
      contactId: own.contactId,
      title: "Falla de red",
      description: "No hay red",
      urgent: false,
      channel: "phone",
    });
    ok(created, 201);
    const id = created.body.id as string;
    const steps: [Status, () => Promise<Res>][] = [
      [
        "assigned",
        () => go(staff.reception, id, { action: "assign", assigneeId: staff.technician.user!.id }),
      ],
      ["in_progress", () => go(staff.technician, id, { action: "start" })],
      [
        "working",
        () =>
          staff.technician.post(`/api/tickets/${id}/time-entries`, {
            minutes: 30,
            mode: "remote",
            activity: "x",
          }),
      ],
      ["attended", () => go(staff.technician, id, { action: "attend" })],
      ["accepted", () => go(staff.technician, id, { action: "accept", signerName: "Ana Pérez" })],
      ["reviewed", () => go(staff.senior, id, { action: "review" })],
    ];
    for (const [reached, step] of steps) {
      if (status === "new") break;
      expect([200, 201]).toContain((await step()).status);
      if (reached === status) break;
    }
    return id;
  }

  const transition = (given: Status, to: string, body: object): Action => ({
    given,
    to,
    run: (c, env) => go(c, env.ticketId, body),
  });

  const ACTIONS: Record<string, Action> = {
    "create client": { run: (c, e) => c.post("/api/clients", { name: `Cliente nuevo ${e.seq}` }) },
    "create contact": {
      run: (c, e) => c.post("/api/contacts", { clientId: spare, name: `Contacto ${e.seq}` }),
    },
    "create contract": {
      run: (c) =>
        c.post("/api/contracts", { clientId: spare, type: "SH", startsOn: "2027-01-01", monthlyFeeCents: 1 }),
    },
    "request credit": {
      prepare: async (seq) =>
        (await staff.admin.post("/api/clients", { name: `Con crédito ${seq}` })).body.id,
      run: (c, e) =>
        c.post("/api/credit-requests", {
          clientId: e.prepared,
          creditDays: 30,
          creditLimitCents: 5_000_000,
          reason: "Cliente de años",
        }),
    },
    "approve credit": {
      prepare: async (seq) => {
        const client = await staff.admin.post("/api/clients", { name: `Aprobación ${seq}` });
        const body = {
          clientId: client.body.id,
          creditDays: 30,
          creditLimitCents: 5_000_000,
          reason: "Lo pidió",
        };
        return (await staff.reception.post("/api/credit-requests", body)).body.id;
      },
      run: (c, e) => c.post(`/api/credit-requests/${e.prepared}/approve`, { reason: "Buen historial" }),
    },
    "create user": {
      run: (c, e) =>
        c.post("/api/users", {
          email: `nuevo${e.seq}@encor.mx`,
          name: "Nuevo",
          password: "una-clave-larga",
          roles: ["technician"],
        }),
    },
    "create ticket": {
      run: (c) =>
        c.post("/api/tickets", {
          clientId: own.clientId,
          title: "Impresora",
          description: "",
          urgent: false,
          channel: "email", // a channel a client contact may name too
        }),
    },
    "list tickets": { run: (c) => c.get("/api/tickets") },
    "read ticket": { given: "assigned", run: (c, e) => c.get(`/api/tickets/${e.ticketId}`) },
    assign: {
      given: "new",
      to: "assigned",
      run: (c, e) => go(c, e.ticketId, { action: "assign", assigneeId: staff.technician.user!.id }),
    },
    start: transition("assigned", "in_progress", { action: "start" }),
    attend: transition("working", "attended", { action: "attend" }),
    accept: transition("attended", "attended", { action: "accept", signerName: "Ana Pérez" }),
    reject: transition("attended", "in_progress", { action: "reject", reason: "No quedó" }),
    review: transition("accepted", "reviewed", { action: "review" }),
    send_back: transition("reviewed", "in_progress", { action: "send_back", reason: "Faltan tiempos" }),
    close: transition("reviewed", "closed", { action: "close" }),
    "cancel (new)": transition("new", "cancelled", { action: "cancel", reason: "Duplicado" }),
    "cancel (assigned)": transition("assigned", "cancelled", { action: "cancel", reason: "Duplicado" }),
    "time entry": {
      given: "in_progress",
      run: (c, e) =>
        c.post(`/api/tickets/${e.ticketId}/time-entries`, {
          minutes: 15,
          mode: "remote",
          activity: "Diagnóstico",
        }),
    },
    charge: {
      given: "in_progress",
      run: (c, e) =>
        c.post(`/api/tickets/${e.ticketId}/charges`, {
          kind: "courier",
          description: "Envío",
          quantity: 1,
          unitPriceCents: 15000,
        }),
    },
    message: {
      given: "assigned",
      run: (c, e) => c.post(`/api/tickets/${e.ticketId}/messages`, { body: "Hola" }),
    },
    "internal note": {
      given: "assigned",
      run: (c, e) => c.post(`/api/tickets/${e.ticketId}/messages`, { body: "Nota", kind: "note" }),
    },
    "patch urgent": {
      given: "assigned",
      run: (c, e) => c.patch(`/api/tickets/${e.ticketId}`, { urgent: true }),
    },
    "patch serviceKind": {
      given: "assigned",
      run: (c, e) =>
        c.patch(`/api/tickets/${e.ticketId}`, { serviceKind: "event", reason: "Fuera de póliza" }),
    },
    "patch billingStatus": {
      given: "reviewed",
      run: (c, e) => c.patch(`/api/tickets/${e.ticketId}`, { billingStatus: "no_charge" }),
    },
    "patch billableMinutes": {
      given: "reviewed",
      run: (c, e) => c.patch(`/api/tickets/${e.ticketId}`, { billableMinutes: 15, reason: "Cortesía" }),
    },
    "read settings": { run: (c) => c.get("/api/settings/sla") },
    "write calendar": {
      run: async (c) =>
        c.put("/api/settings/calendar", (await staff.admin.get("/api/settings/calendar")).body),
    },
    "write SLA targets": {
      run: async (c) => c.put("/api/settings/sla", (await staff.admin.get("/api/settings/sla")).body),
    },
    "write category": {
      run: (c, e) => c.put(`/api/categories/rol-${e.seq}`, { name: "Prueba", estimateMinutes: 60 }),
    },
    "SLA calculator": { run: (c) => c.get("/api/sla/deadline?from=2026-11-27T16:30:00-06:00&minutes=60") },
  };

  const cases = TABLE.flatMap(([action, codes]) =>
    WHO.map((who, i) => ({ action, who, expected: codes[i]! })),
  );
  let seq = 0;

  // Refusals change nothing, so they share one ticket per status; each success gets a fresh ticket.
  const shared = new Map<Status, Promise<string>>();
  const ticketFor = (given: Status, refused: boolean) => {
    if (!refused) return ticketIn(given);
    if (!shared.has(given)) shared.set(given, ticketIn(given));
    return shared.get(given)!;
  };

  it.each(cases)("$action by $who → $expected", async ({ action, who, expected }) => {
    const a = ACTIONS[action]!;
    const refused = expected >= 400;
    const env: Env = { ticketId: a.given ? await ticketFor(a.given, refused) : "", seq: ++seq, prepared: "" };
    env.prepared = (await a.prepare?.(env.seq)) ?? "";
    const before = refused ? await snapshotDb(t.app) : null;
    const res = await a.run(as[who], env);
    ok(res, expected);
    if (before) {
      expect(res.body.error.code).toBe(expected === 404 ? "not_found" : "forbidden");
      expect(await snapshotDb(t.app)).toEqual(before);
    } else if (a.to) {
      expect((await staff.admin.get(`/api/tickets/${env.ticketId}`)).body.status).toBe(a.to);
    }
  });

  it("lists only the own company's tickets to a client, and only their own tickets to a technician", async () => {
    const theirs = await staff.reception.post("/api/tickets", {
      clientId: otherClientId,
      title: "Correo caído",
      description: "",
      urgent: true,
      channel: "email",
    });
    ok(
      await go(staff.reception, theirs.body.id, { action: "assign", assigneeId: staff.technician2.user!.id }),
      200,
    );
    const all = (await staff.admin.get("/api/tickets?limit=200")).body.items as {
      id: string;
      clientId: string;
      assigneeId: string | null;
    }[];
    const ids = (c: Caller) =>
      c.get("/api/tickets?limit=200").then((r) => r.body.items.map((i: { id: string }) => i.id).sort());
    const where = (f: (i: (typeof all)[number]) => boolean) =>
      all
        .filter(f)
        .map((i) => i.id)
        .sort();

    expect(await ids(as.clientOwn)).toEqual(where((i) => i.clientId === own.clientId));
    expect(await ids(as.clientOther)).toEqual([theirs.body.id]);
    expect(await ids(as.technician)).toEqual(where((i) => i.assigneeId === staff.technician.user!.id));
    expect(await ids(as.technician2)).toEqual([theirs.body.id]);
    expect(await ids(as.sales)).toEqual(where(() => true));
    // Asking for more than one may see is refused, not silently narrowed; another company is "missing".
    ok(await as.clientOwn.get(`/api/tickets?clientId=${otherClientId}`), 404);
    ok(await as.technician.get(`/api/tickets?assigneeId=${staff.technician2.user!.id}`), 403);
  });

  it("answers another company's ticket exactly like a ticket that does not exist", async () => {
    const id = await ticketIn("assigned");
    const theirs = await as.clientOther.get(`/api/tickets/${id}`);
    const missing = await as.clientOther.get("/api/tickets/no-existe");
    ok(theirs, 404);
    expect(theirs.body).toEqual(missing.body);
    const post = await as.clientOther.post(`/api/tickets/${id}/messages`, { body: "hola" });
    expect(post.body).toEqual(
      (await as.clientOther.post("/api/tickets/no-existe/messages", { body: "hola" })).body,
    );
  });

  it("never shows internal notes to the client, while staff see them", async () => {
    const id = await ticketIn("assigned");
    ok(
      await staff.technician.post(`/api/tickets/${id}/messages`, {
        body: "Clave del router: 1234",
        kind: "note",
      }),
      201,
    );
    time.advance(60_000);
    ok(await staff.reception.post(`/api/tickets/${id}/messages`, { body: "Vamos en camino" }), 201);
    time.advance(60_000);
    ok(await as.clientOwn.post(`/api/tickets/${id}/messages`, { body: "Gracias" }), 201);
    const bodies = async (c: Caller) =>
      ((await c.get(`/api/tickets/${id}`)).body.messages as { body: string }[]).map((m) => m.body);
    expect(await bodies(as.clientOwn)).toEqual(["Vamos en camino", "Gracias"]);
    expect(await bodies(staff.leader)).toEqual(["Clave del router: 1234", "Vamos en camino", "Gracias"]);
    expect(JSON.stringify((await as.clientOwn.get(`/api/tickets/${id}`)).body)).not.toContain("1234");
  });
});
