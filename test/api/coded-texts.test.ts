import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tooManyAttempts } from "../../src/server/modules/auth/login-guard.js";
import { notificationsRepo } from "../../src/server/modules/notifications/repository.js";
import { codeOfLegacyMessage } from "../../src/server/platform/database/migrations/010_coded_notifications.js";
import { render } from "../../src/server/platform/i18n/index.js";
import { JOBS } from "../../src/server/platform/jobs/definitions.js";
import { runDueJobs } from "../../src/server/platform/jobs/runner.js";
import { createClientWithContact, type Staff, seedStaff, validRfc } from "../fixtures.js";
import { DATABASES, manualClock, startApp, type TestApp } from "../harness.js";

describe("legacy notification sentences (migration 010)", () => {
  it.each([
    {
      message: "OS-2026-000007 venció su tiempo de respuesta sin atención: Sin internet: piso 2",
      code: "notification.sla_breached",
      params: { folio: "OS-2026-000007", title: "Sin internet: piso 2" },
    },
    {
      message: "OS-2026-000008 está por vencer su tiempo de respuesta: Impresora",
      code: "notification.sla_near",
      params: { folio: "OS-2026-000008", title: "Impresora" },
    },
    {
      message: "Algo que nadie reconoce",
      code: "notification.legacy",
      params: { text: "Algo que nadie reconoce" },
    },
  ])("$code from “$message”", ({ message, code, params }) => {
    expect(codeOfLegacyMessage(message)).toEqual({ code, params });
  });
});

describe("“too many attempts” says how long to wait, in either language", () => {
  it.each([
    { waitMs: 61_000, es: "Intenta de nuevo en 1 minuto.", en: "Try again in 1 minute." },
    { waitMs: 5 * 60_000, es: "Intenta de nuevo en 5 minutos.", en: "Try again in 5 minutes." },
    { waitMs: 3_000, es: "Intenta de nuevo en unos segundos.", en: "Try again in a few seconds." },
  ])("$waitMs ms", ({ waitMs, es, en }) => {
    const err = tooManyAttempts(waitMs);
    expect(err.message).toContain(es);
    expect(render("en", err.text!.code, err.text!.params)).toContain(en);
  });
});

describe("whom a portal address notice says to reach, in either language", () => {
  it.each([
    {
      how: "phone",
      contact: "33 3615 0000",
      es: "llame a Encor al 33 3615 0000 para",
      en: "call Encor at 33 3615 0000 about",
    },
    {
      how: "email",
      contact: "soporte@encor.mx",
      es: "escriba a Encor a soporte@encor.mx para",
      en: "write to Encor at soporte@encor.mx about",
    },
    // No phone and no address a client could write to (mesa@localhost before mail is set up).
    { how: "none", contact: "", es: "comuníquese con Encor para", en: "contact Encor about" },
  ])("$how", ({ how, contact, es, en }) => {
    const params = { company: "Encor", how, contact };
    expect(render("es-MX", "mail.portal_address.call", params)).toContain(es);
    expect(render("en", "mail.portal_address.call", params)).toContain(en);
  });
});

describe.each(DATABASES)("texts as codes, rendered in the reader's language, on %s", (kind) => {
  let t: TestApp;
  let staff: Staff;
  const time = manualClock("2026-11-24T16:00:00Z"); // Tuesday 10:00 in Mexico City

  beforeAll(async () => {
    t = await startApp(kind, { clock: time.clock });
    staff = await seedStaff(t.app);
  });
  afterAll(async () => t?.close());

  const speak = (who: keyof Staff, locale: "es-MX" | "en") => staff[who].patch("/api/auth/me", { locale });

  let made = 0;
  async function urgentTicket(category: string | null = "soporte") {
    const letter = "ABCDEFGH"[made++];
    const rfc = validRfc(`CN${letter}040404AB`);
    const { client } = await createClientWithContact(staff, `Clínica ${letter}`, rfc, `c${letter}@cno.mx`);
    await staff.leader.post("/api/contracts", {
      clientId: client.id,
      type: "SS",
      startsOn: "2026-01-01",
      monthlyFeeCents: 100000,
    });
    const res = await staff.reception.post("/api/tickets", {
      clientId: client.id,
      title: "Servidor caído",
      description: "",
      urgent: true,
      channel: "phone",
      category,
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; folio: string };
  }

  it("assignment reasons carry codes and read in Spanish or English per user", async () => {
    const ticket = await urgentTicket("fortigate");
    const es = await staff.reception.get(`/api/tickets/${ticket.id}/candidates`);
    const top = es.body.items[0];
    expect(top.reasons[0]).toEqual({
      code: "assign.reason.skill",
      params: { category: "Fortigate" },
      text: "Capacitado en «Fortigate»",
    });
    expect(top.reasons).toContainEqual({
      code: "assign.reason.no_load",
      params: {},
      text: "Sin tickets abiertos",
    });
    await speak("reception", "en");
    const en = await staff.reception.get(`/api/tickets/${ticket.id}/candidates`);
    expect(en.body.items[0].reasons.map((r: { text: string }) => r.text)).toEqual(
      expect.arrayContaining(["Skilled in “Fortigate”", "No open tickets"]),
    );
    await speak("reception", "es-MX");
  });

  it("a workflow refusal names its code and reads in the caller's language", async () => {
    const ticket = await urgentTicket();
    const tech = staff.technician;
    await staff.reception.post(`/api/tickets/${ticket.id}/transitions`, {
      action: "assign",
      assigneeId: tech.user!.id,
    });
    const es = await tech.post(`/api/tickets/${ticket.id}/transitions`, { action: "attend" });
    expect(es.status).toBe(409);
    expect(es.body.error).toEqual({
      code: "invalid_transition",
      details: { action: "attend", status: "assigned" },
      message: "No se puede marcar como atendido un ticket en estado «Asignado».",
    });
    expect(es.headers["content-language"]).toBe("es-MX");
    await speak("technician", "en");
    const en = await tech.post(`/api/tickets/${ticket.id}/transitions`, { action: "cancel", reason: "x" });
    expect(en.status).toBe(403);
    expect(en.body.error).toMatchObject({
      code: "forbidden",
      message: "Your role does not allow this action on this ticket.",
    });
    expect(en.headers["content-language"]).toBe("en");
    await speak("technician", "es-MX");
  });

  it("a solution estimate past its bound says the bound in hours, not zod's «<=120000»", async () => {
    const ticket = await urgentTicket();
    const res = await staff.reception.patch(`/api/tickets/${ticket.id}`, {
      estimatedSolutionMinutes: 200_000,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([
      expect.objectContaining({
        path: ["body", "estimatedSolutionMinutes"],
        message: "Como máximo 2,000 horas (120,000 minutos)",
        code: "input.estimate_max",
      }),
    ]);
    const category = await staff.admin.put("/api/categories/larga", {
      name: "Larga",
      estimateMinutes: 1.5,
    });
    expect(category.status).toBe(400);
    expect(category.body.error.details[0].message).toBe("Minutos enteros");
  });

  it("an anonymous caller reads errors in its Accept-Language", async () => {
    const ask = (lang?: string) =>
      t.app.inject({ method: "GET", url: "/api/tickets", headers: lang ? { "accept-language": lang } : {} });
    expect((await ask("en-US,en;q=0.9")).json().error.message).toBe("Sign in to continue.");
    expect((await ask("fr, es;q=0.5")).json().error.message).toBe("Inicia sesión para continuar.");
    expect((await ask()).json().error).toEqual({
      code: "unauthenticated",
      message: "Inicia sesión para continuar.",
      details: null,
    });
  });

  it("notifications are stored as code + params and read in each user's language", async () => {
    const ticket = await urgentTicket();
    time.set("2026-11-24T16:45:00Z"); // 15 business minutes left: near
    await runDueJobs(t.app.ctx, JOBS, "a");
    const rows = await notificationsRepo.forUser(t.app.ctx.db, staff.leader.user!.id, true, 50);
    const row = rows.find((r) => r.ticket_id === ticket.id)!;
    expect([row.code, JSON.parse(row.params!)]).toEqual([
      "notification.sla_near",
      { folio: ticket.folio, title: "Servidor caído" },
    ]);
    await speak("leader", "en");
    const mine = (items: { ticketId: string }[]) => items.find((n) => n.ticketId === ticket.id)!;
    const en = mine((await staff.leader.get("/api/notifications")).body.items);
    expect(en).toMatchObject({
      code: "notification.sla_near",
      params: { folio: ticket.folio, title: "Servidor caído" },
      message: `${ticket.folio} is close to its response deadline: Servidor caído`,
    });
    const es = mine((await staff.reception.get("/api/notifications")).body.items) as unknown as {
      message: string;
    };
    expect(es.message).toBe(`${ticket.folio} está por vencer su tiempo de respuesta: Servidor caído`);
    await speak("leader", "es-MX");
  });
});
