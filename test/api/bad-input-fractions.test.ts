import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Res } from "../client.js";
import { createClientWithContact, type Staff, seedStaff } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";
import { expectRefusedWithoutTrace } from "../refusal.js";

// A fraction where a whole number goes (minutes, days, an hour, copies): a 400 that names the field
// with a coded message in the caller's words («Minutos enteros», not zod's «se esperaba un entero»),
// and nothing stored. The staff app once dropped the typed point instead («1.5» saved as 15); now it
// keeps it and these are the refusals a form shows beside the field.
type Body = Record<string, unknown>;
type Case = [name: string, run: () => Promise<Res>, path: string[], code: string, message: string];

describe.each(DATABASES)("fractions where whole numbers go, on %s", (kind) => {
  let t: TestApp;
  let s: Staff;
  const ids = { client: "", ticket: "" };
  const time = manualClock("2026-11-24T16:00:00Z"); // Tuesday 10:00 in Mexico City

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    s = await seedStaff(t.app);
    const a = await createClientWithContact(s, "Constructora Ñandú", "CÑA010203AB5", "ana@nandu.mx");
    ids.client = a.client.id;
    const ticket = {
      clientId: ids.client,
      title: "Sin red",
      description: "",
      urgent: false,
      channel: "phone",
    };
    ids.ticket = (await s.reception.post("/api/tickets", ticket)).body.id;
  });
  afterAll(async () => t?.close());

  /** A settings document as stored, with one part changed. */
  const settings = (name: string, change: (current: Body) => Body) => async () =>
    s.admin.put(`/api/settings/${name}`, change((await s.admin.get(`/api/settings/${name}`)).body));
  const sla = (change: (current: Body) => Body) => settings("sla", change);
  const backup = (change: Body) => settings("backup", (c) => ({ ...c, ...change }));
  const contract = (body: Body) => () =>
    s.leader.post("/api/contracts", {
      clientId: ids.client,
      type: "SS",
      startsOn: "2026-01-01",
      monthlyFeeCents: 1000,
      ...body,
    });
  const whole = "Minutos enteros";
  const days = "Días enteros";

  const cases: Case[] = [
    [
      "SLA target",
      sla((c) => ({ ...c, targets: { ...(c.targets as Body), eventUrgent: 240.5 } })),
      ["body", "targets", "eventUrgent"],
      "input.minutes_integer",
      whole,
    ],
    [
      "SLA rounding",
      sla((c) => ({ ...c, rounding: { ...(c.rounding as Body), contract: 7.5 } })),
      ["body", "rounding", "contract"],
      "input.minutes_integer",
      whole,
    ],
    [
      "SLA «por vencer» warning",
      sla((c) => ({ ...c, nearThresholdMinutes: 2.5 })),
      ["body", "nearThresholdMinutes"],
      "input.minutes_integer",
      whole,
    ],
    [
      "deadline calculator minutes",
      () => s.admin.get("/api/sla/deadline?from=2026-11-24T10:00:00Z&minutes=1.5"),
      ["querystring", "minutes"],
      "input.minutes_integer",
      whole,
    ],
    [
      "contract's normal response time",
      contract({ slaNormalMinutes: 1.5 }),
      ["body", "slaNormalMinutes"],
      "input.minutes_integer",
      whole,
    ],
    [
      "contract's urgent response time",
      contract({ slaUrgentMinutes: 30.5 }),
      ["body", "slaUrgentMinutes"],
      "input.minutes_integer",
      whole,
    ],
    [
      "contract's included minutes",
      contract({ includedMinutesPerMonth: 90.5 }),
      ["body", "includedMinutesPerMonth"],
      "input.minutes_integer",
      whole,
    ],
    [
      "client's credit days",
      () => s.sales.patch(`/api/clients/${ids.client}`, { paymentTerms: "credit", creditDays: 1.5 }),
      ["body", "creditDays"],
      "input.days_integer",
      days,
    ],
    [
      "credit request's days",
      () =>
        s.reception.post("/api/credit-requests", {
          clientId: ids.client,
          creditDays: 1.5,
          creditLimitCents: 100,
          reason: "Cliente frecuente",
        }),
      ["body", "creditDays"],
      "input.days_integer",
      days,
    ],
    [
      "ticket's billable minutes",
      () => s.senior.patch(`/api/tickets/${ids.ticket}`, { billableMinutes: 1.5, reason: "Traslado" }),
      ["body", "billableMinutes"],
      "input.minutes_integer",
      whole,
    ],
    ["backup hour", backup({ hour: 3.5 }), ["body", "hour"], "input.hour_of_day", "Hora entera de 0 a 23"],
    [
      "backup retention",
      backup({ retentionDays: 7.5 }),
      ["body", "retentionDays"],
      "input.days_integer",
      days,
    ],
    [
      "backups kept",
      backup({ keep: 2.5 }),
      ["body", "keep"],
      "input.copies_integer",
      "Un número entero de copias",
    ],
  ];

  it.each(cases)(
    "%s: a fraction is a 400 saying so, nothing stored",
    async (name, run, path, code, message) => {
      let res: Res | undefined;
      await expectRefusedWithoutTrace(t, [name, 400, "validation_failed", async () => (res = await run())]);
      expect(res?.body.error.details).toEqual([expect.objectContaining({ path, code, message })]);
    },
  );

  it("in English the same refusal reads in English", async () => {
    await s.admin.patch("/api/auth/me", { locale: "en" });
    const res = await backup({ hour: 3.5 })();
    expect(res.body.error.details).toEqual([
      expect.objectContaining({ path: ["body", "hour"], message: "A whole hour from 0 to 23" }),
    ]);
    await s.admin.patch("/api/auth/me", { locale: "es-MX" });
  });
});
