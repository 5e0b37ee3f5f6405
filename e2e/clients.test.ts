/**
 * The client editor across roles: payment terms only for Ventas (others read them with the approval),
 * the account technician, contact editing, the change history of clients and contracts, and refusals
 * explained in English from the error code.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApiSession,
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

describe.skipIf(browserMissing)("client editor, history and English errors", { timeout: 180_000 }, () => {
  let desk: Desk;
  let server: Server;
  let browser: Browser;
  let staff: Staff;
  const sales = { email: "ventas@encor.mx", name: "Vera Ventas" };

  beforeAll(async () => {
    desk = await openDesk();
    ({ server, browser, staff } = desk);
    const admin = desk.admin;
    await admin.ok("POST", "/api/users", { ...sales, password: PASSWORD, roles: ["sales"] });
  }, 120_000);

  afterAll(async () => {
    await desk?.close();
  });

  const openClient = async (page: Page, who: string) => {
    await uiLogin(page, server.baseUrl, who, PASSWORD, "/clients");
    await page.locator('[data-testid="client-row"]', { hasText: CLIENT }).click();
    return page.getByRole("dialog", { name: CLIENT });
  };

  it("Ventas grants credit through a request: days and a limit in pesos, recorded with who approved it", async () => {
    await withPage(browser, "credit", async (page) => {
      let dialog = await openClient(page, sales.email);
      let terms = dialog.getByTestId("payment-terms");
      const days = terms.getByLabel("Días de crédito");
      const limit = terms.getByLabel("Límite de crédito");
      await limit.fill("cincuenta mil");
      // A decimal typed key by key stays as typed and is refused beside the field (not asked as 15 days),
      // on the same submit as the amount that is not one and the missing reason: all marked at once.
      await days.fill("");
      await days.pressSequentially("1.5");
      await terms.getByRole("button", { name: "Enviar solicitud a Ventas" }).click();
      await terms.getByText("Días enteros").waitFor();
      await terms.getByText("Importe inválido: usa números, p. ej. 50000.00").waitFor();
      await terms.getByText("Requerido").waitFor();
      expect(await days.inputValue()).toBe("1.5");
      expect(await terms.getByTestId("credit-pending").count()).toBe(0);
      await limit.fill("50,000.50");
      await terms.getByLabel("Motivo").fill("Cliente desde 2019");
      await days.fill("45");
      // Each corrected field drops its error as it is typed, as every other form does.
      expect(await terms.getByText("Días enteros").count()).toBe(0);
      expect(await terms.getByText("Importe inválido: usa números, p. ej. 50000.00").count()).toBe(0);
      expect(await terms.getByText("Requerido").count()).toBe(0);
      await terms.getByRole("button", { name: "Enviar solicitud a Ventas" }).click();
      await terms.getByTestId("credit-pending").waitFor();
      await page.goto(`${server.baseUrl}/credit`);
      await page
        .locator('[data-testid="credit-request-row"]', { hasText: CLIENT })
        .getByTestId("credit-approve")
        .click();
      await page.getByRole("dialog").getByLabel("Motivo de la decisión").fill("Historial limpio");
      await page.getByRole("dialog").getByRole("button", { name: "Aprobar" }).click();
      await page.getByText("Crédito aprobado.").waitFor();
      // A link to a client that does not exist says so, and closing it leaves the plain list.
      await page.goto(`${server.baseUrl}/clients?client=no-such-client&tab=contacts`);
      const gone = page.getByTestId("not-found");
      await gone.getByText("Ese cliente ya no existe o no está a tu alcance.").waitFor();
      expect(await page.getByRole("button", { name: "Reintentar" }).count()).toBe(0);
      await gone.getByRole("link", { name: "Ver todos los clientes" }).click();
      await expect.poll(() => new URL(page.url()).search).toBe("");
      // The client's name is a button: the keyboard opens its card too.
      await page.getByRole("button", { name: CLIENT, exact: true }).focus();
      await page.keyboard.press("Enter");
      dialog = page.getByRole("dialog", { name: CLIENT });
      terms = dialog.getByTestId("payment-terms");
      await terms.getByText("Crédito a 45 días · límite: $50,000.50 MXN").waitFor();
      await terms
        .getByTestId("credit-approval")
        .getByText(/^Aprobado por Vera Ventas el \d{2}\/\d{2}\/\d{4}/)
        .waitFor();
      expect(await dialog.getByRole("combobox", { name: "Técnico de cuenta" }).count()).toBe(0);
      await shot(page, "19-client-credit");
    });
  });

  it("reception sees the terms read-only, picks the account technician and edits a contact", async () => {
    await withPage(browser, "client-reception", async (page) => {
      let dialog = await openClient(page, staff.reception.email);
      const terms = dialog.getByTestId("payment-terms");
      await terms.getByText("Crédito a 45 días · límite: $50,000.50 MXN").waitFor();
      await terms.getByText(/Aprobado por Vera Ventas/).waitFor();
      expect(await terms.getByRole("button", { name: "Pasar a contado" }).count()).toBe(0);

      await dialog.getByRole("combobox", { name: "Técnico de cuenta" }).click();
      await page.getByRole("option", { name: "Tomás Técnico" }).click();
      await dialog.getByRole("button", { name: "Guardar", exact: true }).click();
      await page.getByText("Cliente guardado.").waitFor();
      dialog = await (async () => {
        await page.locator('[data-testid="client-row"]', { hasText: CLIENT }).click();
        return page.getByRole("dialog", { name: CLIENT });
      })();
      expect(await dialog.getByRole("combobox", { name: "Técnico de cuenta" }).inputValue()).toBe(
        "Tomás Técnico",
      );

      await dialog.getByRole("tab", { name: "Contactos" }).click();
      const ana = dialog.locator('[data-testid="contact-row"][data-name="Ana Martínez"]');
      await ana.getByRole("button", { name: "Invitar al portal" }).click();
      await page.getByText("Invitación enviada a ana@launica.mx", { exact: false }).waitFor();
      await dialog.getByRole("button", { name: "Editar contacto: Ana Martínez" }).click();
      const form = dialog.getByTestId("contact-form");
      // Ana signs in to the portal now: her e-mail field says what changing it does.
      await form
        .getByText(
          "Este contacto entra al portal de clientes con este correo. Si lo cambias, su acceso pasa al nuevo correo",
          {
            exact: false,
          },
        )
        .waitFor();
      await form.getByLabel("Puesto").fill("Gerente de TI");
      // A wrong entry among the others is said under its field, with the entry: «Guardar» does not just do nothing.
      await form.getByLabel("Otros correos").fill("no-es-correo");
      await form.getByLabel("Otros correos").press("Enter");
      await form.getByLabel("Otros teléfonos").fill("abc");
      await form.getByLabel("Otros teléfonos").press("Enter");
      await form.getByRole("button", { name: "Guardar" }).click();
      await form.getByText("«no-es-correo»: Correo electrónico inválido").waitFor();
      await form
        .getByText("«abc»: Teléfono: dígitos, espacios, guiones o paréntesis", { exact: false })
        .waitFor();
      for (const list of ["Otros correos", "Otros teléfonos"]) await form.getByLabel(list).press("Backspace");
      await form.getByText("«no-es-correo»").waitFor({ state: "detached" });
      await form.getByText("«abc»").waitFor({ state: "detached" });
      await form.getByLabel("Otros teléfonos").fill("55 1111 2222");
      await form.getByLabel("Otros teléfonos").press("Enter");
      await form.getByLabel("Otros correos").fill("ana.martinez@launica.mx");
      await form.getByLabel("Otros correos").press("Enter");
      await form.getByLabel("Ve todas las solicitudes de su empresa en el portal").check();
      await form.getByRole("button", { name: "Guardar" }).click();
      const row = dialog.locator('[data-testid="contact-row"][data-name="Ana Martínez"]');
      await row.getByText("Gerente de TI").waitFor();
      // The table says what each column is, and who sees the whole company in the portal.
      const heads = await dialog.getByTestId("contacts").getByRole("columnheader").allTextContents();
      expect(heads.slice(0, 4)).toEqual(["Nombre", "Teléfonos", "Correos", "Portal"]);
      await row.getByTestId("portal-admin-badge").getByText("Ve toda la empresa").waitFor();
      await row.getByText(/1111\D?2222/).waitFor();
      await row.getByText(/ana\.martinez@launica\.mx/).waitFor();
      await shot(page, "20-client-contacts");
      // A new e-mail moves her portal sign-in: the portal list says so at once, without a reload.
      const portal = dialog.getByTestId("portal-access");
      for (const email of ["ana.m@launica.mx", "ana@launica.mx"]) {
        await dialog.getByRole("button", { name: "Editar contacto: Ana Martínez" }).click();
        await form.getByLabel("Correo del contacto").fill(email);
        await form.getByRole("button", { name: "Guardar" }).click();
        await form.waitFor({ state: "detached" });
        await portal.locator(`[data-testid="portal-user"][data-email="${email}"]`).waitFor();
      }
    });
  });

  it("reception picks the billing contact among the contacts with an e-mail; the contacts panel marks it", async () => {
    const reception = await ApiSession.login(server.baseUrl, staff.reception.email, PASSWORD);
    const clients = await reception.ok<{ items: { id: string }[] }>(
      "GET",
      `/api/clients?q=${encodeURIComponent(CLIENT)}`,
    );
    await reception.ok("POST", "/api/contacts", { clientId: clients.items[0]!.id, name: "Luis Sin Correo" });
    await withPage(browser, "billing-contact", async (page) => {
      let dialog = await openClient(page, staff.reception.email);
      const select = dialog.getByRole("combobox", { name: "Contacto de facturación" });
      await dialog.getByText("Recibe las facturas por correo").waitFor();
      await select.click();
      await page.getByRole("option", { name: /Ana Martínez/ }).waitFor();
      expect(await page.getByRole("option", { name: /Luis Sin Correo/ }).count()).toBe(0);
      await page.getByRole("option", { name: /Ana Martínez/ }).click();
      await dialog.getByRole("button", { name: "Guardar", exact: true }).click();
      await page.getByText("Cliente guardado.").waitFor();
      await page.locator('[data-testid="client-row"]', { hasText: CLIENT }).click();
      dialog = page.getByRole("dialog", { name: CLIENT });
      expect(await dialog.getByRole("combobox", { name: "Contacto de facturación" }).inputValue()).toBe(
        "Ana Martínez <ana@launica.mx>",
      );
      await dialog.getByRole("tab", { name: "Contactos" }).click();
      const ana = dialog.locator('[data-testid="contact-row"][data-name="Ana Martínez"]');
      await ana.getByTestId("billing-badge").getByText("Facturación").waitFor();
      const luis = dialog.locator('[data-testid="contact-row"][data-name="Luis Sin Correo"]');
      expect(await luis.getByTestId("billing-badge").count()).toBe(0);
      await shot(page, "20b-client-billing-contact");
    });
  });

  it("the leader reads who changed what in the client's and the contract's history", async () => {
    await withPage(browser, "history", async (page) => {
      const dialog = await openClient(page, staff.leader.email);
      await dialog.getByRole("tab", { name: "Historial de cambios" }).click();
      const trail = dialog.getByTestId("audit-trail");
      const credit = trail.getByTestId("audit-entry").filter({ hasText: "Condiciones de pago: Crédito" });
      await credit.getByText(/· Vera Ventas$/).waitFor();
      await credit.getByText("Límite de crédito: $50,000.50 MXN").waitFor();
      await trail.getByText("Técnico de cuenta: Tomás Técnico").waitFor();
      await trail.getByText("Contacto de facturación: Ana Martínez").waitFor();
      await shot(page, "21-client-history");
      await page.keyboard.press("Escape");

      await page.getByRole("link", { name: "Pólizas" }).click();
      await page.getByTestId("contracts").getByRole("button", { name: "Editar" }).click();
      let contract = page.getByRole("dialog", { name: "Editar póliza" });
      // A response time typed with a decimal stays as typed and is refused beside it, not saved as 15.
      const normal = contract.getByLabel("Respuesta normal (min hábiles)");
      const normalWas = await normal.inputValue();
      await normal.fill("");
      await normal.pressSequentially("1.5");
      await contract.getByRole("button", { name: "Guardar" }).click();
      await contract.getByText("Minutos enteros").waitFor();
      expect(await normal.inputValue()).toBe("1.5");
      await normal.fill(normalWas);
      await contract.getByLabel("Cuota mensual").fill("4000");
      await contract.getByRole("button", { name: "Guardar" }).click();
      await contract.waitFor({ state: "detached" });
      await page.getByTestId("contracts").getByRole("button", { name: "Editar" }).click();
      contract = page.getByRole("dialog", { name: "Editar póliza" });
      await contract.getByRole("tab", { name: "Historial de cambios" }).click();
      await contract.getByText("Cuota mensual: $4,000.00 MXN").waitFor();
      await contract.getByText("Alta").waitFor();
    });
  });

  it("in English, server refusals arrive in English (rendered from their message code)", async () => {
    const leader = await ApiSession.login(server.baseUrl, staff.leader.email, PASSWORD);
    await leader.ok("PATCH", "/api/auth/me", { locale: "en" });
    await withPage(browser, "english-errors", async (page) => {
      await uiLogin(page, server.baseUrl, staff.leader.email, PASSWORD, "/clients");
      await page.getByRole("button", { name: "New client" }).click();
      const dialog = page.getByRole("dialog", { name: "New client" });
      await dialog.getByRole("button", { name: "Save" }).click();
      await dialog.getByText("Required", { exact: true }).waitFor(); // the contract's check, in English
      await dialog.getByLabel("Legal or trade name").fill("Ferretería Duplicada");
      await dialog.getByLabel("RFC").fill("FLU850101ABA"); // the seeded client's RFC
      await dialog.getByRole("button", { name: "Save" }).click();
      await dialog.getByText("A client with that RFC already exists.").waitFor();
      expect(await dialog.getByText("Ya existe").count()).toBe(0);
      await shot(page, "22-english-error");
    });
    await leader.ok("PATCH", "/api/auth/me", { locale: "es-MX" });
  });
  it("lists every client 100 at a time with «Cargar más», and finds one past the first 200 in the contracts' picker", async () => {
    const names = Array.from({ length: 205 }, (_, i) => `Relleno ${String(i).padStart(3, "0")}`);
    for (let i = 0; i < names.length; i += 15)
      await Promise.all(
        names.slice(i, i + 15).map((name) => desk.admin.ok("POST", "/api/clients", { name })),
      );
    const far = await desk.admin.ok<{ id: string }>("POST", "/api/clients", { name: "Vidriería Ñandú" });
    const contract = { clientId: far.id, type: "SS", startsOn: "2026-01-01", monthlyFeeCents: 150000 };
    await desk.admin.ok("POST", "/api/contracts", contract);
    await withPage(browser, "client-pages", async (page) => {
      await uiLogin(page, server.baseUrl, staff.leader.email, PASSWORD, "/clients");
      const rows = page.getByTestId("client-row");
      const more = page.getByRole("button", { name: "Cargar más" });
      await expect.poll(() => rows.count()).toBe(100);
      // By keyboard: the button is disabled while the page loads; the focus comes back to it after.
      await more.focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => rows.count()).toBe(200);
      await expect.poll(() => more.evaluate((el) => el === document.activeElement)).toBe(true);
      await page.keyboard.press("Enter");
      await rows.filter({ hasText: "Vidriería Ñandú" }).waitFor();
      await more.waitFor({ state: "detached" });
      expect(await rows.count()).toBeGreaterThan(206);

      await page.getByRole("link", { name: "Pólizas" }).click();
      const table = page.getByTestId("contracts");
      await table.getByRole("cell", { name: "Vidriería Ñandú" }).waitFor(); // the contract names its client
      await page.getByRole("combobox", { name: "Cliente" }).fill("vidrieria");
      await page.getByRole("option", { name: "Vidriería Ñandú" }).click();
      await expect.poll(() => table.getByRole("row").count()).toBe(2); // the header and its contract
      expect(new URL(page.url()).searchParams.get("client")).toBe(far.id);
      await page.reload();
      await expect.poll(() => table.getByRole("row").count()).toBe(2); // kept on reload
      await expect
        .poll(() => page.getByRole("combobox", { name: "Cliente" }).inputValue())
        .toBe("Vidriería Ñandú");
      await table.getByRole("button", { name: "Editar" }).click();
      const dialog = page.getByRole("dialog", { name: "Editar póliza" });
      await expect
        .poll(() => dialog.getByRole("combobox", { name: "Cliente" }).inputValue())
        .toBe("Vidriería Ñandú");
    });
  });
});
