import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../client.js";
import { clientUser, createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { type BadCase, expectRefusedWithoutTrace } from "../refusal.js";

// A senior sends a ticket back; the technician fixes the time and charges he typed wrong: corrected
// or removed with the version he saw, the ticket's minutes follow, the history says what it was.
type Body = Record<string, unknown>;

describe.each(DATABASES)("corrections of time entries and charges on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  let clientId = "";
  let stranger: Caller;
  const time = manualClock("2026-11-24T16:00:00Z");

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    clientId = (await createClientWithContact(s, "Constructora Ñandú", "CÑA010203AB5", "ana@nandu.mx")).client
      .id;
    const other = await createClientWithContact(s, "Otra Empresa", "OEM020304CD9", "otro@otra.mx");
    stranger = await clientUser(s, other.client.id, "portal@otra.mx");
  });
  afterAll(async () => t?.close());

  const move = async (c: Caller, id: string, body: Body) => {
    const r = await c.post(`/api/tickets/${id}/transitions`, body);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  };
  /** A ticket in progress with the technician, with `minutes` logged by him. */
  async function working(minutes = 30) {
    const body = { clientId, title: "Sin red", description: "", urgent: false, channel: "phone" };
    const id = (await s.reception.post("/api/tickets", body)).body.id as string;
    await move(s.reception, id, { action: "assign", assigneeId: s.technician.user!.id });
    await move(s.technician, id, { action: "start" });
    const entry = await s.technician.post(`/api/tickets/${id}/time-entries`, {
      minutes,
      mode: "remote",
      activity: "Diagnóstico",
    });
    expect(entry.status).toBe(201);
    return { id, entry: entry.body as { id: string; version: number } };
  }
  const ticket = async (id: string) => (await s.senior.get(`/api/tickets/${id}`)).body;
  const del = (c: Caller, url: string) => c.req("DELETE", url);

  it("a technician sent back corrects his minutes: the ticket's time follows and the history keeps both", async () => {
    const { id, entry } = await working(30);
    await move(s.technician, id, { action: "attend" });
    await move(s.senior, id, { action: "send_back", reason: "Faltó el traslado" });
    const url = `/api/tickets/${id}/time-entries/${entry.id}`;
    const fixed = await s.technician.patch(url, {
      minutes: 45,
      mode: "onsite",
      activity: "Diagnóstico y traslado",
      version: entry.version,
    });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect(fixed.body).toMatchObject({
      id: entry.id,
      minutes: 45,
      mode: "onsite",
      version: entry.version + 1,
    });
    const now = await ticket(id);
    expect(now.rawMinutes).toBe(45);
    expect(now.timeEntries).toEqual([
      expect.objectContaining({ minutes: 45, activity: "Diagnóstico y traslado" }),
    ]);
    const line = now.history.find((h: { action: string }) => h.action === "time_entry_edited");
    expect(line.actorId).toBe(s.technician.user!.id);
    expect(line.changes.before).toMatchObject({ minutes: 30, mode: "remote" });
    expect(line.changes.after).toMatchObject({ minutes: 45, mode: "onsite" });

    // The same correction sent again with the old version is refused with the entry as it is now.
    const stale = await s.technician.patch(url, {
      minutes: 50,
      mode: "onsite",
      activity: "x",
      version: entry.version,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({ minutes: 45, version: entry.version + 1 });
    expect((await ticket(id)).rawMinutes).toBe(45);
  });

  it("removes an entry with its version; an attended ticket keeps its last one", async () => {
    const { id, entry } = await working(30);
    const second = await s.technician.post(`/api/tickets/${id}/time-entries`, {
      minutes: 20,
      mode: "phone",
      activity: "Llamada duplicada",
    });
    expect((await ticket(id)).rawMinutes).toBe(50);
    const gone = await del(s.technician, `/api/tickets/${id}/time-entries/${second.body.id}?version=1`);
    expect(gone.status).toBe(204);
    const now = await ticket(id);
    expect(now.rawMinutes).toBe(30);
    expect(now.timeEntries.map((e: { id: string }) => e.id)).toEqual([entry.id]);
    expect(
      now.history.find((h: { action: string }) => h.action === "time_entry_deleted").changes.before,
    ).toMatchObject({
      minutes: 20,
      activity: "Llamada duplicada",
    });
    await move(s.technician, id, { action: "attend" });
    await expectRefusedWithoutTrace(t, [
      "last entry of an attended ticket",
      422,
      "precondition_failed",
      () => del(s.technician, `/api/tickets/${id}/time-entries/${entry.id}?version=1`),
    ]);
  });

  it("a senior corrects anyone's entry; a technician only his own, and only while the time is open", async () => {
    const { id, entry } = await working(30);
    const onBehalf = await s.senior.post(`/api/tickets/${id}/time-entries`, {
      minutes: 15,
      mode: "onsite",
      activity: "Apoyo",
      userId: s.technician2.user!.id,
    });
    const url = (e: string) => `/api/tickets/${id}/time-entries/${e}`;
    const body = { minutes: 10, mode: "onsite", activity: "Apoyo breve", version: 1 };
    await expectRefusedWithoutTrace(t, [
      "another technician's entry",
      403,
      "forbidden",
      () => s.technician.patch(url(onBehalf.body.id), body),
    ]);
    await expectRefusedWithoutTrace(t, [
      "not working the ticket",
      403,
      "forbidden",
      () => s.technician2.patch(url(entry.id), body),
    ]);
    expect((await s.senior.patch(url(onBehalf.body.id), body)).status).toBe(200);
    expect((await ticket(id)).rawMinutes).toBe(40);

    await move(s.technician, id, { action: "attend" });
    await move(s.technician, id, { action: "accept", signerName: "Ana" });
    await move(s.senior, id, { action: "review" });
    await expectRefusedWithoutTrace(t, [
      "after review",
      409,
      "invalid_transition",
      () => s.senior.patch(url(entry.id), { ...body, version: 1 }),
    ]);
  });

  it("corrects and removes charges until the review, within one invoice line", async () => {
    const { id } = await working();
    const added = await s.technician.post(`/api/tickets/${id}/charges`, {
      kind: "consumable",
      description: "Cable de 3 m",
      quantity: 1,
      unitPriceCents: 25_000,
    });
    const url = `/api/tickets/${id}/charges/${added.body.id}`;
    const fixed = await s.technician.patch(url, {
      kind: "consumable",
      description: "Cable de 5 m",
      quantity: 2,
      unitPriceCents: 30_000,
      version: 1,
    });
    expect(fixed.status, JSON.stringify(fixed.body)).toBe(200);
    expect(fixed.body).toMatchObject({ description: "Cable de 5 m", amountCents: 60_000, version: 2 });
    expect((await ticket(id)).chargesTotalCents).toBe(60_000);
    // Another charge fills the invoice line to the peso: the corrected one may not grow past it.
    const big = await s.leader.post(`/api/tickets/${id}/charges`, {
      kind: "spare_part",
      description: "Servidor",
      quantity: 1,
      unitPriceCents: 100_000_000_000 - 60_000,
    });
    expect(big.status).toBe(201);
    await expectRefusedWithoutTrace(t, [
      "over one invoice line",
      409,
      "conflict",
      () =>
        s.technician.patch(url, {
          kind: "consumable",
          description: "Cable de 5 m",
          quantity: 2,
          unitPriceCents: 30_001,
          version: 2,
        }),
    ]);
    expect((await del(s.leader, `/api/tickets/${id}/charges/${big.body.id}?version=1`)).status).toBe(204);
    await expectRefusedWithoutTrace(t, [
      "stale removal",
      409,
      "conflict",
      () => del(s.technician, `${url}?version=1`),
    ]);
    expect((await del(s.leader, `${url}?version=2`)).status).toBe(204);
    const now = await ticket(id);
    expect(now.charges).toEqual([]);
    expect(now.chargesTotalCents).toBe(0);
    expect(now.history.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(["charge_edited", "charge_deleted"]),
    );
    // The history says how many at what price, before and after: «1 × $250 → 2 × $300».
    type Line = { action: string; changes: Record<string, unknown> };
    const line = (action: string) => now.history.find((h: Line) => h.action === action)?.changes;
    expect(line("charge")).toMatchObject({ quantity: 1, unitPriceCents: 25_000, amountCents: 25_000 });
    expect(line("charge_edited")).toMatchObject({
      before: { quantity: 1, unitPriceCents: 25_000, amountCents: 25_000, description: "Cable de 3 m" },
      after: { quantity: 2, unitPriceCents: 30_000, amountCents: 60_000, description: "Cable de 5 m" },
    });

    // The review freezes what the ticket bills (the monthly run bills a reviewed ticket's charges).
    const kept = await s.technician.post(`/api/tickets/${id}/charges`, {
      kind: "courier",
      description: "Mensajería",
      quantity: 1,
      unitPriceCents: 9_000,
    });
    await move(s.technician, id, { action: "attend" });
    await move(s.technician, id, { action: "accept", signerName: "Ana" });
    await move(s.senior, id, { action: "review" });
    const keptUrl = `/api/tickets/${id}/charges/${kept.body.id}`;
    const body = { kind: "courier", description: "Mensajería", quantity: 1, unitPriceCents: 1, version: 1 };
    await expectRefusedWithoutTrace(t, [
      "edit after review",
      409,
      "invalid_transition",
      () => s.leader.patch(keptUrl, body),
    ]);
    await expectRefusedWithoutTrace(t, [
      "removal after review",
      409,
      "invalid_transition",
      () => del(s.leader, `${keptUrl}?version=1`),
    ]);
  });

  it("a change to accepted work voids the client's acceptance, which must be given again", async () => {
    const { id, entry } = await working(30);
    await move(s.technician, id, { action: "attend" });
    await move(s.technician, id, { action: "accept", signerName: "Ana Martínez" });
    expect((await ticket(id)).acceptance).toMatchObject({ signerName: "Ana Martínez" });
    const url = `/api/tickets/${id}/time-entries/${entry.id}`;
    const inflated = { minutes: 1440, mode: "onsite", activity: "Diagnóstico", version: entry.version };
    expect((await s.technician.patch(url, inflated)).status).toBe(200);
    const after = await ticket(id);
    expect(after.acceptance).toBeNull();
    expect(after.status).toBe("attended");
    const voided = after.history.filter((h: { action: string }) => h.action === "acceptance_voided");
    expect(voided).toHaveLength(1);
    // The service order no longer reads as accepted (its PDF neither): it waits for a new decision.
    const order = await s.senior.get(`/api/service-orders/${id}`);
    expect(order.status).toBe(200);
    expect(order.body.decision).toBeNull();
    expect(voided[0]).toMatchObject({
      actorId: s.technician.user!.id,
      changes: { signerName: "Ana Martínez" },
    });
    // The senior now approves only with a reason, or after the client accepts the new figures.
    const bare = await s.senior.post(`/api/tickets/${id}/transitions`, { action: "review" });
    expect(bare.status).toBe(422);
    await move(s.technician, id, { action: "accept", signerName: "Ana Martínez" });
    // A charge added after that second acceptance voids it too.
    const charge = await s.technician.post(`/api/tickets/${id}/charges`, {
      kind: "courier",
      description: "Mensajería",
      quantity: 1,
      unitPriceCents: 9_000,
    });
    expect(charge.status).toBe(201);
    expect((await ticket(id)).acceptance).toBeNull();
    // Past the review the acceptance is part of what was reviewed: a leader's later charge keeps it.
    await move(s.technician, id, { action: "accept", signerName: "Ana Martínez" });
    await move(s.senior, id, { action: "review" });
    const late = await s.leader.post(`/api/tickets/${id}/charges`, {
      kind: "courier",
      description: "Mensajería de regreso",
      quantity: 1,
      unitPriceCents: 9_000,
    });
    expect(late.status).toBe(201);
    const reviewed = await ticket(id);
    expect(reviewed.acceptance).toMatchObject({ signerName: "Ana Martínez" });
    expect(reviewed.history.filter((h: { action: string }) => h.action === "acceptance_voided")).toHaveLength(
      2,
    );
  });

  it("refuses bad corrections with a clear error and changes nothing", async () => {
    const { id, entry } = await working();
    const charge = await s.technician.post(`/api/tickets/${id}/charges`, {
      kind: "courier",
      description: "Envío",
      quantity: 1,
      unitPriceCents: 10_000,
    });
    const e = `/api/tickets/${id}/time-entries/${entry.id}`;
    const c = `/api/tickets/${id}/charges/${charge.body.id}`;
    const ok = { minutes: 10, mode: "remote", activity: "x", version: 1 };
    const V = "validation_failed";
    const cases: BadCase[] = [
      ["no version", 400, V, () => s.technician.patch(e, { minutes: 10, mode: "remote", activity: "x" })],
      ["version as text", 400, V, () => s.technician.patch(e, { ...ok, version: "1" })],
      ["minutes and span", 400, V, () => s.technician.patch(e, { ...ok, startedAt: "2026-11-24T15:00:00Z" })],
      [
        "end before start",
        400,
        V,
        () =>
          s.technician.patch(e, {
            mode: "remote",
            activity: "x",
            version: 1,
            startedAt: "2026-11-24T15:00:00Z",
            endedAt: "2026-11-24T14:00:00Z",
          }),
      ],
      ["huge activity", 400, V, () => s.technician.patch(e, { ...ok, activity: "x".repeat(5001) })],
      ["unknown field", 400, V, () => s.technician.patch(e, { ...ok, userId: s.technician2.user!.id })],
      ["removal without version", 400, V, () => del(s.technician, e)],
      ["removal with a bad version", 400, V, () => del(s.technician, `${e}?version=dos`)],
      [
        "missing entry",
        404,
        "not_found",
        () => s.technician.patch(`/api/tickets/${id}/time-entries/nope`, ok),
      ],
      [
        "entry under another ticket",
        404,
        "not_found",
        async () => {
          const other = await working();
          return s.technician.patch(`/api/tickets/${other.id}/time-entries/${entry.id}`, ok);
        },
      ],
      ["another company's contact", 404, "not_found", () => stranger.patch(e, ok)],
      [
        "negative quantity",
        400,
        V,
        () =>
          s.technician.patch(c, {
            kind: "courier",
            description: "Envío",
            quantity: -1,
            unitPriceCents: 1,
            version: 1,
          }),
      ],
      [
        "charge kind unknown",
        400,
        V,
        () =>
          s.technician.patch(c, {
            kind: "regalo",
            description: "Envío",
            quantity: 1,
            unitPriceCents: 1,
            version: 1,
          }),
      ],
      [
        "missing charge",
        404,
        "not_found",
        () => del(s.technician, `/api/tickets/${id}/charges/nope?version=1`),
      ],
    ];
    for (const bad of cases) {
      // "entry under another ticket" creates a ticket first: its refusal is checked on its own below.
      if (bad[0] === "entry under another ticket") continue;
      await expectRefusedWithoutTrace(t, bad);
    }
    const under = await cases.find((x) => x[0] === "entry under another ticket")![3]();
    expect(under.status).toBe(404);
  });
});
