/** First-run setup, keyboard-only intake, and the admin screens (users, calendar, SLA, categories, types). */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  browserMissing,
  type Desk,
  openDesk,
  PASSWORD,
  type Server,
  type Staff,
  shot,
  startServer,
  uiLogin,
  withPage,
} from "./helpers";

describe.skipIf(browserMissing)("setup, keyboard intake and admin screens", { timeout: 180_000 }, () => {
  let browser: Browser;
  let desk: Desk;
  let server: Server;
  let staff: Staff;

  beforeAll(async () => {
    desk = await openDesk();
    ({ server, browser, staff } = desk);
  }, 120_000);

  afterAll(async () => {
    await desk?.close();
  });

  it("first run: the setup page creates the company and the first admin, and signs in", async () => {
    const fresh = await startServer({ admin: false });
    try {
      await withPage(browser, "setup", async (page) => {
        await page.goto(fresh.baseUrl);
        await page.getByRole("heading", { name: "Configuración inicial" }).waitFor();
        await page.getByRole("button", { name: "Crear y entrar" }).click();
        await page.getByText("Mínimo 10 caracteres.").first().waitFor();
        await page.getByLabel("Nombre de la empresa").fill("Encor S.A. de C.V.");
        await page.getByLabel("Correo de soporte").fill("soporte@encor.net.mx");
        await page.getByLabel("Nombre", { exact: true }).fill("Alma Administradora");
        await page.getByLabel("Correo electrónico").fill("alma@encor.mx");
        await page.getByLabel("Contraseña").fill("una-clave-larga-1");
        await shot(page, "00-setup");
        await page.getByRole("button", { name: "Crear y entrar" }).click();
        await page.getByTestId("user-menu").waitFor();
        await page.getByRole("link", { name: "Usuarios" }).waitFor();
      });
    } finally {
      await fresh.close();
    }
  });

  it("reception signs in to the intake and can take a call with the keyboard only", async () => {
    await withPage(browser, "keyboard", async (page) => {
      // Reception's day starts at the intake: signing in lands there, the caller search focused.
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/");
      const callerSearch = page.getByTestId("caller-search");
      await callerSearch.waitFor();
      expect(new URL(page.url()).pathname).toBe("/intake");
      await expect.poll(() => callerSearch.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.type("55 8765 4321");
      await page.getByTestId("caller-match").first().waitFor();
      await page.keyboard.press("Enter");
      await page.getByTestId("selected-caller").waitFor();
      await page.keyboard.type("No imprime la impresora de facturas"); // the title has the focus
      // Enter in the subject goes on to the description: it never files a half-written call.
      await page.keyboard.press("Enter");
      await page.keyboard.type("Nunca se había instalado.");
      expect(await page.getByLabel("Descripción").inputValue()).toBe("Nunca se había instalado.");
      expect(await page.getByText("Pregunta al cliente y elige una respuesta.").count()).toBe(0);
      await page.keyboard.press("Tab"); // the urgent question: first radio
      await page.keyboard.press("ArrowDown"); // "No"
      // The category by keyboard: Enter in its open list never files the ticket half-written, with
      // nothing matching or nothing highlighted; the arrow highlights a match and Enter picks it.
      await page.keyboard.press("Tab");
      await page.keyboard.type("zzz");
      await page.keyboard.press("Enter");
      await page.keyboard.press("Control+A");
      await page.keyboard.type("red");
      await page.keyboard.press("Enter");
      // As a person would, the arrow waits for the filtered list to show the match, and is pressed
      // again until the match shows highlighted: under CI's load the keys could outrun the list's
      // render (nothing to highlight), or the highlight be cleared by the list's own reset (Mantine
      // clears it a tick after its dropdown closes), leaving Enter nothing to pick.
      // Once (CI, 7 Dec) an Enter on the highlighted match was lost the same way: pressed again, but
      // only after the pick had time to show (a second Enter on a closed list would be another key).
      const redes = page.getByRole("option", { name: "Redes" });
      const category = page.getByRole("combobox", { name: "Categoría" });
      await redes.waitFor();
      for (let keys = 0; (await category.inputValue()) !== "Redes"; keys++) {
        expect(keys, "keys pressed to pick «Redes»").toBeLessThan(20);
        const highlighted = (await redes.getAttribute("data-combobox-selected")) !== null;
        await page.keyboard.press(highlighted ? "Enter" : "ArrowDown");
        await expect
          .poll(() => category.inputValue(), { timeout: highlighted ? 2_000 : 200 })
          .toBe("Redes")
          .catch(() => undefined);
      }
      expect(await page.getByTestId("intake-result").count()).toBe(0);
      // Its ✕ says which field it clears.
      await page.getByRole("button", { name: "Borrar Categoría", exact: true }).waitFor();
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Shift+Tab");
      await page.keyboard.press("Shift+Tab"); // back to the title
      await page.keyboard.press("Enter"); // on to the description, still not filed
      await expect
        .poll(() => page.getByLabel("Descripción").evaluate((el) => el === document.activeElement))
        .toBe(true);
      expect(await page.getByTestId("intake-result").count()).toBe(0);
      await page.keyboard.press("Control+Enter"); // files it from any field
      await page.getByTestId("intake-result").waitFor();
      expect(await page.getByTestId("intake-result").getByText("Urgente").count()).toBe(0);
      const filed = await desk.admin.ok<{ items: { category: string | null }[] }>(
        "GET",
        `/api/tickets?q=${encodeURIComponent("No imprime la impresora de facturas")}`,
      );
      expect(filed.items.map((t) => t.category)).toEqual(["redes"]);
      await page.keyboard.press("Enter"); // "Siguiente llamada" has the focus
      await expect
        .poll(() => page.getByTestId("caller-search").evaluate((el) => el === document.activeElement))
        .toBe(true);
    });
  });

  it("admin manages users, the calendar (with a closure in the month view), SLA, categories and types", async () => {
    await withPage(browser, "admin", async (page) => {
      await uiLogin(page, server.baseUrl, ADMIN.email, ADMIN.password, "/admin/users");
      await page.getByTestId("users").getByText("Tomás Técnico").waitFor();
      await shot(page, "14-admin-users");
      // A user's name is a button: the keyboard opens the user's editor (Escape closes it).
      await page.getByTestId("users").getByRole("button", { name: "Tomás Técnico" }).focus();
      await page.keyboard.press("Enter");
      await page.getByRole("dialog").waitFor();
      await page.keyboard.press("Escape");
      await page.getByRole("dialog").waitFor({ state: "detached" });
      // A click on the row's e-mail (nothing there takes focus) opens it too; closed with Esc, focus is
      // not moved to a control the user had left before (the name's button, focused above).
      await page
        .getByTestId("users")
        .getByRole("row", { name: /Tomás Técnico/ })
        .getByRole("cell")
        .nth(1)
        .click();
      await page.getByRole("dialog").waitFor();
      await page.keyboard.press("Escape");
      await page.getByRole("dialog").waitFor({ state: "detached" });
      await page.waitForTimeout(500); // past the frame lib/focusRecovery.ts waits after a modal closes
      expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
      // The desk's people are listed apart from portal contacts; skills are offered from the categories.
      await page
        .getByTestId("users-shown")
        .getByText(/^Personal \(\d+\)$/)
        .waitFor();
      await page.getByTestId("users").getByRole("button", { name: "Tomás Técnico" }).click();
      const editor = page.getByRole("dialog");
      const skills = editor.getByLabel("Habilidades");
      // Enter adds the first category that matches what was typed, as the hint says.
      await skills.fill("windows");
      await page.getByRole("option", { name: "Windows Server" }).waitFor();
      await skills.press("Enter");
      await editor.getByText("Windows Server", { exact: true }).waitFor();
      expect(await skills.inputValue()).toBe("");
      // A text that names no category is said under the field, and nothing is saved.
      await skills.fill("xyz");
      await editor.getByRole("button", { name: "Guardar" }).click();
      await editor.getByText("«xyz» no es una categoría: elige una de la lista.").waitFor();
      expect(await page.getByText("Usuario Tomás Técnico guardado.").count()).toBe(0);
      // One left typed that names a category is added on «Guardar», not dropped.
      await skills.fill("hospedaje");
      await editor.getByRole("button", { name: "Guardar" }).click();
      await page.getByText("Usuario Tomás Técnico guardado.").waitFor();
      await page.getByTestId("users").getByText("Redes, Fortigate, Windows Server, Hospedaje").waitFor();

      await page.getByRole("link", { name: "Calendario" }).click();
      const month = page.getByTestId("month-view");
      await month.waitFor();
      const today = await page.evaluate(() => {
        const d = new Date();
        return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-15`;
      });
      // The zone is picked by city, never typed as an IANA name.
      const zone = page.getByRole("combobox", { name: "Zona horaria" });
      expect(await zone.inputValue()).toBe("Ciudad de México (UTC−6)");
      await zone.fill("Madrid");
      await page.getByRole("option", { name: /Madrid \(UTC\+1\) · Europe\/Madrid/ }).waitFor();
      await zone.press("Escape");
      // A range that ends before it starts is refused on its own «Hasta», before anything is sent.
      const mondayEnd = page.getByLabel("Hasta", { exact: true }).first();
      const mondayWas = await mondayEnd.inputValue();
      await mondayEnd.fill("07:00");
      await page.getByRole("button", { name: "Guardar" }).click();
      const endRefused = page.getByText("Debe ser posterior al inicio");
      await endRefused.waitFor();
      expect(await mondayEnd.getAttribute("aria-invalid")).toBe("true");
      expect(await page.getByText("Cambios guardados.").count()).toBe(0);
      // A start not on the 24-hour clock says how to write it.
      const mondayStart = page.getByLabel("Desde", { exact: true }).first();
      const startWas = await mondayStart.inputValue();
      await mondayStart.fill("9 am");
      await page.getByRole("button", { name: "Guardar" }).click();
      await page.getByText("Hora de 24 horas, HH:MM (p. ej., 09:30)").waitFor();
      await mondayStart.fill(startWas);
      // Writing the hour again answers its refusal.
      await mondayEnd.fill(mondayWas);
      await endRefused.waitFor({ state: "detached" });
      await page.getByLabel("Fecha").fill(today);
      await page.getByLabel("Motivo").fill("Inventario anual");
      // Enter in the closure's row adds it; it does not save the calendar without it.
      await page.getByLabel("Motivo").press("Enter");
      await expect.poll(() => page.getByLabel("Motivo").inputValue()).toBe("");
      expect(await page.getByText("Cambios guardados.").count()).toBe(0);
      await page.getByRole("button", { name: "Guardar" }).click();
      await page.getByText("Cambios guardados.").waitFor();
      await month
        .locator(`[data-date="${today}"][data-closed="true"]`)
        .getByText("Inventario anual")
        .waitFor();
      await shot(page, "15-admin-calendar");
      // A closure typed and not saved: leaving the screen asks first.
      await page.getByLabel("Motivo").fill("Mudanza de oficina");
      await page.getByRole("link", { name: "Tiempos de respuesta" }).click();
      const leave = page.getByRole("dialog");
      await leave.getByText("Tienes cambios sin guardar. ¿Salir de todos modos?").waitFor();
      await leave.getByRole("button", { name: "Quedarme" }).click();
      expect(await page.getByLabel("Motivo").inputValue()).toBe("Mudanza de oficina");
      await page.getByLabel("Motivo").fill("");

      await page.getByRole("link", { name: "Tiempos de respuesta" }).click();
      const target = page.getByLabel("Póliza, normal");
      await target.waitFor();
      await shot(page, "16-admin-sla");
      // A decimal typed key by key stays as typed and is refused beside the field, not saved as 15.
      const targetWas = await target.inputValue();
      const slaBefore = await desk.admin.ok("GET", "/api/settings/sla");
      await target.fill("");
      await target.pressSequentially("1.5");
      await page.getByRole("button", { name: "Guardar" }).click();
      await page.getByText("Minutos enteros").waitFor();
      expect(await target.inputValue()).toBe("1.5");
      // (The calendar's «Cambios guardados.» may still be showing: the stored settings tell.)
      expect(await desk.admin.ok("GET", "/api/settings/sla")).toEqual(slaBefore);
      await target.fill(targetWas);
      await page.getByText("Minutos enteros").waitFor({ state: "detached" });
      // So in the deadline calculator: «1.5» is not asked as 15 minutes.
      const businessMinutes = page.getByLabel("Minutos hábiles");
      await businessMinutes.fill("");
      await businessMinutes.pressSequentially("1.5");
      await page.getByRole("button", { name: "Calcular" }).click();
      await page.getByText("Minutos enteros").waitFor();
      expect(await businessMinutes.inputValue()).toBe("1.5");
      expect(await page.getByText(/^Vence:/).count()).toBe(0);
      await page.getByRole("link", { name: "Categorías" }).click();
      await page.getByText("windows-server").waitFor();
      await page.getByRole("link", { name: "Tipos de póliza" }).click();
      await page.getByText("Póliza de Servicio Fortigate").waitFor();
    });
  });
});
