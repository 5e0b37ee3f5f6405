import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../client.js";
import { clientUser, createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { type BadCase, expectRefusedWithoutTrace } from "../refusal.js";

// Bad input on the work of a ticket: time, charges, transitions, edits and settings.
// Every refusal is a 4xx with a stable code and leaves the database exactly as it was.
type Body = Record<string, unknown>;
type Lazy = Body | (() => Body);
const val = (b: Lazy): Body => (typeof b === "function" ? b() : b);
const V = "validation_failed";

describe.each(DATABASES)("bad input on ticket work and settings on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  let other = { clientId: "", contactId: "" };
  let portalUserId = "";
  // fresh: new; working: in progress with time; attended: attended, not accepted; idle: in progress, no time.
  const tk = { fresh: "", working: "", attended: "", idle: "" };
  const time = manualClock("2026-11-24T16:00:00Z");

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    const a = await createClientWithContact(s, "Constructora Ñandú", "CÑA010203AB5", "ana@nandu.mx");
    const b = await createClientWithContact(s, "Otra Empresa", "OEM020304CD9", "otro@otra.mx");
    other = { clientId: b.client.id, contactId: b.contact.id };
    portalUserId = (await clientUser(s, a.client.id, "portal@nandu.mx")).user!.id;
    const newTicket = async () => {
      const body = {
        clientId: a.client.id,
        title: "Sin red",
        description: "",
        urgent: false,
        channel: "phone",
      };
      return (await s.reception.post("/api/tickets", body)).body.id as string;
    };
    const move = (c: Caller, id: string, body: Body) => c.post(`/api/tickets/${id}/transitions`, body);
    tk.fresh = await newTicket();
    for (const key of ["working", "attended", "idle"] as const) {
      tk[key] = await newTicket();
      await move(s.reception, tk[key], { action: "assign", assigneeId: s.technician.user!.id });
      expect((await move(s.technician, tk[key], { action: "start" })).status).toBe(200);
    }
    for (const id of [tk.working, tk.attended]) {
      const e = { minutes: 30, mode: "remote", activity: "Diagnóstico" };
      expect((await s.technician.post(`/api/tickets/${id}/time-entries`, e)).status).toBe(201);
    }
    expect((await move(s.technician, tk.attended, { action: "attend" })).body.status).toBe("attended");
  });
  afterAll(async () => t?.close());

  const entry =
    (body: Body, id = () => tk.working, who = () => s.technician) =>
    () =>
      who().post(`/api/tickets/${id()}/time-entries`, { mode: "remote", activity: "Diagnóstico", ...body });
  const charge = (body: Body) => () =>
    s.technician.post(`/api/tickets/${tk.working}/charges`, {
      kind: "courier",
      description: "Envío",
      quantity: 1,
      unitPriceCents: 100,
      ...body,
    });
  const move = (who: () => Caller, id: () => string, body: Lazy) => () =>
    who().post(`/api/tickets/${id()}/transitions`, val(body));
  const edit = (who: () => Caller, id: () => string, body: Lazy) => () =>
    who().patch(`/api/tickets/${id()}`, val(body));
  const put = (url: string, change: (current: Body) => Body) => async () =>
    s.admin.put(url, change((await s.admin.get(url)).body));
  const range = (from: string, to: string) => ({
    startedAt: `2026-11-24T${from}-06:00`,
    endedAt: `2026-11-24T${to}-06:00`,
  });
  const noHours = { 1: [], 2: [], 3: [], 4: [], 5: [], 6: [], 7: [] };

  const rec = () => s.reception;
  const sen = () => s.senior;
  const { fresh, working, attended, idle } = {
    fresh: () => tk.fresh,
    working: () => tk.working,
    attended: () => tk.attended,
    idle: () => tk.idle,
  };

  const cases: BadCase[] = [
    ["time: negative minutes", 400, V, entry({ minutes: -5 })],
    ["time: fractional minutes", 400, V, entry({ minutes: 10.5 })],
    ["time: zero minutes", 400, V, entry({ minutes: 0 })],
    ["time: more than a day", 400, V, entry({ minutes: 24 * 60 + 1 })],
    ["time: minutes as a string", 400, V, entry({ minutes: "30" })],
    ["time: neither minutes nor range", 400, V, entry({})],
    ["time: minutes and a range together", 400, V, entry({ minutes: 5, ...range("09:00:00", "09:30:00") })],
    ["time: range ending before it starts", 400, V, entry(range("09:30:00", "09:00:00"))],
    ["time: range ending in the future", 400, V, entry(range("09:00:00", "18:00:00"))],
    [
      "time: range on a day before the ticket was received",
      400,
      V,
      entry({ startedAt: "2026-11-20T09:00:00-06:00", endedAt: "2026-11-20T10:00:00-06:00" }),
    ],
    [
      "time: range start on 31 Nov",
      400,
      V,
      entry({ startedAt: "2026-11-31T09:00:00Z", endedAt: "2026-11-24T09:00:00Z" }),
    ],
    ["time: unknown attention mode", 400, V, entry({ minutes: 5, mode: "telepatía" })],
    ["time: blank activity", 400, V, entry({ minutes: 5, activity: "  " })],
    [
      "time: user that does not exist",
      404,
      "not_found",
      entry({ minutes: 5, userId: "no-existe" }, working, sen),
    ],
    [
      "time: on behalf of a client's portal user (not staff)",
      404,
      "not_found",
      () =>
        s.senior.post(`/api/tickets/${tk.working}/time-entries`, {
          mode: "remote",
          activity: "Diagnóstico",
          minutes: 5,
          userId: portalUserId,
        }),
    ],
    ["time: ticket not started", 409, "invalid_transition", entry({ minutes: 5 }, fresh, sen)],
    ["time: ticket that does not exist", 404, "not_found", entry({ minutes: 5 }, () => "no-existe")],
    ["charge: money as a float", 400, V, charge({ unitPriceCents: 10.5 })],
    ["charge: money as a string", 400, V, charge({ unitPriceCents: "100" })],
    ["charge: negative money", 400, V, charge({ unitPriceCents: -100 })],
    ["charge: zero quantity", 400, V, charge({ quantity: 0 })],
    ["charge: fractional quantity", 400, V, charge({ quantity: 1.5 })],
    ["charge: unknown kind", 400, V, charge({ kind: "pizza" })],
    [
      "charge: amount beyond safe integers",
      400,
      V,
      charge({ quantity: 100_000, unitPriceCents: 100_000_000_000 }),
    ],
    ["start a new ticket", 409, "invalid_transition", move(sen, fresh, { action: "start" })],
    [
      "close a ticket in progress",
      409,
      "invalid_transition",
      move(() => s.leader, working, { action: "close" }),
    ],
    ["review a ticket in progress", 409, "invalid_transition", move(sen, working, { action: "review" })],
    [
      "accept a ticket in progress",
      409,
      "invalid_transition",
      move(sen, working, { action: "accept", signerName: "A" }),
    ],
    [
      "cancel a ticket in progress",
      409,
      "invalid_transition",
      move(rec, working, { action: "cancel", reason: "x" }),
    ],
    ["attend an attended ticket", 409, "invalid_transition", move(sen, attended, { action: "attend" })],
    ["unknown action", 400, V, move(rec, fresh, { action: "teleport" })],
    [
      "reject without reason",
      422,
      "reason_required",
      move(() => s.technician, attended, { action: "reject" }),
    ],
    ["send back without reason", 422, "reason_required", move(sen, attended, { action: "send_back" })],
    ["cancel without reason", 422, "reason_required", move(rec, fresh, { action: "cancel" })],
    [
      "cancel with a blank reason",
      422,
      "reason_required",
      move(rec, fresh, { action: "cancel", reason: "   " }),
    ],
    ["accept on site without signer", 422, "precondition_failed", move(sen, attended, { action: "accept" })],
    [
      "review without acceptance or reason",
      422,
      "precondition_failed",
      move(sen, attended, { action: "review" }),
    ],
    ["assign without assignee", 422, "precondition_failed", move(rec, fresh, { action: "assign" })],
    ["assign to nobody", 404, "not_found", move(rec, fresh, { action: "assign", assigneeId: "no-existe" })],
    [
      "assign to a ticket's id",
      404,
      "not_found",
      move(rec, fresh, () => ({ action: "assign", assigneeId: tk.working })),
    ],
    [
      "assign to a portal user",
      400,
      V,
      move(rec, fresh, () => ({ action: "assign", assigneeId: portalUserId })),
    ],
    [
      "assign to a sales user",
      400,
      V,
      move(rec, fresh, () => ({ action: "assign", assigneeId: s.sales.user!.id })),
    ],
    [
      "attend without time entries",
      422,
      "precondition_failed",
      move(() => s.technician, idle, { action: "attend" }),
    ],
    [
      "a stale expectedVersion",
      409,
      "conflict",
      move(rec, fresh, () => ({ action: "assign", assigneeId: s.technician.user!.id, expectedVersion: 99 })),
    ],
    [
      "transition on a ticket that does not exist",
      404,
      "not_found",
      move(rec, () => "no-existe", { action: "cancel", reason: "x" }),
    ],
    [
      "edit: reclassify without reason",
      422,
      "reason_required",
      edit(rec, fresh, { serviceKind: "contract" }),
    ],
    [
      "edit: contract kind without a contract",
      422,
      "precondition_failed",
      edit(rec, fresh, { serviceKind: "contract", reason: "x" }),
    ],
    [
      "edit: billable minutes before review",
      422,
      "precondition_failed",
      edit(sen, attended, { billableMinutes: 60, reason: "x" }),
    ],
    ["edit: negative billable minutes", 400, V, edit(sen, attended, { billableMinutes: -1, reason: "x" })],
    ["edit: fractional billable minutes", 400, V, edit(sen, attended, { billableMinutes: 1.5, reason: "x" })],
    ["edit: contact of another client", 400, V, edit(rec, fresh, () => ({ contactId: other.contactId }))],
    ["edit: contact that does not exist", 404, "not_found", edit(rec, fresh, { contactId: "no-existe" })],
    ["edit: unknown billing status", 400, V, edit(() => s.leader, fresh, { billingStatus: "regalado" })],
    ["edit: unknown field", 400, V, edit(rec, fresh, { status: "closed" })],
    ["edit: empty title", 400, V, edit(rec, fresh, { title: "" })],
    [
      "settings: unknown time zone",
      400,
      V,
      put("/api/settings/calendar", (c) => ({ ...c, timeZone: "Marte/Olympus" })),
    ],
    [
      "settings: no business hours at all",
      400,
      V,
      put("/api/settings/calendar", (c) => ({ ...c, weeklyHours: noHours })),
    ],
    [
      "settings: closing before opening",
      400,
      V,
      put("/api/settings/calendar", (c) => ({
        ...c,
        weeklyHours: { ...(c.weeklyHours as Body), 1: [{ start: "17:00", end: "09:00" }] },
      })),
    ],
    [
      "settings: closure on 30 Feb",
      400,
      V,
      put("/api/settings/calendar", (c) => ({ ...c, closures: [{ date: "2027-02-30", reason: "x" }] })),
    ],
    [
      "settings: SLA target of 0 minutes",
      400,
      V,
      put("/api/settings/sla", (c) => ({ ...c, targets: { ...(c.targets as Body), contractNormal: 0 } })),
    ],
    [
      "settings: SLA target as a float",
      400,
      V,
      put("/api/settings/sla", (c) => ({ ...c, targets: { ...(c.targets as Body), eventUrgent: 240.5 } })),
    ],
    [
      "settings: category code with spaces",
      400,
      V,
      () => s.admin.put("/api/categories/no%20vale", { name: "X", estimateMinutes: 60 }),
    ],
    [
      "settings: category estimate negative",
      400,
      V,
      () => s.admin.put("/api/categories/nueva", { name: "X", estimateMinutes: -60 }),
    ],
  ];

  it.each(cases)("%s → %i %s, nothing stored", async (...c) => expectRefusedWithoutTrace(t, c));

  it("afterwards the tickets are where they were, with only their setup history", async () => {
    const status = async (id: string) => (await s.admin.get(`/api/tickets/${id}`)).body;
    expect((await status(tk.fresh)).status).toBe("new");
    expect((await status(tk.working)).rawMinutes).toBe(30);
    expect((await status(tk.attended)).history.map((h: { action: string }) => h.action)).toEqual([
      "create",
      "assign",
      "start",
      "time_entry",
      "attend",
    ]);
  });
});
