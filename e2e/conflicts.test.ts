/**
 * Retries and concurrent edits in a real browser: a double submission or a retry after a lost answer
 * at intake makes one ticket; two staff editing the same ticket get a comparison, not a silent revert.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  ApiSession,
  browserMissing,
  type Desk,
  newPage,
  openDesk,
  PASSWORD,
  type Server,
  type Staff,
  shot,
  uiLogin,
  withPage,
} from "./helpers";

interface TicketJson {
  id: string;
  folio: string;
  title: string;
  urgent: boolean;
  estimatedSolutionMinutes: number | null;
  responseDueAt: string;
}

describe.skipIf(browserMissing)("retries and stale edits", { timeout: 180_000 }, () => {
  let desk: Desk;
  let server: Server;
  let browser: Browser;
  let staff: Staff;
  let admin: ApiSession;
  let clientId = "";

  beforeAll(async () => {
    desk = await openDesk();
    ({ server, browser, staff, admin, clientId } = desk);
  }, 120_000);

  afterAll(async () => {
    await desk?.close();
  });

  const ticketsTitled = async (title: string) =>
    (
      await admin.ok<{ items: TicketJson[] }>("GET", `/api/tickets?clientId=${clientId}&limit=200`)
    ).items.filter((t) => t.title === title);

  /** Reception at intake with the caller picked and the form filled with `title`. */
  async function fillIntake(page: Page, title: string) {
    await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/intake");
    await page.getByTestId("caller-search").fill("55 8765 4321");
    await page.getByTestId("caller-match").first().waitFor();
    await page.getByTestId("caller-search").press("Enter");
    await page.getByTestId("selected-caller").waitFor();
    await page.getByLabel("Asunto").fill(title);
    await page.getByRole("radio", { name: "No", exact: true }).check();
  }

  it("a double submission of «Registrar» makes one ticket", async () => {
    await withPage(browser, "double-submit", async (page) => {
      await fillIntake(page, "Doble clic en Registrar");
      // Two submissions before the button shows it is busy: a double click, or Enter pressed twice.
      await page.getByTestId("intake-form").evaluate((form: HTMLFormElement) => {
        form.requestSubmit();
        form.requestSubmit();
      });
      await page.getByTestId("intake-result").waitFor();
    });
    expect(await ticketsTitled("Doble clic en Registrar")).toHaveLength(1);
  });

  it("«Registrar» again after the answer was lost on the network makes one ticket", async () => {
    await withPage(browser, "retry-intake", async (page) => {
      await fillIntake(page, "Reintento tras corte de red");
      let lost = false;
      await page.route("**/api/tickets", async (route) => {
        if (route.request().method() !== "POST" || lost) return route.continue();
        lost = true;
        await route.fetch(); // the server stores the ticket…
        await route.abort("connectionreset"); // …but its answer never reaches the browser
      });
      await page.getByTestId("intake-submit").click();
      await page.getByText("Sin conexión con el servidor").waitFor();
      expect(await ticketsTitled("Reintento tras corte de red")).toHaveLength(1);
      await page.getByTestId("intake-submit").click();
      await page.getByTestId("intake-result").waitFor();
      const [ticket] = await ticketsTitled("Reintento tras corte de red");
      expect(await page.getByTestId("result-folio").textContent()).toBe(ticket!.folio);
    });
    expect(await ticketsTitled("Reintento tras corte de red")).toHaveLength(1);
  });

  it("a stale ticket edit opens the comparison; re-applying keeps the other person's urgency", async () => {
    const reception = await ApiSession.login(server.baseUrl, staff.reception.email, PASSWORD);
    const created = await reception.ok<TicketJson>("POST", "/api/tickets", {
      clientId,
      title: "Impresora de facturas",
      description: "No imprime",
      urgent: false,
      channel: "phone",
    });
    const url = `/tickets/${created.id}`;
    const leader = await newPage(browser);
    const stale = await newPage(browser);
    try {
      await uiLogin(leader.page, server.baseUrl, staff.leader.email, PASSWORD, url);
      await uiLogin(stale.page, server.baseUrl, staff.reception.email, PASSWORD, url);
      const mine = stale.page.getByTestId("classification");
      await mine.getByLabel("Tiempo estimado de solución (min)").fill("120");

      const theirs = leader.page.getByTestId("classification");
      await theirs.getByRole("switch", { name: "Urgente" }).check({ force: true });
      await theirs.getByLabel("Motivo").fill("El cliente no puede facturar");
      await theirs.getByRole("button", { name: "Guardar" }).click();
      await leader.page.getByText("Cambios guardados.").waitFor();

      await mine.getByRole("button", { name: "Guardar" }).click();
      const dialog = stale.page.getByTestId("conflict-dialog");
      await dialog.waitFor();
      const row = (field: string) => dialog.locator(`tr[data-field="${field}"] td`);
      expect(await row("urgent").allTextContents()).toEqual(["Urgente", "Sí", "(sin cambio)"]);
      expect(await row("estimatedSolutionMinutes").allTextContents()).toEqual([
        "Tiempo estimado de solución (min)",
        "—",
        "120",
      ]);
      await dialog.locator('tr[data-field="responseDueAt"]').waitFor();
      await shot(stale.page, "23-edit-conflict");

      await dialog.getByTestId("conflict-reapply").click();
      await stale.page.getByText("Cambios guardados.").waitFor();
      await dialog.waitFor({ state: "detached" });
      const now = await reception.ok<TicketJson>("GET", `/api/tickets/${created.id}`);
      expect(now).toMatchObject({ urgent: true, estimatedSolutionMinutes: 120 });
      expect(now.responseDueAt).not.toBe(created.responseDueAt);
    } catch (error) {
      await shot(stale.page, "fail-edit-conflict").catch(() => undefined);
      throw error;
    } finally {
      await leader.context.close();
      await stale.context.close();
    }
  });

  it("two admins editing one account: the second sees the other's change and re-applies hers", async () => {
    const made = await admin.ok<{ id: string }>("POST", "/api/users", {
      email: "rosa@encor.mx",
      name: "Rosa Revisora",
      password: PASSWORD,
      roles: ["technician"],
    });
    await withPage(browser, "user-conflict", async (page) => {
      await uiLogin(page, server.baseUrl, ADMIN.email, ADMIN.password, "/admin/users");
      await page.getByTestId("users").getByRole("button", { name: "Rosa Revisora" }).click();
      const editor = page.getByRole("dialog");
      await editor.getByLabel("Nombre").fill("Rosa Revisora Díaz");
      // Meanwhile another admin makes her a senior.
      await admin.ok("PATCH", `/api/users/${made.id}`, { roles: ["technician", "senior"] });
      await editor.getByRole("button", { name: "Guardar" }).click();
      const dialog = page.getByTestId("conflict-dialog");
      await dialog.waitFor();
      const row = (field: string) => dialog.locator(`tr[data-field="${field}"] td`);
      expect(await row("name").allTextContents()).toEqual(["Nombre", "Rosa Revisora", "Rosa Revisora Díaz"]);
      expect((await row("roles").allTextContents())[0]).toBe("Roles");
      await dialog.getByTestId("conflict-reapply").click();
      await page.getByText("Usuario Rosa Revisora Díaz guardado.").waitFor();
      const now = await admin.ok<{ name: string; roles: string[] }>("GET", `/api/users/${made.id}`);
      expect(now).toMatchObject({ name: "Rosa Revisora Díaz", roles: ["technician", "senior"] });
    });
  });

  /** A phone ticket assigned to the technician and started; the technician's API session with it. */
  async function technicianWorking(title: string, description: string) {
    const technician = await ApiSession.login(server.baseUrl, staff.technician.email, PASSWORD);
    const ticket = await admin.ok<TicketJson>("POST", "/api/tickets", {
      clientId,
      title,
      description,
      urgent: false,
      channel: "phone",
    });
    const path = `/api/tickets/${ticket.id}`;
    await admin.ok("POST", `${path}/transitions`, { action: "assign", assigneeId: staff.technician.id });
    await technician.ok("POST", `${path}/transitions`, { action: "start" });
    return { technician, ticket, path };
  }

  it("a time entry or charge corrected by someone else first: the comparison, then mine on top", async () => {
    const { technician, ticket, path } = await technicianWorking("Conmutador del almacén", "Sin enlace");
    const entry = await technician.ok<{ id: string }>("POST", `${path}/time-entries`, {
      minutes: 30,
      mode: "remote",
      activity: "Diagnóstico",
    });
    const charge = await technician.ok<{ id: string }>("POST", `${path}/charges`, {
      kind: "consumable",
      description: "Cable UTP",
      quantity: 1,
      unitPriceCents: 15_000,
    });
    await withPage(browser, "work-conflict", async (page) => {
      await uiLogin(page, server.baseUrl, staff.technician.email, PASSWORD, `/tickets/${ticket.id}`);
      await page.getByRole("button", { name: /^Corregir: 30 min/ }).click();
      const editor = page.getByTestId("time-edit-form");
      await editor.getByLabel("Minutos").fill("40");
      // Meanwhile, in another tab, the same entry is corrected to 55 minutes with another activity.
      await technician.ok("PATCH", `${path}/time-entries/${entry.id}`, {
        minutes: 55,
        mode: "remote",
        activity: "Diagnóstico y cambio de cable",
        version: 1,
      });
      await editor.getByRole("button", { name: "Guardar corrección" }).click();
      const dialog = page.getByTestId("conflict-dialog");
      const row = (field: string) => dialog.locator(`tr[data-field="${field}"] td`);
      await dialog.waitFor();
      expect(await row("minutes").allTextContents()).toEqual(["Minutos", "55 min", "40 min"]);
      expect((await row("activity").allTextContents())[2]).toBe("(sin cambio)");
      await dialog.getByTestId("conflict-reapply").click();
      await page.getByText("Corrección guardada.").waitFor();
      await editor.waitFor({ state: "detached" });

      await page.getByRole("tab", { name: /Cargos/ }).click();
      await page.getByRole("button", { name: "Corregir: Cable UTP" }).click();
      const chargeEditor = page.getByTestId("charge-edit-form");
      await chargeEditor.getByLabel("Descripción").fill("Cable UTP cat 6");
      await technician.ok("PATCH", `${path}/charges/${charge.id}`, {
        kind: "consumable",
        description: "Cable UTP",
        quantity: 3,
        unitPriceCents: 15_000,
        version: 1,
      });
      await chargeEditor.getByRole("button", { name: "Guardar corrección" }).click();
      await row("quantity").first().waitFor();
      expect(await row("quantity").allTextContents()).toEqual(["Cantidad", "3", "(sin cambio)"]);
      await dialog.getByTestId("conflict-reapply").click();
      await chargeEditor.waitFor({ state: "detached" });
    });
    const now = await technician.ok<{
      timeEntries: { minutes: number; activity: string }[];
      charges: { description: string; quantity: number }[];
    }>("GET", path);
    expect(now.timeEntries).toMatchObject([{ minutes: 40, activity: "Diagnóstico y cambio de cable" }]);
    expect(now.charges).toMatchObject([{ description: "Cable UTP cat 6", quantity: 3 }]);
  });

  it("removing a charge someone corrected meanwhile: refused once, then the current one goes", async () => {
    const { technician, ticket, path } = await technicianWorking("Teléfono de recepción", "Sin tono");
    const charge = await technician.ok<{ id: string }>("POST", `${path}/charges`, {
      kind: "consumable",
      description: "Cable telefónico",
      quantity: 1,
      unitPriceCents: 10_000,
    });
    await withPage(browser, "remove-conflict", async (page) => {
      await uiLogin(page, server.baseUrl, staff.technician.email, PASSWORD, `/tickets/${ticket.id}`);
      await page.getByRole("tab", { name: /Cargos/ }).click();
      await page.getByRole("button", { name: "Eliminar: Cable telefónico" }).click();
      const dialog = page.getByTestId("remove-work-dialog");
      await technician.ok("PATCH", `${path}/charges/${charge.id}`, {
        kind: "consumable",
        description: "Cable telefónico",
        quantity: 2,
        unitPriceCents: 10_000,
        version: 1,
      });
      await dialog.getByRole("button", { name: "Eliminar" }).click();
      await dialog.getByRole("alert").or(dialog.locator(".mantine-Alert-root")).first().waitFor();
      // The dialog now names the charge as it is (two cables) and removes that one.
      await dialog.getByText(/\$200\.00/).waitFor();
      await dialog.getByRole("button", { name: "Eliminar" }).click();
      await page.getByText("Cargo eliminado.").waitFor();
    });
    expect((await technician.ok<{ charges: unknown[] }>("GET", path)).charges).toEqual([]);
  });

  it("a refresh that fails keeps the ticket on screen and says it may be out of date", async () => {
    const reception = await ApiSession.login(server.baseUrl, staff.reception.email, PASSWORD);
    const created = await reception.ok<TicketJson>("POST", "/api/tickets", {
      clientId,
      title: "Servidor de correo lento",
      description: "Tarda en enviar",
      urgent: false,
      channel: "phone",
    });
    await withPage(browser, "stale-refresh", async (page) => {
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, `/tickets/${created.id}`);
      const panel = page.getByTestId("classification");
      await panel.waitFor();
      // From now on the ticket cannot be read again (the server answers 503 to its GET).
      await page.route(`**/api/tickets/${created.id}`, (route) =>
        route.request().method() === "GET"
          ? route.fulfill({
              status: 503,
              contentType: "application/json",
              body: JSON.stringify({
                error: {
                  code: "database_unavailable",
                  message: "Base de datos no disponible",
                  details: null,
                },
              }),
            })
          : route.continue(),
      );
      await panel.getByLabel("Tiempo estimado de solución (min)").fill("90");
      await panel.getByRole("button", { name: "Guardar" }).click();
      await page.getByText("Cambios guardados.").waitFor();
      // The refresh after the save fails (with its two retries): the page stays, with a notice above it.
      await page.getByText("No se pudo actualizar").waitFor({ timeout: 15_000 });
      await shot(page, "23c-stale-refresh");
      expect(await panel.isVisible()).toBe(true);
      expect(await page.getByText("Servidor de correo lento").first().isVisible()).toBe(true);
      expect(await page.getByText("No se pudo cargar").count()).toBe(0);
      // Once the server answers again, «Reintentar» clears the notice.
      await page.unroute(`**/api/tickets/${created.id}`);
      await page.getByRole("button", { name: "Reintentar" }).first().click();
      await page.getByText("No se pudo actualizar").waitFor({ state: "detached" });
    });
  });
});
