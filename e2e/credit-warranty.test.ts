import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  browserMissing,
  type Desk,
  openDesk,
  PASSWORD,
  type Server,
  type Staff,
  shot,
  uiLogin,
  withPage,
} from "./helpers";

const CLIENT = "Ferretería La Única";

describe.skipIf(browserMissing)("credit requests, warranty and loaners", { timeout: 180_000 }, () => {
  let desk: Desk;
  let server: Server;
  let browser: Browser;
  let staff: Staff;
  let ticketId: string;
  const sales = { email: "ventas@encor.mx", name: "Vera Ventas" };

  beforeAll(async () => {
    desk = await openDesk();
    ({ server, browser, staff } = desk);
    const admin = desk.admin;
    await admin.ok("POST", "/api/users", { ...sales, password: PASSWORD, roles: ["sales"] });
    await admin.ok("POST", "/api/credit-requests", {
      clientId: desk.clientId,
      creditDays: 30,
      creditLimitCents: 2_000_000,
      reason: "Cliente desde 2019, paga a tiempo",
    });
    const ticket = await admin.ok<{ id: string; serviceKind: string }>("POST", "/api/tickets", {
      clientId: desk.clientId,
      contactId: desk.contactId,
      title: "Servidor sin arrancar",
      description: "Falla total del servidor de archivos",
      urgent: true,
      channel: "phone",
    });
    expect(ticket.serviceKind).toBe("contract");
    ticketId = ticket.id;
    await admin.ok("POST", `/api/tickets/${ticketId}/transitions`, {
      action: "assign",
      assigneeId: staff.technician.id,
    });
    await admin.ok("POST", "/api/loaners", { equipment: "Servidor Dell T150", serial: "DL-T150-01" });
  }, 120_000);

  afterAll(async () => {
    await desk?.close();
  });

  it("Ventas approves a credit request from the queue, with a reason; the client then has credit", async () => {
    await withPage(browser, "credit-queue", async (page) => {
      await uiLogin(page, server.baseUrl, sales.email, PASSWORD, "/credit");
      const row = page.locator('[data-testid="credit-request-row"]', { hasText: CLIENT });
      await row.getByText("30 días · límite $20,000.00 MXN").waitFor();
      await row.getByTestId("credit-approve").click();
      const dialog = page.getByRole("dialog");
      await dialog.getByLabel("Motivo de la decisión").fill("Historial de pagos limpio");
      await dialog.getByRole("button", { name: "Aprobar" }).click();
      await page.getByText("Crédito aprobado.").waitFor();
      await page.getByText("No hay solicitudes.").waitFor();
      await shot(page, "40-credit-approved");
    });
    const credit = await desk.admin.ok<{ paymentTerms: string; creditLimitCents: number }>(
      "GET",
      `/api/clients/${desk.clientId}/credit`,
    );
    expect(credit).toMatchObject({ paymentTerms: "credit", creditLimitCents: 2_000_000 });
  });

  it("an RFC whose check digit fails is confirmed in a box right under the RFC field", async () => {
    await withPage(browser, "rfc-confirm", async (page) => {
      await uiLogin(page, server.baseUrl, staff.leader.email, PASSWORD, `/clients?client=${desk.clientId}`);
      const form = page.getByRole("dialog", { name: CLIENT }).getByTestId("client-form");
      const rfc = form.getByRole("textbox", { name: "RFC" });
      await rfc.fill("FLU850101AB7");
      await form.getByRole("button", { name: "Guardar" }).click();
      const confirm = form.getByRole("checkbox", { name: /se esperaba A\)/ });
      await confirm.waitFor();
      // In the RFC's column and below it, not in the next grid cell (under «Razón social»).
      const [field, box] = [await rfc.boundingBox(), await confirm.boundingBox()];
      expect(box && field && Math.abs(box.x - field.x)).toBeLessThan(2);
      expect(box && field && box.y - (field.y + field.height)).toBeGreaterThanOrEqual(0);
      await confirm.check();
      await form.getByRole("button", { name: "Guardar" }).click();
      await page.getByText("Cliente guardado.").waitFor();
    });
  });

  it("the technician records the warranty case and lends a loaner on the ticket; it comes back", async () => {
    await withPage(browser, "loaner", async (page) => {
      await uiLogin(page, server.baseUrl, staff.technician.email, PASSWORD, `/tickets/${ticketId}`);
      const panel = page.getByTestId("warranty-panel");
      await panel
        .getByText("Póliza: el trámite de garantía y el equipo de repuesto no tienen costo.")
        .waitFor();
      await panel.getByRole("button", { name: "Registrar garantía" }).click();
      await panel.getByLabel("Fabricante").fill("Dell");
      await panel.getByLabel("Modelo").fill("PowerEdge T150");
      await panel.getByLabel("Número de serie").fill("7XK2P93");
      await panel.getByLabel("Número de RMA").fill("RMA-55021");
      // Days are typed as the desk writes them; one that does not exist is caught before saving.
      await panel.getByLabel("Enviado el").fill("31/02/2026");
      await panel.getByRole("button", { name: "Guardar garantía" }).click();
      await panel.getByText("Fecha inexistente: ese día no está en el calendario.").waitFor();
      await panel.getByLabel("Enviado el").fill("15/01/2026");
      await panel.getByRole("button", { name: "Guardar garantía" }).click();
      const summary = panel.getByTestId("warranty-summary");
      await summary.getByText("Dell PowerEdge T150 · 7XK2P93").waitFor();
      await summary.getByText("RMA RMA-55021 · enviado 15/01/2026 · regresó —").waitFor();

      const loans = panel.getByTestId("ticket-loans");
      await loans.getByLabel("Equipo disponible").click();
      await page.getByRole("option", { name: "Servidor Dell T150 · DL-T150-01" }).click();
      await loans.getByLabel("Devolver el").fill("31/01/2099");
      await loans.getByRole("button", { name: "Prestar" }).click();
      await loans
        .getByTestId("ticket-loan")
        .getByText("Servidor Dell T150 (DL-T150-01) prestado, devolver el 31/01/2099")
        .waitFor();
      await shot(page, "41-loaner-lent");

      await page.goto(`${server.baseUrl}/loaners`);
      const row = page.locator('[data-testid="loaner-row"]', { hasText: "DL-T150-01" });
      await row.getByTestId("loaner-state").getByText("Prestado").waitFor();
      await row.getByRole("button", { name: "Registrar devolución" }).click();
      await row.getByTestId("loaner-state").getByText("Disponible").waitFor();
      await shot(page, "42-loaner-returned");
    });
    const loans = await desk.admin.ok<{ items: { returnedAt: string | null }[] }>(
      "GET",
      `/api/tickets/${ticketId}/loans`,
    );
    expect(loans.items).toHaveLength(1);
    expect(loans.items[0]).toMatchObject({ dueOn: "2099-01-31" });
    const warranty = await desk.admin.ok<{ warrantyCase: { sentOn: string } }>(
      "GET",
      `/api/tickets/${ticketId}/warranty`,
    );
    expect(warranty.warrantyCase.sentOn).toBe("2026-01-15");
    expect(loans.items[0]!.returnedAt).not.toBeNull();
  });

  it("with every loaner out, the ticket says so instead of an empty «Prestar» form (phone)", async () => {
    const { items } = await desk.admin.ok<{ items: { id: string }[] }>("GET", "/api/loaners");
    for (const loaner of items)
      await desk.admin.ok("POST", `/api/loaners/${loaner.id}/lend`, { ticketId, dueOn: "2099-02-28" });
    await withPage(
      browser,
      "no-loaners",
      async (page) => {
        await uiLogin(page, server.baseUrl, staff.technician.email, PASSWORD, `/tickets/${ticketId}`);
        const loans = page.getByTestId("ticket-loans");
        await loans.getByText("No hay equipos disponibles").waitFor();
        expect(await loans.getByRole("button", { name: "Prestar" }).count()).toBe(0);
        expect(await loans.getByLabel("Equipo disponible").count()).toBe(0);
      },
      { width: 390, height: 844 },
    );
  });
});
