/**
 * Billing in the browser: Ventas sets a rate; the leader runs the month, edits the draft's price (its
 * total follows, and a save over someone else's edit offers to compare), issues the contract's invoice
 * and exports it for Microsip (a CSV download that marks it exported).
 */
import { readFile } from "node:fs/promises";
import type { Browser, Locator, Page } from "playwright-core";
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

describe.skipIf(browserMissing)("billing pages", { timeout: 180_000 }, () => {
  let desk: Desk;
  let server: Server;
  let browser: Browser;
  let staff: Staff;
  const sales = { email: "ventas@encor.mx", name: "Vera Ventas" };

  beforeAll(async () => {
    desk = await openDesk();
    ({ server, browser, staff } = desk);
    await desk.admin.ok("POST", "/api/users", { ...sales, password: PASSWORD, roles: ["sales"] });
  }, 120_000);
  afterAll(async () => {
    await desk?.close();
  });

  it("Ventas adds an hourly rate to the price list", async () => {
    await withPage(browser, "rates", async (page) => {
      await uiLogin(page, server.baseUrl, sales.email, PASSWORD, "/rates");
      await page.getByRole("heading", { name: "Tarifas por hora" }).waitFor();
      await page.getByRole("combobox", { name: "Categoría" }).click();
      await page.getByRole("option", { name: "Redes" }).click();
      await page.getByRole("textbox", { name: "Precio por hora" }).fill("650.00");
      await page.getByRole("button", { name: "Agregar tarifa" }).click();
      const row = page.getByTestId("rate-row").filter({ hasText: "redes" });
      await row.waitFor();
      expect(await row.getByRole("textbox", { name: "Precio por hora" }).inputValue()).toBe("650.00");
    });
  });

  it("Ventas changes one event ticket's rate, with a reason", async () => {
    const client = await desk.admin.ok<{ id: string }>("POST", "/api/clients", {
      name: "Papelería Evento",
      phone: "55 2222 3333",
    });
    const ticket = await desk.admin.ok<{ id: string }>("POST", "/api/tickets", {
      clientId: client.id,
      title: "Red caída",
      description: "",
      urgent: false,
      channel: "phone",
      category: "redes",
    });
    await withPage(browser, "ticket-rate", async (page) => {
      await uiLogin(page, server.baseUrl, sales.email, PASSWORD, `/tickets/${ticket.id}`);
      const panel = page.getByTestId("ticket-rate");
      await panel.getByText("Lista de precios: categoría redes").waitFor();
      await panel.getByText("$650.00 MXN").waitFor();
      await panel.getByRole("button", { name: "Cambiar tarifa" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByRole("textbox", { name: "Nueva tarifa por hora" }).fill("480.50");
      await dialog.getByRole("button", { name: "Guardar tarifa" }).click();
      await dialog.getByText("Indica el motivo.").waitFor();
      await dialog.getByRole("textbox", { name: "Motivo" }).fill("Precio de introducción");
      await dialog.getByRole("button", { name: "Guardar tarifa" }).click();
      await panel.getByText("$480.50 MXN").waitFor();
      await panel.getByText("Cambiada para este ticket").waitFor();
      await panel.getByText(/: Precio de introducción$/).waitFor();
      await shot(page, "42-ticket-rate");
    });
    // A (senior) technician's ticket page has no rate.
    await withPage(browser, "ticket-rate-technician", async (page) => {
      await uiLogin(page, server.baseUrl, staff.senior.email, PASSWORD, `/tickets/${ticket.id}`);
      await page.getByTestId("ticket-folio").waitFor();
      expect(await page.getByTestId("ticket-rate").count()).toBe(0);
    });
  });

  /** The leader changes the draft's price; someone else saves the draft first; the leader re-applies. */
  async function editDraftPrice(page: Page, row: Locator) {
    await row.getByRole("button", { name: "Editar" }).click();
    const editor = page.getByTestId("draft-editor");
    const price = editor.getByRole("textbox", { name: "Precio unitario · Partida 1" });
    await price.fill("38.001");
    await editor.getByRole("button", { name: "Guardar borrador" }).click();
    await editor.getByText("Escribe un importe en pesos, con hasta dos decimales.").waitFor();
    await price.fill("3,800");
    await editor.getByTestId("draft-tax").getByText("$608.00 MXN").waitFor();
    await editor.getByTestId("draft-total").getByText("$4,408.00 MXN").waitFor();
    await shot(page, "43-draft-editor");
    const [draft] = (await desk.admin.ok<{ items: Invoice[] }>("GET", "/api/invoices?status=draft")).items;
    const lines = [{ description: "Otra partida", quantity: 1, unitPriceCents: 100 }];
    await desk.admin.ok("PATCH", `/api/invoices/${draft!.id}`, { lines, version: draft!.version });
    await editor.getByRole("button", { name: "Guardar borrador" }).click();
    const conflict = page.getByTestId("conflict-dialog");
    await conflict.getByText("Otra partida", { exact: false }).waitFor();
    // The compare dialog says nothing went wrong beyond the other person's save.
    expect(await conflict.getByRole("alert").count()).toBe(0);
    await shot(page, "44-draft-conflict");
    await page.getByTestId("conflict-reapply").click();
    await editor.waitFor({ state: "detached" });
  }

  it("the leader runs the month, edits the draft, issues the invoice and exports it", async () => {
    await withPage(browser, "billing", async (page) => {
      await uiLogin(page, server.baseUrl, staff.leader.email, PASSWORD, "/billing");
      await page.getByRole("heading", { name: "Facturación" }).waitFor();
      await page.getByRole("button", { name: "Facturar periodo" }).click();
      await page
        .getByTestId("run-result")
        .getByText(/^1 factura nueva en \d{4}-\d{2}/)
        .waitFor();
      const row = page.getByTestId("invoices").locator("tbody tr").first();
      await row.getByText("Ferretería La Única").waitFor();
      await row.getByTestId("invoice-status").getByText("Borrador").waitFor();
      // 3,500.00 + 16 % IVA
      await row.getByText("$4,060.00 MXN").waitFor();
      await editDraftPrice(page, row);
      // 3,800.00 + 16 % IVA
      await row.getByText("$4,408.00 MXN").waitFor();
      // Issuing mails the client: it is asked first, naming the address (its only contact's), and
      // closing the question leaves a draft.
      await row.getByRole("button", { name: "Emitir" }).click();
      const ask = page.getByRole("dialog", { name: /^¿Emitir la prefactura PF-/ });
      await ask
        .getByText(
          /se envía por correo a ana@launica\.mx \(Ferretería La Única\) con el PDF adjunto, por \$4,408\.00 MXN/,
        )
        .waitFor();
      // «Volver», not «Cancelar»: the row has its own «Descartar borrador» («Cancelar factura» once issued).
      await ask.getByRole("button", { name: "Volver" }).click();
      await ask.waitFor({ state: "detached" });
      await row.getByTestId("invoice-status").getByText("Borrador").waitFor();
      await row.getByRole("button", { name: "Emitir" }).click();
      await ask.getByRole("button", { name: "Emitir y enviar" }).click();
      await row.getByTestId("invoice-status").getByText("Emitida").waitFor();
      await ask.waitFor({ state: "detached" });
      await shot(page, "40-billing-issued");
      // The folio opens the invoice as its PDF reads: whom it bills, where it stands, its lines headed.
      await row.getByRole("button", { name: /^PF-/ }).click();
      const detail = page.getByRole("dialog", { name: /^PF-/ });
      const facts = detail.getByTestId("invoice-facts");
      await facts.getByText("Ferretería La Única · RFC FLU850101ABA").waitFor();
      await facts.getByTestId("invoice-status").getByText("Emitida").waitFor();
      await facts.getByText("Enviada por correo a").waitFor();
      await facts.getByTestId("invoice-mailed-to").getByText("ana@launica.mx").waitFor();
      await detail.getByRole("columnheader", { name: "Cantidad" }).waitFor();
      await detail.getByRole("columnheader", { name: "Precio unitario" }).waitFor();
      await detail.getByText("IVA (16 %)").waitFor();
      await detail.getByText("$4,408.00 MXN").waitFor();
      await page.keyboard.press("Escape");
      await detail.waitFor({ state: "detached" });

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Exportar a Microsip (CSV)" }).click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^facturas-\d{4}-\d{2}-\d{2}\.csv$/);
      const csv = await readFile((await download.path())!, "utf8");
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      expect(csv).toContain("Ferretería La Única");
      expect(csv).toContain("FLU850101ABA"); // the seeded client's RFC (e2e/helpers.ts)
      await row.getByTestId("invoice-status").getByText("Exportada").waitFor();
      // The Excel export is offered too; with everything exported it says there is nothing left.
      await page.getByRole("button", { name: "Exportar a Microsip (Excel)" }).click();
      const nothingLeft = page.getByText(
        "No hay facturas emitidas por exportar. Las ya exportadas se descargan otra vez (en CSV o Excel) con Estatus = Exportada.",
      );
      await nothingLeft.waitFor();
      // Another month than this one is asked first; going back runs nothing.
      const periodField = page.getByLabel("Periodo (AAAA-MM)");
      const thisMonth = await periodField.inputValue();
      await periodField.fill("2025-01");
      await page.getByRole("button", { name: "Facturar periodo" }).click();
      const other = page.getByRole("dialog", { name: "¿Facturar enero de 2025?" });
      await other.getByText(/^El mes en curso es .* Se harán los borradores de enero de 2025/).waitFor();
      await other.getByRole("button", { name: "Volver" }).click();
      await other.waitFor({ state: "detached" });
      await periodField.fill(thisMonth);
      // A second run of the same month makes nothing new.
      await page.getByRole("button", { name: "Facturar periodo" }).click();
      await page
        .getByTestId("run-result")
        .getByText(/^Nada nuevo en/)
        .waitFor();

      // Microsip lost the file: the exported invoices, filtered, are downloaded again.
      const filters = page.getByTestId("invoice-filters");
      await filters.getByRole("combobox", { name: "Estatus" }).click();
      await page.getByRole("option", { name: "Exportada" }).click();
      await page.waitForURL(/status=exported/);
      // What the export said belonged to the list as it was; the new filter clears it.
      await nothingLeft.waitFor({ state: "detached" });
      const [again] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: /^Volver a exportar .* \(CSV\)$/ }).click(),
      ]);
      expect(await readFile((await again.path())!, "utf8")).toContain("Ferretería La Única");
      // A month with no invoices empties the list; the filter stays in the address.
      await filters.getByLabel("Mes de la factura (AAAA-MM)").fill("2020-01");
      await page.getByText("No hay facturas con estos filtros.").waitFor();
      await page.waitForURL(/period=2020-01/);
    });
  });
  /** A draft invoice of a new client with no e-mail anywhere and no RFC: an event ticket, closed. */
  async function draftWithoutAddress(client: string) {
    const as = async (email: string) => ApiSession.login(server.baseUrl, email, PASSWORD);
    const reception = await as(staff.reception.email);
    const technician = await as(staff.technician.email);
    const senior = await as(staff.senior.email);
    const leader = await as(staff.leader.email);
    const c = await reception.ok<{ id: string }>("POST", "/api/clients", { name: client });
    await reception.ok("POST", "/api/contacts", { clientId: c.id, name: "Sin Correo" });
    const ticket = await attendedViaApi(
      { desk: reception, technician, technicianId: staff.technician.id },
      { clientId: c.id, title: "Cableado", description: "Nodo nuevo", urgent: false, channel: "phone" },
      { entry: { minutes: 60, mode: "onsite", activity: "Cableado" } },
    );
    const go = transitionsOf(ticket.id);
    await go(technician, { action: "accept", signerName: "Firma" });
    await go(senior, { action: "review" });
    await go(leader, { action: "close" });
  }

  it("issuing for a client with no address says nothing will be sent, and a refusal stays in the question", async () => {
    const client = "Taller Sin Correo";
    await draftWithoutAddress(client);
    await withPage(browser, "billing-no-address", async (page) => {
      await uiLogin(page, server.baseUrl, staff.leader.email, PASSWORD, "/billing");
      const row = page.getByTestId("invoices").locator("tbody tr", { hasText: client });
      await row.getByTestId("invoice-status").getByText("Borrador").waitFor();
      await row.getByRole("button", { name: "Emitir" }).click();
      const ask = page.getByRole("dialog", { name: /^¿Emitir la prefactura PF-/ });
      await ask
        .getByText(/pero no se envía: Taller Sin Correo no tiene correo de facturación ni propio/)
        .waitFor();
      await ask.getByRole("button", { name: "Emitir sin enviar" }).click();
      // No RFC: the refusal is read where it was asked, and the invoice stays a draft.
      await ask.getByTestId("issue-error").getByText(/RFC/).waitFor();
      await shot(page, "45-billing-issue-refused");
      await ask.getByRole("button", { name: "Volver" }).click();
      await row.getByTestId("invoice-status").getByText("Borrador").waitFor();
    });
  });

  it("the leader sees the contract's hour bank with its burn-down chart", async () => {
    await withPage(browser, "hour-bank", async (page) => {
      await uiLogin(page, server.baseUrl, staff.leader.email, PASSWORD, "/contracts");
      await page.getByRole("button", { name: "Horas" }).first().click();
      const dialog = page.getByRole("dialog");
      await dialog.getByText("Bolsa de horas", { exact: true }).waitFor();
      // The month by its name, this one first; the arrows go back through the earlier ones.
      const picker = dialog.getByTestId("hour-bank-month");
      const thisMonth = (await picker.getByText(/^[a-z]+ de \d{4}$/).textContent()) ?? "";
      const later = picker.getByRole("button", { name: "Mes siguiente" });
      expect(await later.isDisabled()).toBe(true);
      await picker.getByRole("button", { name: "Mes anterior" }).click();
      await expect.poll(() => picker.getByText(/^[a-z]+ de \d{4}$/).textContent()).not.toBe(thisMonth);
      await dialog.getByText("Sin tickets revisados en el mes.").waitFor();
      expect(await later.isDisabled()).toBe(false);
      await later.click();
      await picker.getByText(thisMonth, { exact: true }).waitFor();
      await dialog.getByTestId("hourBank.included").getByText("10 h").waitFor();
      // Mantine's AreaChart (recharts): the month's hours left, the bank and zero as reference lines.
      const chart = dialog.getByTestId("burn-down");
      // Today (the 1st of the month in this run, or later) has its point: a dot on the line.
      await chart.locator("circle").first().waitFor();
      await chart.getByText("Incluidas").waitFor();
      expect(await chart.locator(".recharts-reference-line").count()).toBe(2);
      // The whole month on the axis (its last day is at least the 28th); hours in whole steps up to
      // the bank's 10 h (not 0, 3 … 12 h), both axes named.
      await chart.getByText("28", { exact: true }).waitFor();
      await chart.locator(".recharts-cartesian-axis-tick-value", { hasText: /^10 h$/ }).waitFor();
      for (const text of ["Horas disponibles", "Día del mes"]) await chart.getByText(text).waitFor();
      await shot(page, "41-hour-bank");
    });
  });

  it("the admin sets the IVA rate as a percentage", async () => {
    await withPage(browser, "tax", async (page) => {
      await uiLogin(page, server.baseUrl, ADMIN.email, ADMIN.password, "/admin/tax");
      await page.getByTestId("tax-current").getByText("Tasa vigente: 16 %").waitFor();
      const field = page.getByRole("textbox", { name: "IVA (%)" });
      await field.fill("101");
      await page.getByRole("button", { name: "Guardar" }).click();
      await page.getByText("Escribe un porcentaje de 0 a 100 con hasta dos decimales.").waitFor();
      await field.fill("8");
      await page.getByRole("button", { name: "Guardar" }).click();
      await page.getByTestId("tax-current").getByText("Tasa vigente: 8 %").waitFor();
      expect(await desk.admin.ok("GET", "/api/billing/settings")).toMatchObject({ taxBasisPoints: 800 });
    });
  });
});
