/**
 * The ticket page's later life: time logged by start and end in the calendar's time zone, the senior's
 * correction of billable time, the recorded survey, and unanswered survey calls and mailed survey links
 * in the queue.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  ApiSession,
  browserMissing,
  launchBrowser,
  PASSWORD,
  type Server,
  type Staff,
  seedClient,
  seedStaff,
  shot,
  startServer,
  uiLogin,
  withPage,
} from "./helpers";

interface TicketJson {
  id: string;
  folio: string;
  timeEntries: { startedAt: string | null; minutes: number }[];
}

const ZONE = "America/Cancun"; // UTC-5 all year; the browser runs in America/Mexico_City (UTC-6)

/** Yesterday's date in the calendar's zone, as `YYYY-MM-DD`. */
function yesterdayIn(zone: string): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: zone, dateStyle: "short" });
  return parts.format(new Date(Date.now() - 24 * 3600_000));
}

describe.skipIf(browserMissing)("ticket page: time range, billable fix, survey", { timeout: 180_000 }, () => {
  let server: Server;
  let browser: Browser;
  let staff: Staff;
  let clientId = "";
  let contactId = "";
  const s: Record<string, ApiSession> = {};

  const ticketPath = (t: TicketJson) => `/api/tickets/${t.id}`;
  const move = (who: string, t: TicketJson, body: Record<string, unknown>) =>
    s[who]!.ok("POST", `${ticketPath(t)}/transitions`, body);

  /** A ticket received at `receivedAt` (from the contact, if given), assigned to the technician and started. */
  const startedTicket = async (title: string, receivedAt?: string, contact?: string) => {
    const t = await s.reception!.ok<TicketJson>("POST", "/api/tickets", {
      clientId,
      contactId: contact,
      title,
      description: "Detalle",
      urgent: false,
      channel: "phone",
      receivedAt,
    });
    await move("reception", t, { action: "assign", assigneeId: staff.technician.id });
    await move("technician", t, { action: "start" });
    return t;
  };

  /** Worked 50 min, attended, accepted on site and reviewed by the senior (billable frozen at 1 h). */
  const reviewedTicket = async (title: string, contact?: string) => {
    const t = await startedTicket(title, undefined, contact);
    await s.technician!.ok("POST", `${ticketPath(t)}/time-entries`, {
      minutes: 50,
      mode: "onsite",
      activity: "Revisión del equipo",
    });
    await move("technician", t, { action: "attend" });
    await move("technician", t, { action: "accept", signerName: "Ana Martínez" });
    await move("senior", t, { action: "review" });
    return t;
  };

  beforeAll(async () => {
    server = await startServer();
    s.admin = await ApiSession.login(server.baseUrl, ADMIN.email, ADMIN.password);
    staff = await seedStaff(s.admin);
    ({ clientId, contactId } = await seedClient(s.admin));
    for (const role of ["reception", "technician", "senior", "leader"] as const) {
      s[role] = await ApiSession.login(server.baseUrl, staff[role].email, PASSWORD);
    }
    const calendar = await s.admin.ok<Record<string, unknown>>("GET", "/api/settings/calendar");
    await s.admin.ok("PUT", "/api/settings/calendar", { ...calendar, timeZone: ZONE });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("dates show in the calendar's zone; time is logged by start and end times in that zone", async () => {
    const ticket = await startedTicket("Cambio de disco duro", "2026-01-15T15:00:00Z");
    const day = yesterdayIn(ZONE);
    const [y, m, d] = day.split("-");
    await withPage(browser, "time-range", async (page) => {
      await uiLogin(page, server.baseUrl, staff.technician.email, PASSWORD, `/tickets/${ticket.id}`);
      await page.getByTestId("ticket-facts").getByText("15/01/2026 10:00").waitFor(); // 15:00 UTC in Cancún
      const form = page.getByTestId("time-form");
      await form.getByText("Inicio y fin").click();
      // A day that does not exist, sent with Enter, is refused: not saved as the day the field held.
      await page.getByTestId("time-start").fill("09:00");
      await page.getByTestId("time-end").fill("10:30");
      await page.getByTestId("time-activity").fill("Se clonó el disco y se cambió.");
      await page.getByTestId("time-date").fill("31/11/2026");
      await page.getByTestId("time-date").press("Enter");
      await form.getByText("Fecha inexistente: ese día no está en el calendario.").waitFor();
      expect(await page.getByTestId("time-entries").getByText("1 h 30 min").count()).toBe(0);
      await page.getByTestId("time-date").fill(day);
      await page.getByTestId("time-start").fill("10:30");
      await page.getByTestId("time-end").fill("09:00");
      await page.getByTestId("time-activity").fill("Se clonó el disco y se cambió.");
      await page.getByTestId("time-submit").click();
      await form.getByText("La hora de fin debe ser posterior a la de inicio.").waitFor();
      await page.getByTestId("time-start").fill("09:00");
      await page.getByTestId("time-end").fill("10:30");
      await page.getByTestId("time-submit").click();
      const entries = page.getByTestId("time-entries");
      await entries.getByText(`${d}/${m}/${y} 09:00–10:30`).waitFor();
      await entries.getByText("1 h 30 min").waitFor();
      // On a 1366 px laptop the activities, with «Corregir» and «Eliminar», fit beside the ticket's facts.
      expect(await page.getByTestId("table-slides").count()).toBe(0);
      await shot(page, "23-time-range");
    });
    const saved = await s.technician!.ok<TicketJson>("GET", ticketPath(ticket));
    expect(saved.timeEntries[0]).toMatchObject({ startedAt: `${day}T14:00:00.000Z`, minutes: 90 });
  });

  it("a browser set to English still shows days as the desk writes them, and its calendar in Spanish", async () => {
    const ticket = await startedTicket("Revisión del respaldo nocturno", "2026-01-15T15:00:00Z");
    const english = await browser.newContext({ locale: "en-US", timezoneId: ZONE });
    try {
      const page = await english.newPage();
      await uiLogin(page, server.baseUrl, staff.technician.email, PASSWORD, `/tickets/${ticket.id}`);
      await page.getByTestId("time-form").getByText("Inicio y fin").click();
      const field = page.getByTestId("time-date");
      expect(await field.getAttribute("placeholder")).toBe("DD/MM/AAAA");
      await field.click();
      const now = new Date();
      const month = new Intl.DateTimeFormat("es-MX", { month: "long", year: "numeric", timeZone: ZONE })
        .formatToParts(now)
        .filter((p) => p.type !== "literal")
        .map((p) => p.value)
        .join(" ");
      await page.getByRole("button", { name: month, exact: true }).waitFor(); // «diciembre 2026», not «December»
      await page.getByText("lu", { exact: true }).waitFor();
      await page.waitForTimeout(400);
      await shot(page, "24-date-picker-english-browser");
      await page.locator("[data-today]").click();
      const today = new Intl.DateTimeFormat("en-GB", { timeZone: ZONE }).format(now); // DD/MM/YYYY
      expect(await field.inputValue()).toBe(today);
      // Typed as the desk writes it, or as the API keeps it.
      await field.fill("24/12/2025");
      await field.blur();
      expect(await field.inputValue()).toBe("24/12/2025");
      await field.fill("2025-11-03");
      await field.blur();
      expect(await field.inputValue()).toBe("03/11/2025");
      // Hours on the 24-hour clock, whatever the browser's language: «930» is 09:30.
      expect(await page.getByTestId("time-start").getAttribute("placeholder")).toBe("HH:MM");
      await page.getByTestId("time-start").fill("930");
      await page.getByTestId("time-start").blur();
      expect(await page.getByTestId("time-start").inputValue()).toBe("09:30");
      await page.getByTestId("time-end").fill("1045");
      await page.getByTestId("time-end").press("Enter"); // written out first, not refused
      expect(await page.getByTestId("time-end").inputValue()).toBe("10:45");
      // A day that does not exist stays as typed and says so.
      await field.fill("31/02/2026");
      await field.blur();
      expect(await field.inputValue()).toBe("31/02/2026");
      await page
        .getByTestId("time-range")
        .getByText("Fecha inexistente: ese día no está en el calendario.")
        .waitFor();
    } finally {
      await english.close();
    }
  });

  it("a senior corrects the billable time after review, with a reason; others are not offered it", async () => {
    const ticket = await reviewedTicket("Equipo lento");
    await withPage(browser, "billable-technician", async (page) => {
      await uiLogin(page, server.baseUrl, staff.technician.email, PASSWORD, `/tickets/${ticket.id}`);
      await page.locator('[data-testid="ticket-folio"] ~ [data-status="reviewed"]').waitFor();
      expect(await page.getByTestId("billable-correction").count()).toBe(0);
    });
    await withPage(browser, "billable-senior", async (page) => {
      await uiLogin(page, server.baseUrl, staff.senior.email, PASSWORD, `/tickets/${ticket.id}`);
      const panel = page.getByTestId("billable-correction");
      await panel.getByText(/Fijado en la revisión: 1 h\./).waitFor();
      // A decimal typed key by key stays as typed and is refused beside the field, not billed as 15.
      const minutes = panel.getByLabel("Minutos facturables");
      await minutes.fill("");
      await minutes.pressSequentially("1.5");
      await panel.getByLabel("Motivo").fill("Minutos con decimales");
      await panel.getByRole("button", { name: "Guardar corrección" }).click();
      await panel.getByText("Minutos enteros").waitFor();
      expect(await minutes.inputValue()).toBe("1.5");
      expect(await page.getByText("Tiempo facturable corregido.").count()).toBe(0);
      await panel.getByLabel("Motivo").fill("");
      await minutes.fill("75");
      await panel.getByRole("button", { name: "Guardar corrección" }).click();
      await panel.getByText("Indica el motivo.").waitFor();
      await panel.getByLabel("Motivo").fill("Faltó contar el traslado al sitio");
      await panel.getByRole("button", { name: "Guardar corrección" }).click();
      await page.getByText("Tiempo facturable corregido.").waitFor();
      await page.getByTestId("ticket-facts").getByText("1 h 15 min").waitFor();
      await page.getByRole("tab", { name: "Historial" }).click();
      await page
        .getByTestId("history")
        .getByText(/Faltó contar el traslado al sitio/)
        .waitFor();
      await shot(page, "24-billable-correction");
    });
  });

  it("a ticket sent back says so at the top: who, when and why, until it is attended again", async () => {
    const t = await startedTicket("Impresora sin red");
    await s.technician!.ok("POST", `${ticketPath(t)}/time-entries`, {
      minutes: 20,
      mode: "remote",
      activity: "Reinicio del equipo",
    });
    await s.technician!.ok("POST", `${ticketPath(t)}/charges`, {
      kind: "consumable",
      description: "Cable equivocado",
      quantity: 1,
      unitPriceCents: 15_000,
    });
    await move("technician", t, { action: "attend" });
    await move("senior", t, {
      action: "send_back",
      reason: "Falta registrar la visita y confirmar con el cliente",
    });
    await withPage(browser, "sent-back", async (page) => {
      // In «Mis tickets» it does not look like any other in progress.
      await uiLogin(page, server.baseUrl, staff.technician.email, PASSWORD, "/mine");
      const card = page.locator(`[data-testid="ticket-card"][data-folio="${t.folio}"]`);
      await card.getByTestId("returned-badge").getByText("Devuelto por revisión").waitFor();
      await page.goto(`${server.baseUrl}/tickets/${t.id}`);
      const notice = page.getByTestId("sent-back");
      await notice.getByText("Regresado por el revisor").waitFor();
      await notice.getByText(/lo regresó el/).waitFor();
      await notice.getByText("Falta registrar la visita y confirmar con el cliente").waitFor();
      await shot(page, "24b-sent-back");

      // He corrects the minutes he typed, and removes the charge he added by mistake.
      const entries = page.getByTestId("time-entries");
      await entries.getByRole("button", { name: /^Corregir: 20 min/ }).click();
      const edit = page.getByTestId("time-edit-form");
      await edit.getByLabel("Minutos").fill("35");
      await edit.getByLabel("Actividad realizada").fill("Reinicio del equipo y traslado");
      await edit.getByRole("button", { name: "Guardar corrección" }).click();
      await page.getByText("Corrección guardada.").waitFor();
      await entries.getByText("Reinicio del equipo y traslado").waitFor();
      await page.getByText("Tiempo total de atención: 35 min").waitFor();

      await page.getByRole("tab", { name: /Cargos/ }).click();
      await page.getByTestId("charges").getByRole("button", { name: "Eliminar: Cable equivocado" }).click();
      const confirm = page.getByTestId("remove-work-dialog");
      await confirm.getByText(/Cable equivocado/).waitFor();
      await confirm.getByRole("button", { name: "Eliminar" }).click();
      await page.getByText("Sin cargos adicionales.").waitFor();
      await page.getByText("Cargo eliminado.").waitFor();

      await page.getByRole("tab", { name: "Historial" }).click();
      const history = page.getByTestId("history");
      await history.getByText("Tiempo corregido").waitFor();
      await history.getByText("20 min, Remota → 35 min, Remota").waitFor();
      await history.getByText("Cargo eliminado").waitFor();
      await shot(page, "24c-corrections");
    });
    const corrected = await s.technician!.ok<{ rawMinutes: number; charges: unknown[] }>(
      "GET",
      ticketPath(t),
    );
    expect(corrected.rawMinutes).toBe(35);
    expect(corrected.charges).toEqual([]);
    await s.technician!.ok("POST", `${ticketPath(t)}/time-entries`, {
      minutes: 40,
      mode: "onsite",
      activity: "Visita y confirmación",
    });
    await move("technician", t, { action: "attend" });
    await withPage(browser, "sent-back-attended", async (page) => {
      await uiLogin(page, server.baseUrl, staff.technician.email, PASSWORD, `/tickets/${t.id}`);
      await page.locator('[data-testid="ticket-folio"] ~ [data-status="attended"]').waitFor();
      expect(await page.getByTestId("sent-back").count()).toBe(0);
    });
    const attended = await s.technician!.ok<{ returnedBy: string | null }>("GET", ticketPath(t));
    expect(attended.returnedBy).toBeNull();
    // Back in review, the senior reads what he asked and that the work moved since (3 changes).
    await withPage(browser, "sent-back-review", async (page) => {
      await uiLogin(page, server.baseUrl, staff.senior.email, PASSWORD, `/tickets/${t.id}`);
      const earlier = page.getByTestId("review-panel").getByTestId("earlier-send-back");
      await earlier.getByText("Ya se había regresado").waitFor();
      await earlier.getByText("Falta registrar la visita y confirmar con el cliente").waitFor();
      await earlier.getByText("Desde entonces: 3 cambios en tiempos y cargos (ver Historial).").waitFor();
      await shot(page, "24d-review-after-send-back");
    });
  });

  it("a service order the client rejected says so at the top, with the signer and the reason", async () => {
    const t = await startedTicket("Escáner sin configurar");
    await s.technician!.ok("POST", `${ticketPath(t)}/time-entries`, {
      minutes: 15,
      mode: "remote",
      activity: "Instalación del controlador",
    });
    await move("technician", t, { action: "attend" });
    await move("senior", t, {
      action: "reject",
      signerName: "Marta Ruiz",
      reason: "El escáner sigue sin enviar a la carpeta",
    });
    await withPage(browser, "client-rejected", async (page) => {
      await uiLogin(page, server.baseUrl, staff.technician.email, PASSWORD, `/tickets/${t.id}`);
      const notice = page.getByTestId("sent-back");
      await notice.getByText("Rechazado por el cliente").waitFor();
      await notice
        .getByText(/^Marta Ruiz rechazó la orden de servicio el .* Corrige lo que indica/)
        .waitFor();
      await notice.getByText("El escáner sigue sin enviar a la carpeta").waitFor();
      await page
        .getByRole("button", { name: /Avisos|Notificaciones/ })
        .first()
        .click();
      await page
        .getByText(/Marta Ruiz rechazó la orden de servicio de/)
        .first()
        .waitFor();
      await shot(page, "24e-client-rejected");
    });
  });

  it("sending back an accepted ticket says first that the client's acceptance is voided", async () => {
    const t = await startedTicket("Respaldo incompleto");
    await s.technician!.ok("POST", `${ticketPath(t)}/time-entries`, {
      minutes: 30,
      mode: "remote",
      activity: "Respaldo",
    });
    await move("technician", t, { action: "attend" });
    await move("technician", t, { action: "accept", signerName: "Ana Martínez" });
    await withPage(browser, "send-back-dialog", async (page) => {
      await uiLogin(page, server.baseUrl, staff.senior.email, PASSWORD, `/tickets/${t.id}`);
      await page.getByTestId("action-send_back").waitFor();
      expect(await page.getByTestId("earlier-send-back").count()).toBe(0); // never sent back before
      await page.getByTestId("action-send_back").click();
      const dialog = page.getByRole("dialog");
      await dialog
        .getByTestId("reason-notice")
        .getByText(/Se anula la aceptación que firmó Ana Martínez/)
        .waitFor();
      await dialog.getByLabel("¿Qué debe corregir el técnico?").fill("Falta el respaldo de la base de datos");
      await dialog.getByRole("button", { name: "Regresar al técnico" }).click();
      await page.locator('[data-testid="ticket-folio"] ~ [data-status="in_progress"]').waitFor();
      // The reviewer reads whom it waits for, not an order to fix it himself.
      await page
        .getByTestId("sent-back")
        .getByText(/espera la corrección de Tomás Técnico/)
        .waitFor();
    });
  });

  it("correcting accepted work warns first, then voids the acceptance and says so in the history", async () => {
    const t = await startedTicket("Cambio de tóner");
    await s.technician!.ok("POST", `${ticketPath(t)}/time-entries`, {
      minutes: 25,
      mode: "onsite",
      activity: "Cambio de tóner",
    });
    await move("technician", t, { action: "attend" });
    await move("technician", t, { action: "accept", signerName: "Luis Ortega" });
    await withPage(browser, "voids-acceptance", async (page) => {
      await uiLogin(page, server.baseUrl, staff.technician.email, PASSWORD, `/tickets/${t.id}`);
      await page
        .getByTestId("work-voids-acceptance")
        .getByText(
          /Luis Ortega ya aceptó este trabajo\. Registrar o corregir tiempos o cargos anula su aceptación/,
        )
        .waitFor();
      await page
        .getByTestId("time-entries")
        .getByRole("button", { name: /^Corregir: 25 min/ })
        .click();
      const edit = page.getByTestId("time-edit-form");
      await edit.getByLabel("Minutos").fill("40");
      await edit.getByRole("button", { name: "Guardar corrección" }).click();
      await page.getByText("Corrección guardada.").waitFor();
      await page.getByTestId("work-voids-acceptance").waitFor({ state: "detached" });
      await page.getByRole("tab", { name: "Historial" }).click();
      const history = page.getByTestId("history");
      await history.getByText("Aceptación anulada: cambió el trabajo registrado").waitFor();
      await history.getByText("La había firmado Luis Ortega").waitFor();
    });
  });

  it("a closed ticket shows its recorded survey; an unanswered call counts in the survey queue", async () => {
    const answered = await reviewedTicket("Alta de impresora");
    const unanswered = await reviewedTicket("Configurar correo en celular");
    for (const t of [answered, unanswered])
      await move("leader", t, { action: "close", billingStatus: "to_invoice" });
    await s.reception!.ok("POST", `${ticketPath(answered)}/survey`, {
      overall: 5,
      technician: 4,
      timeliness: 3,
      comments: "Muy amable; llegó un poco tarde.",
    });
    await withPage(browser, "survey-result", async (page) => {
      await uiLogin(page, server.baseUrl, staff.leader.email, PASSWORD, `/tickets/${answered.id}`);
      const result = page.getByTestId("survey-result");
      await result.getByText("Muy amable; llegó un poco tarde.").waitFor();
      expect(await result.getByTestId("survey-score-overall").textContent()).toBe("5");
      expect(await result.getByTestId("survey-score-technician").textContent()).toBe("4");
      expect(await result.getByTestId("survey-score-timeliness").textContent()).toBe("3");
      await result.getByText(/^Registrada por Rocío Recepción el \d{2}\/\d{2}\/\d{4}/).waitFor();
      await shot(page, "25-survey-result");
    });
    await withPage(browser, "survey-attempt", async (page) => {
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/surveys");
      const row = page.locator(`[data-testid="survey-row"][data-folio="${unanswered.folio}"]`);
      await row.getByTestId("survey-open").click();
      // Filed without a contact: nobody to mail the link to, and the form says so.
      await page
        .getByTestId("survey-no-portal-account")
        .getByText("Sin enlace por correo: el ticket no tiene contacto. Registra la encuesta por teléfono.")
        .waitFor();
      expect(await page.getByTestId("survey-send-link").count()).toBe(0);
      await page.getByTestId("survey-unreachable").click();
      await row
        .getByTestId("survey-attempts")
        .getByText(/^1 de \d+$/)
        .waitFor();
      await page.goto(`${server.baseUrl}/tickets/${unanswered.id}`);
      await page.getByTestId("survey-result").getByText("Llamadas sin respuesta: 1").waitFor();
    });
  });

  it("reception mails the survey link; the row says when and to whom, and the form offers to send it again", async () => {
    const mailed = await reviewedTicket("Respaldo del servidor", contactId);
    await move("leader", mailed, { action: "close", billingStatus: "to_invoice" });
    // The contact has no portal account yet: the form says so and links to the client's contacts,
    // where reception invites the contact; back in the queue, the link can be mailed.
    await withPage(browser, "survey-invite", async (page) => {
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/surveys");
      const row = page.locator(`[data-testid="survey-row"][data-folio="${mailed.folio}"]`);
      await row.getByTestId("survey-open").click();
      await page.getByTestId("survey-no-portal-account").waitFor();
      expect(await page.getByTestId("survey-send-link").count()).toBe(0);
      const toClient = page.getByRole("link", {
        name: "Abrir la ficha de Ferretería La Única para invitarlo",
      });
      await toClient.click();
      await page.waitForURL(`**/clients?client=${clientId}&tab=contacts`);
      const card = page.getByRole("dialog", { name: "Ferretería La Única" });
      await card.getByRole("button", { name: "Invitar al portal: Ana Martínez" }).click();
      await card
        .getByText("Invitación enviada a ana@launica.mx: trae su primer enlace para entrar al portal.")
        .waitFor();
      await card.getByRole("button", { name: "Cerrar" }).click();
      await expect.poll(() => new URL(page.url()).search).toBe("");
    });
    await withPage(browser, "survey-link", async (page) => {
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/surveys");
      const row = page.locator(`[data-testid="survey-row"][data-folio="${mailed.folio}"]`);
      await row.getByTestId("survey-open").waitFor();
      expect(await row.getByTestId("survey-link-sent").count()).toBe(0);
      await row.getByTestId("survey-open").click();
      const form = page.getByTestId("survey-form");
      const send = form.getByRole("button", { name: "Enviar enlace por correo" });
      // Where it goes is in sight before sending (not only on hover).
      await form
        .getByTestId("survey-link-to")
        .getByText("El enlace va a ana@launica.mx, la cuenta del portal del contacto.")
        .waitFor();
      await send.click();
      const sent = row.getByTestId("survey-link-sent");
      await sent.getByText(/^Enlace enviado el \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/).waitFor();
      await sent.getByText("ana@launica.mx", { exact: true }).waitFor();
      await form
        .getByTestId("survey-link-notice")
        .getByText(/^Enlace enviado a ana@launica\.mx el \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\.$/)
        .waitFor();
      await form.getByRole("button", { name: "Reenviar enlace por correo" }).waitFor();
      await shot(page, "survey-link-sent");
      await page.keyboard.press("Escape");
      await page.getByRole("dialog").waitFor({ state: "detached" });
      await shot(page, "survey-link-row");
    });
    // The contact opens the mailed link on the phone, lands on the survey and answers it; the same
    // mail opened again in that browser goes back to the survey, not to the list of requests.
    const mail = await server.app.ctx.db
      .selectFrom("outbox")
      .select("text_body")
      .where("kind", "=", "portal_survey")
      .where("to_addr", "=", "ana@launica.mx")
      .executeTakeFirstOrThrow();
    const link = /\/portal\/entrar\?token=[A-Za-z0-9_-]+/.exec(mail.text_body)?.[0] ?? "";
    await withPage(
      browser,
      "survey-answer",
      async (page) => {
        await page.goto(server.baseUrl + link);
        await page.waitForURL(`**/portal/tickets/${mailed.id}#encuesta`);
        const survey = page.locator("#encuesta");
        // The page opens on the survey, just below the portal's header (not a screen above it).
        await survey.getByText("Encuesta de satisfacción").waitFor();
        const top = () => survey.evaluate((el) => Math.round(el.getBoundingClientRect().top));
        await expect.poll(async () => (await top()) >= 56 && (await top()) < 120).toBe(true);
        await survey.getByRole("button", { name: "Enviar encuesta" }).click();
        await survey.getByText("Califique las tres preguntas").waitFor();
        const rate = async (question: string, stars: string) => {
          const group = survey.getByRole("radiogroup", { name: question });
          const id = await group.getByLabel(stars, { exact: true }).getAttribute("id");
          await group.locator(`label[for="${id}"]`).click(); // the star the contact taps
        };
        await rate("En general, ¿cómo le atendimos?", "5 de 5");
        await rate("¿Cómo fue la atención del técnico?", "4 de 5");
        // The last by keyboard: an arrow key picks the next star, as in any group of radio buttons.
        const onTime = survey.getByRole("radiogroup", { name: "¿Resolvimos a tiempo?" });
        await onTime.getByLabel("4 de 5", { exact: true }).focus();
        await page.keyboard.press("ArrowRight");
        await expect.poll(() => onTime.getByLabel("5 de 5", { exact: true }).isChecked()).toBe(true);
        await survey.getByLabel("Comentarios (opcional)").fill("Llegaron el mismo día.");
        await survey.getByRole("button", { name: "Enviar encuesta" }).click();
        await page.getByText("Gracias por responder la encuesta.").waitFor();
        await shot(page, "survey-answered-portal");
        await page.goto(server.baseUrl + link);
        await page.waitForURL(`**/portal/tickets/${mailed.id}#encuesta`);
        await page.getByText("Gracias por responder la encuesta.").waitFor();
        expect(await page.getByTestId("link-error").count()).toBe(0);
      },
      { width: 390, height: 844 },
    );
    const recorded = await s.reception!.ok<{ survey: Record<string, unknown> | null }>(
      "GET",
      `${ticketPath(mailed)}/survey`,
    );
    expect(recorded.survey).toMatchObject({ outcome: "answered", overall: 5, technician: 4, timeliness: 5 });
  });

  it("the survey queue shows the oldest 100 closed tickets; «Cargar más» brings the rest", async () => {
    const old: TicketJson[] = [];
    for (let i = 0; i < 101; i += 20) {
      const batch = Array.from({ length: Math.min(20, 101 - i) }, (_, j) =>
        s.reception!.ok<TicketJson>("POST", "/api/tickets", {
          clientId,
          title: `Revisión anual ${i + j + 1}`,
          description: "",
          urgent: false,
          channel: "phone",
        }),
      );
      old.push(...(await Promise.all(batch)));
    }
    // Closed long ago (only their state matters to the queue): they come before every other ticket.
    await server.app.ctx.db
      .updateTable("tickets")
      .set({ status: "closed", closed_at: "2025-01-15T18:00:00.000Z" })
      .where(
        "id",
        "in",
        old.map((t) => t.id),
      )
      .execute();
    const recent = await reviewedTicket("Cambio de disco duro");
    await move("leader", recent, { action: "close", billingStatus: "to_invoice" });
    await withPage(browser, "survey-more", async (page) => {
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/surveys");
      const rows = page.getByTestId("survey-row");
      await expect.poll(() => rows.count()).toBe(100);
      const newest = page.locator(`[data-testid="survey-row"][data-folio="${recent.folio}"]`);
      expect(await newest.count()).toBe(0);
      // How many wait in all is said above the first 100: as many as the queue lists in one long page.
      const all = await s.reception!.ok<{ items: unknown[]; nextCursor: string | null }>(
        "GET",
        "/api/surveys/queue?limit=500",
      );
      expect(all.nextCursor).toBeNull();
      expect(all.items.length).toBeGreaterThan(101);
      expect(await page.getByTestId("survey-pending").textContent()).toBe(
        `${all.items.length} tickets cerrados esperan su encuesta; los más antiguos primero.`,
      );
      await page.getByRole("button", { name: "Cargar más" }).click();
      await newest.waitFor();
      expect(await rows.count()).toBeGreaterThan(101);
      expect(await page.getByRole("button", { name: "Cargar más" }).count()).toBe(0);
    });
  });
});
