import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";

describe.each(DATABASES)("SLA and business calendar through the API on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;
  const time = manualClock("2026-11-24T16:00:00Z"); // Tuesday 10:00 local
  let clientId: string;

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    staff = await seedStaff(t.app);
    clientId = (await createClientWithContact(staff, "Agencia Aduanal", "AAD060606AB0", "x@aad.mx")).client
      .id;
  });
  afterAll(async () => t?.close());

  it.each([
    ["from without offset", "from=2026-11-27T16:30:00&minutes=60"],
    ["from not a date", "from=mañana&minutes=60"],
    ["impossible date", "from=2026-02-30T10:00:00Z&minutes=60"],
    ["negative minutes", "from=2026-11-27T16:30:00Z&minutes=-5"],
    ["fractional minutes", "from=2026-11-27T16:30:00Z&minutes=1.5"],
    ["more than ten years of business time", "from=2026-11-27T16:30:00Z&minutes=99999999"],
    ["missing minutes", "from=2026-11-27T16:30:00Z"],
  ])("the calculator refuses %s with a 400", async (_name, query) => {
    const res = await staff.reception.get(`/api/sla/deadline?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("validation_failed");
  });

  it("explains a deadline across a holiday: Friday 13 Nov 16:30 + 1 h skips the weekend and Revolution Day", async () => {
    const res = await staff.reception.get("/api/sla/deadline?from=2026-11-13T16:30:00-06:00&minutes=60");
    expect(res.body.dueAt).toBe("2026-11-17T15:30:00.000Z");
    expect(res.body.intervals).toEqual([
      { start: "2026-11-13T22:30:00.000Z", end: "2026-11-13T23:00:00.000Z", minutes: 30 },
      { start: "2026-11-17T15:00:00.000Z", end: "2026-11-17T15:30:00.000Z", minutes: 30 },
    ]);
    expect(res.body.skipped.map((s: { date: string; kind: string }) => `${s.date} ${s.kind}`)).toEqual([
      "2026-11-14 weekend",
      "2026-11-15 weekend",
      "2026-11-16 holiday",
    ]);
  });

  it("says why a day is closed as data (weekday, holiday key) and in the reader's words", async () => {
    const ask = () => staff.reception.get("/api/sla/deadline?from=2026-11-13T16:30:00-06:00&minutes=60");
    expect((await ask()).body.skipped).toEqual([
      { date: "2026-11-14", kind: "weekend", weekday: 6, reason: "Sábado" },
      { date: "2026-11-15", kind: "weekend", weekday: 7, reason: "Domingo" },
      { date: "2026-11-16", kind: "holiday", holiday: "revolution_day", reason: "Día de la Revolución" },
    ]);
    await staff.reception.patch("/api/auth/me", { locale: "en" });
    try {
      expect((await ask()).body.skipped.map((s: { reason: string }) => s.reason)).toEqual([
        "Saturday",
        "Sunday",
        "Revolution Day",
      ]);
      const cal = (await staff.admin.get("/api/settings/calendar")).body;
      const closed = await staff.admin.put("/api/settings/calendar", {
        ...cal,
        weeklyHours: { ...cal.weeklyHours, 3: [] },
        closures: [{ date: "2026-11-19", reason: "Inventario" }],
      });
      expect(closed.status).toBe(200);
      const nov = (await staff.reception.get("/api/calendar/closed-days?year=2026&month=11")).body.items;
      expect(nov.find((d: { date: string }) => d.date === "2026-11-18")).toEqual({
        date: "2026-11-18",
        kind: "closed_day",
        weekday: 3,
        reason: "Wednesday without opening hours",
      });
      // What the admin typed stays as typed, whoever reads it.
      expect(nov.find((d: { date: string }) => d.date === "2026-11-19")).toEqual({
        date: "2026-11-19",
        kind: "closure",
        reason: "Inventario",
      });
      const back = await staff.admin.put("/api/settings/calendar", { ...cal, version: closed.body.version });
      expect(back.status).toBe(200);
    } finally {
      await staff.reception.patch("/api/auth/me", { locale: "es-MX" });
    }
  });

  it.each([
    [
      "overlapping ranges",
      {
        1: [
          { start: "09:00", end: "13:00" },
          { start: "12:00", end: "17:00" },
        ],
      },
      [],
    ],
    ["inverted range", { 1: [{ start: "17:00", end: "09:00" }] }, []],
    ["a week with no open hours", { 1: [], 2: [], 3: [], 4: [], 5: [] }, []],
    [
      "a closure that ends before it starts",
      {},
      [{ date: "2026-12-24", from: "15:00", to: "13:00", reason: "Posada" }],
    ],
  ])("an admin saving a calendar with %s gets a 400 and nothing changes", async (_name, days, closures) => {
    const before = (await staff.admin.get("/api/settings/calendar")).body;
    const res = await staff.admin.put("/api/settings/calendar", {
      ...before,
      weeklyHours: { ...before.weeklyHours, ...days },
      closures,
    });
    expect(res.status).toBe(400);
    expect((await staff.admin.get("/api/settings/calendar")).body).toEqual(before);
  });

  it("shows closed days of a month, and a partial closure moves deadlines", async () => {
    const nov = await staff.admin.get("/api/calendar/closed-days?year=2026&month=11");
    expect(nov.body.items.find((d: { date: string }) => d.date === "2026-11-16")).toMatchObject({
      kind: "holiday",
    });
    const cal = (await staff.admin.get("/api/settings/calendar")).body;
    const saved = await staff.admin.put("/api/settings/calendar", {
      ...cal,
      closures: [{ date: "2026-12-24", from: "13:00", reason: "Nochebuena" }],
    });
    expect(saved.status).toBe(200);
    // Thursday 24 Dec 12:30 + 1 h: 30 min before the early closing, then Monday 28 Dec (25 Dec is Christmas).
    const res = await staff.reception.get("/api/sla/deadline?from=2026-12-24T12:30:00-06:00&minutes=60");
    expect(res.body.dueAt).toBe("2026-12-28T15:30:00.000Z");
    await staff.admin.put("/api/settings/calendar", cal);
  });

  it("recomputes the response deadline when urgency changes, and records it", async () => {
    const created = await staff.reception.post("/api/tickets", {
      clientId,
      title: "Correo lento",
      description: "",
      urgent: false,
      channel: "phone",
      category: "soporte",
    });
    expect(created.body.responseDueAt).toBe("2026-11-25T16:00:00.000Z"); // event, 8 h
    // Default estimate of "soporte" is 8 business hours.
    expect(created.body.estimatedSolutionAt).toBe("2026-11-25T16:00:00.000Z");
    const urgent = await staff.reception.patch(`/api/tickets/${created.body.id}`, { urgent: true });
    expect(urgent.status).toBe(200);
    expect(urgent.body.responseDueAt).toBe("2026-11-24T20:00:00.000Z"); // event urgent, 4 h
    const detail = await staff.reception.get(`/api/tickets/${created.body.id}`);
    expect(detail.body.history.at(-1)).toMatchObject({ action: "update" });
    expect(detail.body.history.at(-1).changes.response_due_at.to).toBe("2026-11-24T20:00:00.000Z");
    expect((await staff.technician.patch(`/api/tickets/${created.body.id}`, { urgent: false })).status).toBe(
      403,
    );
    const noReason = await staff.reception.patch(`/api/tickets/${created.body.id}`, {
      serviceKind: "contract",
    });
    expect(noReason.status).toBe(422);
  });

  it("flags a breach once the deadline passes without response", async () => {
    const created = await staff.reception.post("/api/tickets", {
      clientId,
      title: "Sin impresión",
      description: "",
      urgent: true,
      channel: "phone",
    });
    expect(created.body).toMatchObject({ responseBreached: false, slaState: "ok", businessMinutesLeft: 240 });
    time.set("2026-11-24T20:30:00Z");
    const late = await staff.reception.get(`/api/tickets/${created.body.id}`);
    expect(late.body).toMatchObject({
      responseBreached: true,
      slaState: "breached",
      businessMinutesLeft: -30,
    });
    time.set("2026-11-24T16:00:00Z");
  });

  it("a ticket cancelled before its deadline never counts as breached", async () => {
    const created = await staff.reception.post("/api/tickets", {
      clientId,
      title: "Duplicado del anterior",
      description: "",
      urgent: true,
      channel: "phone",
    });
    const cancelled = await staff.reception.post(`/api/tickets/${created.body.id}/transitions`, {
      action: "cancel",
      reason: "El cliente lo reportó dos veces",
    });
    expect(cancelled.body.status).toBe("cancelled");
    time.set("2026-11-26T16:00:00Z");
    const later = await staff.reception.get(`/api/tickets/${created.body.id}`);
    expect(later.body.responseBreached).toBe(false);
    const breached = await staff.reception.get("/api/tickets?breached=true&limit=200");
    expect(breached.body.items.map((i: { id: string }) => i.id)).not.toContain(created.body.id);
    time.set("2026-11-24T16:00:00Z");
  });

  it("previews billable time before review, freezes it at review, and lets only a senior correct it", async () => {
    const tk = (
      await staff.reception.post("/api/tickets", {
        clientId,
        title: "Respaldo",
        description: "",
        urgent: false,
        channel: "phone",
      })
    ).body;
    await staff.reception.post(`/api/tickets/${tk.id}/transitions`, {
      action: "assign",
      assigneeId: staff.technician.user!.id,
    });
    await staff.technician.post(`/api/tickets/${tk.id}/transitions`, { action: "start" });
    await staff.technician.post(`/api/tickets/${tk.id}/time-entries`, {
      minutes: 61,
      mode: "remote",
      activity: "Respaldo",
    });
    const preview = await staff.technician.get(`/api/tickets/${tk.id}`);
    expect(preview.body).toMatchObject({ rawMinutes: 61, billableMinutes: 120, billableFrozen: false });
    expect(
      (await staff.senior.patch(`/api/tickets/${tk.id}`, { billableMinutes: 60, reason: "x" })).status,
    ).toBe(422);
    await staff.technician.post(`/api/tickets/${tk.id}/transitions`, { action: "attend" });
    const reviewed = await staff.senior.post(`/api/tickets/${tk.id}/transitions`, {
      action: "review",
      reason: "El cliente aceptó por teléfono",
    });
    expect(reviewed.body).toMatchObject({ status: "reviewed", billableMinutes: 120, billableFrozen: true });
    expect(reviewed.body.acceptanceOverrideReason).toBe("El cliente aceptó por teléfono");
    expect(
      (await staff.technician.patch(`/api/tickets/${tk.id}`, { billableMinutes: 60, reason: "x" })).status,
    ).toBe(403);
    expect((await staff.senior.patch(`/api/tickets/${tk.id}`, { billableMinutes: 60 })).status).toBe(422);
    const fixed = await staff.senior.patch(`/api/tickets/${tk.id}`, {
      billableMinutes: 60,
      reason: "Una hora fue de garantía",
    });
    expect(fixed.body.billableMinutes).toBe(60);
    const history = (await staff.senior.get(`/api/tickets/${tk.id}`)).body.history;
    expect(history.at(-1)).toMatchObject({ action: "update", reason: "Una hora fue de garantía" });
  });
});
