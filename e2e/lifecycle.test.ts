/**
 * The whole life of a ticket across roles, in a real browser against the real server:
 * phone intake → assignment from the ranked list → start, time, attend → on-site acceptance
 * → review → close → satisfaction survey.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Invoice } from "../src/contract/billing";
import {
  ADMIN,
  ApiSession,
  attendedViaApi,
  browserMissing,
  type Desk,
  openDesk,
  PASSWORD,
  type Server,
  type Staff,
  shot,
  transitionsOf,
  uiLogin,
  withPage,
} from "./helpers";

/** A promised deadline as reception reads it out: «lunes 07/12/2026 10:00», the weekday named. */
const DEADLINE = /^(lunes|martes|miércoles|jueves|viernes|sábado|domingo) \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/;

describe.skipIf(browserMissing)("ticket life across roles", { timeout: 180_000 }, () => {
  let desk: Desk;
  let server: Server;
  let browser: Browser;
  let staff: Staff;
  let folio = "";
  let ticketUrl = "";

  beforeAll(async () => {
    desk = await openDesk();
    ({ server, browser, staff } = desk);
  }, 120_000);

  afterAll(async () => {
    await desk?.close();
  });

  const statusIs = (page: Page, status: string) =>
    page.locator(`[data-testid="ticket-folio"] ~ [data-status="${status}"]`).waitFor();

  it("reception takes a phone call and reads out folio and deadlines", async () => {
    await withPage(
      browser,
      "intake",
      async (page) => {
        await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/intake");
        await page.getByRole("heading", { name: "Recepción de llamadas" }).waitFor();
        const search = page.getByTestId("caller-search");
        await expect.poll(() => search.evaluate((el) => el === document.activeElement)).toBe(true);
        await search.fill("55 8765 4321"); // the contact's phone
        await page.getByTestId("caller-match").first().waitFor();
        await shot(page, "01-intake-lookup");
        await search.press("Enter");
        await page.getByTestId("selected-caller").getByText("Póliza SS activa").waitFor();

        // Validation from the shared zod schema, shown next to the field.
        await page.getByTestId("intake-submit").click();
        await page.getByText("Pregunta al cliente y elige una respuesta.").waitFor();

        await page.getByLabel("Asunto").fill("El firewall dejó de filtrar tráfico");
        await page
          .getByLabel("Descripción")
          .fill("Desde las 10:00 la red de la sucursal no sale a internet.");
        await page.getByLabel("Sí, dejó de funcionar (urgente)").check();
        const category = page.getByRole("combobox", { name: "Categoría" });
        const estimate = page.getByLabel("Tiempo estimado de solución (min)");
        await category.click();
        await page.getByRole("option", { name: "Redes" }).click();
        const redes = await estimate.inputValue();
        expect(redes).not.toBe("");
        // Cleared (by keyboard), the category takes its estimate with it; picked again, it is back.
        await category.focus();
        await page.keyboard.press("Tab");
        await page.keyboard.press("Enter");
        await expect.poll(() => estimate.inputValue()).toBe("");
        await category.click();
        await page.getByRole("option", { name: "Redes" }).click();
        await expect.poll(() => estimate.inputValue()).toBe(redes);
        // A decimal typed stays as typed and is refused beside the field (not read as 15).
        await estimate.fill("1.5");
        await page.getByTestId("intake-submit").click();
        await page.getByText("Minutos enteros").waitFor();
        expect(await estimate.inputValue()).toBe("1.5");
        await estimate.fill(redes);
        await page.getByTestId("intake-submit").click();

        await page.getByTestId("intake-result").waitFor();
        folio = (await page.getByTestId("result-folio").textContent()) ?? "";
        expect(folio).toMatch(/^OS-\d{4}-\d{6}$/);
        const response = (await page.getByTestId("result-response").textContent()) ?? "";
        const solution = (await page.getByTestId("result-solution").textContent()) ?? "";
        expect(response).toMatch(DEADLINE);
        expect(solution).toMatch(DEADLINE);
        await shot(page, "02-intake-result");
        // The ticket, opened from there, promises the same deadlines in the same words.
        await page.getByRole("link", { name: "Ver ticket" }).click();
        const facts = page.getByTestId("ticket-facts");
        await facts.getByText(response, { exact: true }).first().waitFor();
        await facts.getByText(solution, { exact: true }).first().waitFor();
      },
      undefined,
    );
  });

  it("an admin narrows a póliza type's categories, and intake says a request it does not cover is per event", async () => {
    await withPage(browser, "coverage", async (page) => {
      await uiLogin(page, server.baseUrl, ADMIN.email, ADMIN.password, "/admin/contract-types");
      const ss = page.getByTestId("coverage-SS");
      await ss.getByLabel("Todas las categorías").uncheck();
      await ss.getByLabel("Categorías que cubre SS").fill("Redes");
      await page.getByRole("option", { name: "Redes" }).click();
      await page.keyboard.press("Escape");
      await ss.getByRole("button", { name: "Guardar cobertura" }).click();
      await expect
        .poll(
          async () =>
            (
              await desk.admin.ok<{ items: { code: string; coverage: unknown }[] }>(
                "GET",
                "/api/contract-types",
              )
            ).items.find((x) => x.code === "SS")?.coverage,
        )
        .toEqual(["redes"]);
      await shot(page, "02b-contract-type-coverage");
    });
    await withPage(browser, "coverage-intake", async (page) => {
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/intake");
      const search = page.getByTestId("caller-search");
      await search.fill("55 8765 4321");
      await page.getByTestId("caller-match").first().getByText("Póliza SS").waitFor();
      await search.press("Enter");
      await page.getByTestId("selected-caller").getByText("Póliza SS activa").waitFor();
      const category = page.getByRole("combobox", { name: "Categoría" });
      await category.click();
      await page.getByRole("option", { name: "Soporte general" }).click();
      const note = page.getByTestId("coverage-note");
      await note.getByText("Se registrará por evento").waitFor();
      await note.getByText("La póliza SS no cubre Soporte general.").waitFor();
      await shot(page, "02c-intake-not-covered");
      // A category the póliza covers: nothing to warn about.
      await category.click();
      await page.getByRole("option", { name: "Redes" }).click();
      await note.waitFor({ state: "detached" });
    });
    // Back to «todas» for the rest of the day's work.
    await desk.admin.ok("PUT", "/api/contract-types/SS/coverage", { coverage: "all" });
  });

  it("reception assigns from the ranked candidates, with reasons", async () => {
    await withPage(
      browser,
      "assign",
      async (page) => {
        await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/queue");
        const row = page.locator(`[data-testid="ticket-row"][data-folio="${folio}"]`);
        await row.waitFor();
        await row.locator('[data-sla="ok"]').waitFor();
        await shot(page, "03-queue");
        await row.getByRole("button", { name: "Asignar" }).click();
        const first = page.getByTestId("candidate").first();
        await first.getByText("Tomás Técnico").waitFor();
        await shot(page, "04-assign-dialog");
        await first.getByRole("button", { name: "Asignar a Tomás Técnico" }).click();
        await page.getByText(`${folio} asignado a Tomás Técnico.`).waitFor();
        await row.waitFor({ state: "detached" }); // leaves the unassigned queue
      },
      undefined,
    );
  });

  it("the technician starts, logs time, messages, a charge, attends and records acceptance (phone screen)", async () => {
    await withPage(
      browser,
      "technician",
      async (page) => {
        await uiLogin(page, server.baseUrl, staff.technician.email, PASSWORD);
        await page.getByRole("heading", { name: "Mis tickets" }).waitFor();
        const card = page.locator(`[data-testid="ticket-card"][data-folio="${folio}"]`);
        await shot(page, "05-mine-phone");
        await card.getByRole("link", { name: folio }).click();
        ticketUrl = page.url();
        await page.getByTestId("action-start").click();
        await statusIs(page, "in_progress");
        // Nothing logged yet: the dialog says what is missing instead of offering a step the server refuses.
        await page.getByTestId("action-attend").click();
        await page.getByTestId("attend-no-time").waitFor();
        expect(await page.getByTestId("attend-confirm").isDisabled()).toBe(true);
        await page.getByTestId("attend-back").click();
        await page.getByTestId("attend-no-time").waitFor({ state: "detached" });

        const form = page.getByTestId("time-form");
        await form.getByText("Presencial").click();
        await page.getByTestId("time-minutes").fill("50");
        await page
          .getByTestId("time-activity")
          .fill("Se reinició el Fortigate y se corrigió la política de salida.");
        await page.getByTestId("time-submit").click();
        await page.getByTestId("time-entries").getByText("50 min").waitFor();
        // On the phone the entry is a card, not a table scrolled sideways; his own, so correctable.
        const entryCard = page.getByTestId("time-entry");
        expect(await entryCard.count()).toBe(1);
        await entryCard.getByRole("button", { name: /^Corregir: 50 min/ }).waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
          true,
        );

        await page.getByRole("tab", { name: /Mensajes/ }).click();
        await page.getByTestId("message-body").fill("Quedó restablecido el acceso a internet.");
        await page.getByTestId("message-submit").click();
        await page.getByTestId("message").first().waitFor();
        await page.getByTestId("message-form").getByText("Nota interna").click();
        await page.getByTestId("message-body").fill("Revisar firmware la próxima visita.");
        await page.getByTestId("message-submit").click();
        await expect.poll(() => page.getByTestId("message").count()).toBe(2);

        await page.getByRole("tab", { name: /Cargos/ }).click();
        await page.getByLabel("Descripción").fill("Cable UTP cat 6");
        await page.getByLabel("Precio unitario").fill("150.50");
        await page.getByRole("button", { name: "Agregar cargo" }).click();
        await page.getByText("$150.50 MXN").first().waitFor();
        // A card on the phone too, with its correction buttons on screen.
        await page.getByTestId("charge").getByRole("button", { name: "Corregir: Cable UTP cat 6" }).waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
          true,
        );

        // A stopwatch left running on the ticket holds time the service order would go without.
        await page.getByRole("tab", { name: /Actividades/ }).click();
        await page.getByTestId("timer-start").click();
        await page.getByTestId("timer-stop").waitFor();
        await page.getByTestId("action-attend").click();
        await page.getByTestId("attend-timer-running").waitFor();
        expect(await page.getByTestId("attend-confirm").isDisabled()).toBe(true);
        await page.getByTestId("attend-back").click();
        await page.getByTestId("timer-stop").click();
        await page.getByTestId("timer-start").waitFor();
        await page.getByTestId("action-attend").click();
        // A confirmation first: what the client's service order will carry, and a way back.
        const summary = page.getByTestId("attend-summary");
        await summary.waitFor();
        expect(await summary.textContent()).toMatch(
          /Tiempo registrado: 50 min \(facturable: [^)]+\) · Cargos: \$150\.50 MXN/,
        );
        expect(await page.getByTestId("attend-timer-running").count()).toBe(0);
        await page.getByTestId("attend-back").click();
        await summary.waitFor({ state: "detached" });
        expect(
          await page.locator('[data-testid="ticket-folio"] ~ [data-status]').getAttribute("data-status"),
        ).toBe("in_progress");
        await page.getByTestId("action-attend").click();
        await page.getByTestId("attend-confirm").click();
        await statusIs(page, "attended");
        await page.getByTestId("signer-name").fill("Ana Martínez");
        await page.getByTestId("action-accept").click();
        await page
          .getByTestId("acceptance")
          .getByText(/Aceptada por Ana Martínez/)
          .waitFor();
        await shot(page, "06-ticket-technician-phone");
      },
      { width: 390, height: 844 },
    );
  });

  it("the senior reviews: raw and rounded time, charges, acceptance; approves", async () => {
    await withPage(
      browser,
      "review",
      async (page) => {
        await uiLogin(page, server.baseUrl, staff.senior.email, PASSWORD, "/review");
        const row = page.locator(`[data-testid="ticket-row"][data-folio="${folio}"]`);
        // The queue says, before opening it, whether the client accepted and how much time there is.
        await row
          .getByTestId("acceptance")
          .getByText(/^Aceptada/)
          .waitFor();
        await row.getByText("50 min").waitFor();
        await row.getByRole("link").click();
        await page.getByTestId("review-panel").waitFor();
        expect(await page.getByTestId("review-raw").textContent()).toBe("50 min");
        expect(await page.getByTestId("review-rounded").textContent()).toBe("1 h");
        await shot(page, "07-review");
        await page.getByTestId("action-review").click();
        await statusIs(page, "reviewed");
      },
      undefined,
    );
  });

  it("the leader closes with a billing status", async () => {
    await withPage(
      browser,
      "close",
      async (page) => {
        await uiLogin(page, server.baseUrl, staff.leader.email, PASSWORD, "/closing");
        const row = page.locator(`[data-testid="ticket-row"][data-folio="${folio}"]`);
        // What closing decides from is in the row: acceptance, the kind of service, the time to bill.
        await row.getByTestId("acceptance").waitFor();
        await row
          .getByTestId("billable")
          .getByText(/\d+ (h|min)/)
          .waitFor();
        await row.getByText(/^(Póliza|Evento)$/).waitFor();
        // One status in this queue: no «Revisado» nor deadline column pushing those off a laptop's right.
        expect(await row.getByText("Revisado").count()).toBe(0);
        expect(await page.getByTestId("table-slides").count()).toBe(0);
        await row.getByRole("link").click();
        await page.getByTestId("close-panel").waitFor();
        await page.getByRole("combobox", { name: "Estado de cobro" }).click();
        await page.getByRole("option", { name: "Por facturar", exact: true }).click();
        await shot(page, "08-close");
        await page.getByTestId("action-close").click();
        await statusIs(page, "closed");
        await page.getByTestId("ticket-facts").getByText("Por facturar").waitFor();
      },
      undefined,
    );
  });

  it("reception records the satisfaction survey; the history tells the whole story", async () => {
    await withPage(
      browser,
      "survey",
      async (page) => {
        await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/surveys");
        const row = page.locator(`[data-testid="survey-row"][data-folio="${folio}"]`);
        await row.getByTestId("survey-open").click();
        for (const q of ["overall", "technician", "timeliness"]) {
          await page.getByTestId(`survey-${q}`).getByText("5", { exact: true }).click();
        }
        await page.getByLabel("Comentarios del cliente").fill("Muy rápido, gracias.");
        await shot(page, "09-survey");
        await page.getByTestId("survey-save").click();
        await row.waitFor({ state: "detached" });

        await page.goto(ticketUrl);
        await page.getByRole("tab", { name: "Historial" }).click();
        const history = page.getByTestId("history");
        for (const text of ["Asignado", "Trabajo iniciado", "Revisado", "Cerrado"]) {
          await history.getByText(new RegExp(text)).first().waitFor();
        }
        await shot(page, "10-history");
      },
      undefined,
    );
  });

  it("the leader closes a per-event ticket leaving the billing status to Mesa: to invoice, with its draft", async () => {
    const as = async (email: string) => ApiSession.login(server.baseUrl, email, PASSWORD);
    const [reception, technician, senior] = [
      await as(staff.reception.email),
      await as(staff.technician.email),
      await as(staff.senior.email),
    ];
    const client = await desk.admin.ok<{ id: string }>("POST", "/api/clients", {
      name: "Taller Sin Póliza",
      phone: "55 4444 1212",
    });
    const ticket = await attendedViaApi<{ id: string; folio: string; serviceKind: string }>(
      { desk: reception, technician, technicianId: staff.technician.id },
      {
        clientId: client.id,
        title: "No imprime la factura",
        description: "",
        urgent: false,
        channel: "phone",
      },
      { entry: { minutes: 40, mode: "remote", activity: "Reinstalación del controlador" } },
    );
    expect(ticket.serviceKind).toBe("event");
    const move = transitionsOf(ticket.id);
    await move(senior, { action: "review", reason: "El cliente aceptó por teléfono" });

    await withPage(browser, "close-automatic", async (page) => {
      await uiLogin(page, server.baseUrl, staff.leader.email, PASSWORD, `/tickets/${ticket.id}`);
      const panel = page.getByTestId("close-panel");
      await panel.waitFor();
      expect(await page.getByTestId("close-billing").inputValue()).toBe("Automático: Por facturar");
      await panel
        .getByTestId("close-billing-auto")
        .getByText(/borrador de factura/)
        .waitFor();
      await shot(page, "08b-close-automatic");
      await page.getByTestId("action-close").click();
      await statusIs(page, "closed");
      await page.getByTestId("ticket-facts").getByText("Por facturar").waitFor();
      // What came of it, and where to go next, without a trip back to the closing queue.
      const after = page.getByTestId("closed-next");
      await after.getByText(`${ticket.folio} quedó cerrado · Cobro: Por facturar`).waitFor();
      await after.getByText("No quedan tickets revisados por cerrar.").waitFor();
      const draft = after.getByTestId("closed-invoice");
      await draft.getByText(/^Se creó el borrador PF-\d{4}-\d{6} por \$[\d,.]+\./).waitFor();
      const invoiceFolio = (await draft.textContent())!.match(/PF-\d{4}-\d{6}/)![0];
      await draft.getByRole("link", { name: "Verlo en Facturación" }).click();
      // The billing list opens that draft's detail.
      await page.getByTestId("invoice-facts").waitFor();
      expect(await page.getByRole("dialog").textContent()).toContain(invoiceFolio);
    });
    const closed = await desk.admin.ok<{ billingStatus: string }>("GET", `/api/tickets/${ticket.id}`);
    expect(closed.billingStatus).toBe("to_invoice");
    const { items } = await desk.admin.ok<{ items: Invoice[] }>("GET", "/api/invoices?status=draft");
    expect(items.filter((i) => i.ticketId === ticket.id)).toHaveLength(1);
  });
});
