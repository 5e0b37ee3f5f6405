import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { type BadCase, expectRefusedWithoutTrace } from "../refusal.js";

// Dates and instants outside 2000–2100, wherever the API takes one: 400 naming the field, never a 500,
// nothing stored. (The calendar arithmetic behind SLA deadlines used to throw a 500 on them.)
type Body = Record<string, unknown>;
const V = "validation_failed";

describe.each(DATABASES)("out-of-range dates on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  const ids = { client: "", contact: "", ticket: "", contract: "" };
  const time = manualClock("2026-11-24T16:00:00Z"); // Tuesday 10:00 in Mexico City

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    const a = await createClientWithContact(s, "Constructora Ñandú", "CÑA010203AB5", "ana@nandu.mx");
    Object.assign(ids, { client: a.client.id, contact: a.contact.id });
    ids.ticket = (await s.reception.post("/api/tickets", ticketBody({}))).body.id;
    await s.reception.post(`/api/tickets/${ids.ticket}/transitions`, {
      action: "assign",
      assigneeId: s.technician.user!.id,
    });
    expect(
      (await s.technician.post(`/api/tickets/${ids.ticket}/transitions`, { action: "start" })).status,
    ).toBe(200);
    const contract = await s.leader.post("/api/contracts", contractBody({}));
    expect(contract.status).toBe(201);
    ids.contract = contract.body.id;
  });
  afterAll(async () => t?.close());

  const ticketBody = (extra: Body) => ({
    clientId: ids.client,
    contactId: ids.contact,
    title: "Correo caído",
    description: "",
    urgent: false,
    channel: "phone",
    ...extra,
  });
  const contractBody = (extra: Body) => ({
    clientId: ids.client,
    type: "SS",
    startsOn: "2026-01-01",
    monthlyFeeCents: 1000,
    ...extra,
  });
  const ticket = (extra: Body) => () => s.reception.post("/api/tickets", ticketBody(extra));
  const entry = (extra: Body) => () =>
    s.technician.post(`/api/tickets/${ids.ticket}/time-entries`, {
      mode: "remote",
      activity: "Diagnóstico",
      ...extra,
    });
  const calendar = (change: (c: Body) => Body) => async () => {
    const current = (await s.admin.get("/api/settings/calendar")).body as Body;
    return s.admin.put("/api/settings/calendar", change(current));
  };

  // [case, the field the answer must name]
  const cases: [BadCase, string][] = [
    [["ticket received in 1999", 400, V, ticket({ receivedAt: "1999-12-31T10:00:00-06:00" })], "receivedAt"],
    [
      [
        "ticket received at 2000-01-01 +14:00 (1999 in UTC)",
        400,
        V,
        ticket({ receivedAt: "2000-01-01T00:00:00+14:00" }),
      ],
      "receivedAt",
    ],
    [["ticket received in year 1", 400, V, ticket({ receivedAt: "0001-01-01T00:00:00Z" })], "receivedAt"],
    [
      [
        "time entry started in 1970",
        400,
        V,
        entry({ startedAt: "1970-01-01T10:00:00Z", endedAt: "2026-11-24T15:00:00Z" }),
      ],
      "startedAt",
    ],
    [
      [
        "time entry ending in 2101",
        400,
        V,
        entry({ startedAt: "2026-11-24T15:00:00Z", endedAt: "2101-01-01T00:00:00Z" }),
      ],
      "endedAt",
    ],
    [
      [
        "contract starting in 1899",
        400,
        V,
        () => s.leader.post("/api/contracts", contractBody({ startsOn: "1899-01-01" })),
      ],
      "startsOn",
    ],
    [
      [
        "contract ending in 2999",
        400,
        V,
        () => s.leader.post("/api/contracts", contractBody({ endsOn: "2999-12-31" })),
      ],
      "endsOn",
    ],
    [
      [
        "contract moved to 1500",
        400,
        V,
        () => s.leader.patch(`/api/contracts/${ids.contract}`, { startsOn: "1500-06-01" }),
      ],
      "startsOn",
    ],
    [
      [
        "SLA calculator from 9999",
        400,
        V,
        () => s.reception.get("/api/sla/deadline?from=9999-01-01T00:00:00Z&minutes=60"),
      ],
      "from",
    ],
    [
      [
        "SLA calculator from 1000",
        400,
        V,
        () => s.reception.get("/api/sla/deadline?from=1000-01-01T09:00:00-06:00&minutes=60"),
      ],
      "from",
    ],
    [
      [
        "SLA calculator from 2100-12-31 -12:00 (2101 in UTC)",
        400,
        V,
        () => s.reception.get("/api/sla/deadline?from=2100-12-31T23:00:00-12:00&minutes=60"),
      ],
      "from",
    ],
    [
      ["closed days of 1970", 400, V, () => s.reception.get("/api/calendar/closed-days?year=1970&month=1")],
      "year",
    ],
    [
      ["closed days of 2200", 400, V, () => s.reception.get("/api/calendar/closed-days?year=2200&month=1")],
      "year",
    ],
    [
      [
        "closure in 2101",
        400,
        V,
        calendar((c) => ({ ...c, closures: [{ date: "2101-01-01", reason: "Año nuevo" }] })),
      ],
      "date",
    ],
    [
      ["holiday removed in 1990", 400, V, calendar((c) => ({ ...c, removedHolidays: ["1990-01-01"] }))],
      "removedHolidays",
    ],
  ];

  it.each(cases.map(([c, field]) => [c[0], c, field] as const))(
    "refuses %s, naming the field",
    async (_n, c, field) => {
      let answer: unknown;
      await expectRefusedWithoutTrace(t, [
        c[0],
        c[1],
        c[2],
        async () => {
          const res = await c[3]();
          answer = res.body;
          return res;
        },
      ]);
      const { error } = answer as {
        error: { message: string; details: { path: string[]; message: string }[] };
      };
      expect(error.message).toContain(field);
      expect(error.details.some((d) => d.path.includes(field) && /2000–2100/.test(d.message))).toBe(true);
    },
  );

  it("refuses a computed deadline past 2100, naming the input that pushed it there", async () => {
    const late = "2100-12-31T17:00:00-06:00"; // Friday 17:00, the last business hour of 2100
    const cases: [BadCase, string][] = [
      [
        ["SLA calculator", 400, V, () => s.reception.get(`/api/sla/deadline?from=${late}&minutes=600`)],
        "minutes",
      ],
      [["ticket received late in 2100", 400, V, ticket({ receivedAt: late })], "receivedAt"],
    ];
    for (const [c, field] of cases) {
      const res = await c[3]();
      await expectRefusedWithoutTrace(t, c);
      expect(res.body.error.details).toEqual({ field });
    }
  });

  it("still takes the edges of the range: 1 Jan 2000 and 31 Dec 2100", async () => {
    const res = await s.reception.get("/api/sla/deadline?from=2100-12-31T09:00:00-06:00&minutes=60");
    expect(res.status).toBe(200);
    const received = await s.reception.post(
      "/api/tickets",
      ticketBody({ receivedAt: "2000-01-01T00:00:00-06:00" }),
    );
    expect(received.status).toBe(201);
    expect(received.body.receivedAt).toBe("2000-01-01T06:00:00.000Z");
    // The folio carries the year the ticket was registered, not the back-dated one.
    expect(received.body.folio).toMatch(/^OS-2026-/);
    const days = await s.reception.get("/api/calendar/closed-days?year=2100&month=12");
    expect(days.status).toBe(200);
  });
});
