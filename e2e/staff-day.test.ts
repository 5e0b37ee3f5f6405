/**
 * Findings of a day of real work in the staff app: search by contact, the caller's contact at intake,
 * a reassigned ticket's dead end, the technician on the road (call, map, one timer on every device),
 * Ventas' contracts and portal invitations, the firm's own settings, and lists readable at laptop sizes.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  ApiSession,
  browserMissing,
  launchBrowser,
  PASSWORD,
  type Server,
  type Staff,
  seedStaff,
  shot,
  startServer,
  uiLogin,
  waitForFolios,
  withPage,
} from "./helpers";

interface TicketJson {
  id: string;
  folio: string;
}

const PHONE = { width: 390, height: 844 };
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

/** Texts of the matching elements that are cut (ellipsis or content wider than the box), if any. */
function clipped(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els) =>
    els.flatMap((el) => {
      const boxes = [el, ...el.querySelectorAll<HTMLElement>("*")];
      const cut = boxes.some((b) => b.scrollWidth > b.clientWidth + 0.5) || el.textContent?.includes("…");
      return cut ? [el.textContent ?? ""] : [];
    }),
  );
}

describe.skipIf(browserMissing)("a day at the desk", { timeout: 240_000 }, () => {
  let server: Server;
  let browser: Browser;
  let staff: Staff;
  let admin: ApiSession;
  let reception: ApiSession;
  const ids = { oneContact: "", twoContacts: "", ana: "" };
  let onRoad: TicketJson;
  let reassigned: TicketJson;
  const salesEmail = "ventas@encor.mx";

  const ticket = (clientId: string, title: string, contactId?: string, receivedAt?: string) =>
    reception.ok<TicketJson>("POST", "/api/tickets", {
      clientId,
      contactId,
      title,
      description: "Detalle",
      urgent: false,
      channel: "phone",
      receivedAt,
    });
  const move = (s: ApiSession, t: TicketJson, body: object) =>
    s.ok("POST", `/api/tickets/${t.id}/transitions`, body);

  beforeAll(async () => {
    server = await startServer();
    admin = await ApiSession.login(server.baseUrl, ADMIN.email, ADMIN.password);
    staff = await seedStaff(admin);
    await admin.ok("POST", "/api/users", {
      email: salesEmail,
      name: "Víctor Ventas",
      password: PASSWORD,
      roles: ["sales"],
    });
    reception = await ApiSession.login(server.baseUrl, staff.reception.email, PASSWORD);
    const client = (body: object) => admin.ok<{ id: string }>("POST", "/api/clients", body);
    const contact = (clientId: string, name: string, extra: object = {}) =>
      admin.ok<{ id: string }>("POST", "/api/contacts", { clientId, name, ...extra });
    ids.oneContact = (
      await client({
        name: "Ferretería Gutiérrez",
        rfc: "FGU850101ABA",
        billingAddress: "Av. Juárez 12, Centro, 44100 Guadalajara, Jal.",
      })
    ).id;
    const jose = await contact(ids.oneContact, "José Ángel Gutiérrez", {
      phone: "(33) 1234-5678",
      email: "jose@ferreteria.mx",
    });
    ids.twoContacts = (await client({ name: "Despacho Ortega", rfc: "DOR990315K20" })).id;
    await contact(ids.twoContacts, "Guadalupe Ortega", { email: "lupita@ortega.mx" });
    await contact(ids.twoContacts, "Martín Ortega");
    await admin.ok("POST", "/api/contracts", {
      clientId: ids.twoContacts,
      type: "SS",
      startsOn: "2025-01-01",
      monthlyFeeCents: 350000,
    });
    onRoad = await ticket(ids.oneContact, "No imprime la factura", jose.id);
    await move(reception, onRoad, { action: "assign", assigneeId: staff.technician.id });
    const tech = await ApiSession.login(server.baseUrl, staff.technician.email, PASSWORD);
    await move(tech, onRoad, { action: "start" });
    reassigned = await ticket(ids.twoContacts, "Cambio de contraseña");
    await move(reception, reassigned, { action: "assign", assigneeId: staff.technician.id });
    await move(reception, reassigned, { action: "assign", assigneeId: staff.technician2.id });
    // Long badge texts: "Vencido por …" of a ticket left unanswered for days.
    await ticket(
      ids.twoContacts,
      "Servidor de respaldos sin espacio",
      undefined,
      new Date(Date.now() - 9 * 86_400_000).toISOString(),
    );
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("finds a ticket by its contact's name from the header search, without accents", async () => {
    await withPage(browser, "search-contact", async (page) => {
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/queue");
      await page.getByRole("textbox", { name: "Buscar tickets" }).first().fill("jose angel gutierrez");
      await page.keyboard.press("Enter");
      await page.locator(`[data-testid="ticket-row"][data-folio="${onRoad.folio}"]`).waitFor();
      expect(await page.getByTestId("ticket-row").count()).toBe(1);

      // More words than a search takes are said at the box before anything is sent, not as a failed load.
      const searches: string[] = [];
      page.on("request", (r) => {
        if (r.url().includes("/api/tickets?")) searches.push(r.url());
      });
      const nine = "uno dos tres cuatro cinco seis siete ocho nueve";
      const tooMany = "La búsqueda admite hasta 8 palabras (cada una debe aparecer): quita alguna.";
      const header = page.getByRole("banner").getByRole("textbox", { name: "Buscar tickets" });
      expect(await header.getAttribute("maxlength")).toBe("200");
      await header.fill(nine);
      await page.getByRole("banner").getByText(tooMany).waitFor();
      await header.press("Enter");
      const box = page.getByTestId("search-input");
      expect(await box.getAttribute("maxlength")).toBe("200");
      await box.fill(nine);
      await page.getByText(tooMany).first().waitFor();
      await page.waitForTimeout(500);
      expect(await page.getByText("No se pudo cargar").count()).toBe(0);
      expect(await page.getByRole("button", { name: "Reintentar" }).count()).toBe(0);
      expect(await page.getByText("querystring", { exact: false }).count()).toBe(0);
      // A search longer than the box takes (a link) is said too.
      await page.goto(`${server.baseUrl}/search?q=${"a".repeat(201)}`);
      await page.getByText("La búsqueda admite hasta 200 caracteres.").waitFor();
      expect(await page.getByText("No se pudo cargar").count()).toBe(0);
      expect(searches.filter((url) => /q=(uno|a{201})/.test(url))).toEqual([]);
    });
  });

  it("preselects a client's only contact and lets the keyboard choose among several", async () => {
    await withPage(browser, "intake-contact", async (page) => {
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/intake");
      await page.getByTestId("caller-search").fill("FGU850101ABA");
      await page.getByTestId("caller-match").first().waitFor();
      await page.keyboard.press("Enter");
      await expect
        .poll(() => page.getByTestId("chosen-contact").textContent())
        .toContain("José Ángel Gutiérrez");
      // Its only contact was chosen without taking the focus: what is typed next lands in the subject.
      await page.keyboard.type("Sin red");
      expect(await page.locator("#intake-title").inputValue()).toBe("Sin red");
      await page.getByRole("button", { name: "Cambiar cliente" }).click();
      // Enter right after typing, while the list still shows the hits of the text before, waits for
      // the hits of what was typed: it never picks the previous search's caller.
      const search = page.getByTestId("caller-search");
      await search.fill("Gutiérrez");
      await page.getByTestId("caller-match").getByText("Ferretería Gutiérrez").first().waitFor();
      await search.press("Control+A");
      await search.pressSequentially("Despacho Ortega", { delay: 10 });
      await search.press("Enter");
      await page.getByTestId("contact-picker").waitFor();
      expect(await page.getByTestId("selected-caller").textContent()).toContain("Despacho");
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute("data-testid")))
        .toBe("contact-picker");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
      await expect.poll(() => page.getByTestId("chosen-contact").textContent()).toContain("Martín Ortega");
      await page.getByRole("button", { name: "Cambiar contacto" }).click();
      await page.getByTestId("contact-picker").focus();
      // «+ Nuevo contacto» by keyboard: the focus lands in its name, so nothing typed is lost and the
      // phone goes in the phone field; Enter there adds the contact.
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("INPUT");
      await page.keyboard.type("Sofía Ortega");
      await page.keyboard.press("Tab");
      await page.keyboard.type("55 1234 0000");
      await page.keyboard.press("Enter");
      const chosen = page.getByTestId("chosen-contact");
      await expect.poll(() => chosen.textContent()).toContain("Sofía Ortega");
      expect(await chosen.textContent()).toContain("55 1234 0000");
      // Enter in the e-mail adds the contact too.
      await page.getByRole("button", { name: "Cambiar contacto" }).click();
      await page.getByTestId("contact-picker").focus();
      await page.keyboard.press("ArrowUp"); // wraps to the last option: "Nuevo contacto"
      await page.keyboard.press("Enter");
      await page.keyboard.type("Rosa Ortega");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      await page.keyboard.type("rosa@ortega.mx");
      await page.keyboard.press("Enter");
      await expect.poll(() => chosen.textContent()).toContain("Rosa Ortega");
      expect(await chosen.textContent()).toContain("rosa@ortega.mx");
      await shot(page, "intake-contact-chosen");
    });
  });

  it("shows the caller's open tickets at intake, so a call about one is answered rather than filed again", async () => {
    const cancelled = await ticket(ids.twoContacts, "Registrado dos veces");
    await move(reception, cancelled, { action: "cancel", reason: "Duplicado" });
    await withPage(browser, "intake-open-tickets", async (page) => {
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/intake");
      await page.getByTestId("caller-search").fill("DOR990315K20");
      await page.getByTestId("caller-match").first().waitFor();
      await page.keyboard.press("Enter");
      await page.getByTestId("contact-picker").waitFor();
      await page.keyboard.press("Enter"); // the first contact: the subject takes the focus
      const open = page.getByTestId("client-open-tickets");
      const row = open.locator(`[data-testid="client-open-ticket"][data-folio="${reassigned.folio}"]`);
      await row.waitFor();
      // Only this client's open tickets: not the cancelled one, not another client's.
      const folios = await open
        .getByTestId("client-open-ticket")
        .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-folio")));
      expect(folios).toHaveLength(2);
      expect(folios).not.toContain(cancelled.folio);
      expect(folios).not.toContain(onRoad.folio);
      const text = await row.textContent();
      for (const part of ["Cambio de contraseña", "Asignado", "Teresa Técnica"]) expect(text).toContain(part);
      expect(text).toMatch(/\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
      // The list never takes the subject's focus: filing a new ticket goes on as before.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("intake-title");
      // It fits a 1024 px laptop without a sideways scroll.
      await page.setViewportSize({ width: 1024, height: 768 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await shot(page, "intake-open-tickets");
      // It can be put away and brought back by keyboard.
      const toggle = open.getByRole("button", { name: /Tickets abiertos/ });
      await toggle.press("Enter");
      await row.waitFor({ state: "detached" });
      await toggle.press("Enter");
      await row.waitFor();
      // A folio opens its ticket; «Ver todos» the queue filtered by this client. With nothing typed
      // yet there is no draft to lose, so leaving asks nothing.
      expect(await open.getByRole("link", { name: reassigned.folio }).getAttribute("href")).toBe(
        `/tickets/${reassigned.id}`,
      );
      await open.getByRole("link", { name: "Ver todos" }).click();
      await page.waitForURL((url) => url.pathname === "/queue");
      expect(new URL(page.url()).searchParams.get("client")).toBe(ids.twoContacts);
      await waitForFolios(page, folios as string[]);
    });
  });

  it("tells a technician who has a reassigned ticket now and takes them back to their queue", async () => {
    await withPage(browser, "reassigned", async (page) => {
      await uiLogin(page, server.baseUrl, staff.technician.email, PASSWORD, `/tickets/${reassigned.id}`);
      const alert = page.getByTestId("ticket-not-assigned");
      await alert.waitFor();
      expect(await alert.textContent()).toContain("Ahora lo tiene Teresa Técnica");
      expect(await page.getByRole("button", { name: "Reintentar" }).count()).toBe(0);
      await page.getByRole("link", { name: "Volver a mis tickets" }).click();
      await page.waitForURL(/\/mine$/);
    });
  });

  it("on the phone: calls the contact, maps the client, and the timer follows to the laptop", async () => {
    const phone = await browser.newContext({
      viewport: PHONE,
      locale: "es-MX",
      timezoneId: "America/Mexico_City",
    });
    const laptop = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: "es-MX" });
    try {
      const p = await phone.newPage();
      await uiLogin(p, server.baseUrl, staff.technician.email, PASSWORD, `/tickets/${onRoad.id}`);
      expect(await p.getByTestId("call-contact").getAttribute("href")).toBe("tel:3312345678");
      expect(await p.getByTestId("client-map").getAttribute("href")).toBe(
        "https://www.google.com/maps/search/?api=1&query=Av.%20Ju%C3%A1rez%2012%2C%20Centro%2C%2044100%20Guadalajara%2C%20Jal.",
      );
      expect(await clipped(p, '[data-testid="time-mode"]')).toEqual([]);
      expect(await clipped(p, '[data-testid="road-links"] a')).toEqual([]);
      await p.getByTestId("timer-start").click();
      await p.getByTestId("timer-stop").waitFor();
      await shot(p, "ticket-phone-timer");
      const l = await laptop.newPage();
      await uiLogin(l, server.baseUrl, staff.technician.email, PASSWORD, `/tickets/${onRoad.id}`);
      await l.getByTestId("timer-chip").waitFor();
      expect(await l.getByTestId("timer-chip").textContent()).toContain(onRoad.folio);
      await l.getByTestId("timer-stop").click();
      await expect.poll(() => l.getByTestId("timer-result").textContent()).toContain("Tiempo del cronómetro");
      await l.getByTestId("timer-chip").waitFor({ state: "detached" });
    } finally {
      await phone.close();
      await laptop.close();
    }
  });

  it("lets Ventas edit contracts and invite a client's contact to the portal", async () => {
    await withPage(browser, "sales", async (page) => {
      await uiLogin(page, server.baseUrl, salesEmail, PASSWORD, "/contracts");
      await page.getByRole("button", { name: "Póliza nueva" }).waitFor();
      expect(await page.getByRole("button", { name: "Editar" }).count()).toBeGreaterThan(0);
      // A bank of hours without an overage rate is allowed, but the form says what it means.
      await page.getByRole("button", { name: "Póliza nueva" }).click();
      const dialog = page.getByRole("dialog");
      // Hours keep every decimal typed, and the form says the whole minutes the póliza keeps.
      await dialog.getByLabel("Horas incluidas al mes").fill("1.125");
      await dialog.getByText("Se guarda al minuto: 1 h 8 min al mes").waitFor();
      expect(await dialog.getByLabel("Horas incluidas al mes").inputValue()).toBe("1.125");
      // A fraction too small for a minute is said too: nothing is kept of it.
      await dialog.getByLabel("Horas incluidas al mes").fill("2.004");
      await dialog.getByText("Se guarda al minuto: 2 h al mes").waitFor();
      await dialog.getByLabel("Horas incluidas al mes").fill("5");
      await dialog.getByText("Se guarda al minuto", { exact: false }).waitFor({ state: "detached" });
      await dialog
        .getByTestId("no-overage-rate")
        .getByText("Sin tarifa de excedente, las horas que pasen de las 5 incluidas al mes no se cobrarán.")
        .waitFor();
      await dialog.getByLabel("Tarifa por hora excedente").fill("650");
      await dialog.getByTestId("no-overage-rate").waitFor({ state: "detached" });
      // Escape in a date field closes its calendar, not the dialog with what was typed in it.
      await dialog.getByLabel("Fin").fill("31/12/2027");
      await page.keyboard.press("Escape");
      expect(await dialog.getByLabel("Tarifa por hora excedente").inputValue()).toBe("650");
      expect(await dialog.getByLabel("Fin").inputValue()).toBe("31/12/2027");
      // Amounts that are not pesos, and negative hours, are said as typed: in pesos, in hours.
      for (const [fee, overage] of [
        ["-5", "abc"],
        ["12.345", "-5"],
      ]) {
        await dialog.getByLabel("Cuota mensual").fill(fee ?? "");
        await dialog.getByLabel("Tarifa por hora excedente").fill(overage ?? "");
        await dialog.getByLabel("Horas incluidas al mes").fill("-1");
        await dialog.getByRole("button", { name: "Guardar" }).click();
        await expect
          .poll(() => dialog.getByText("Importe inválido: usa números, p. ej. 1234.50").count())
          .toBe(2);
        await dialog.getByText("Las horas no pueden ser negativas").waitFor();
        expect(await dialog.getByText("NaN", { exact: false }).count()).toBe(0);
        expect(await dialog.getByText("Minutos no negativos").count()).toBe(0);
      }
      // A day that does not exist is said so, not as a date outside the years taken.
      await dialog.getByLabel("Inicio").fill("31/02/2026");
      await dialog.getByLabel("Cuota mensual").focus();
      await dialog.getByText("Fecha inexistente: ese día no está en el calendario.").waitFor();
      expect(await dialog.getByText("No es una fecha entre 2000 y 2100", { exact: false }).count()).toBe(0);
      await dialog.getByRole("button", { name: "Cancelar" }).click();
      await page.goto(`${server.baseUrl}/clients`);
      await page.getByTestId("client-row").filter({ hasText: "Ferretería Gutiérrez" }).click();
      await page.getByRole("tab", { name: "Contactos" }).click();
      await page.getByRole("button", { name: "Invitar al portal: José Ángel Gutiérrez" }).click();
      const row = page.locator('[data-testid="portal-user"][data-email="jose@ferreteria.mx"]');
      await row.waitFor();
      expect(await row.getByTestId("portal-status").textContent()).toBe("Invitado");
    });
  });

  it("shows and edits the firm's own settings, with a logo", async () => {
    await withPage(browser, "company", async (page) => {
      await uiLogin(page, server.baseUrl, ADMIN.email, ADMIN.password, "/admin/company");
      await page.getByLabel("Nombre o razón social").fill("Encor S.A. de C.V.");
      await page.getByLabel("RFC").fill("ENC0501018A6");
      await page.getByLabel("Correo de soporte").fill("soporte@encor.mx");
      await page
        .getByLabel("Horario de atención (lo ven los clientes)")
        .fill("Lunes a viernes de 9:00 a 17:00");
      await page.getByTestId("company-save").click();
      await page.getByText("Datos de la empresa guardados.").waitFor();
      await page
        .locator('input[type="file"]')
        .setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: PNG });
      await page.getByTestId("company-logo").waitFor();
      await page.reload();
      expect(await page.getByLabel("RFC").inputValue()).toBe("ENC0501018A6");
      expect(await page.getByLabel("Horario de atención (lo ven los clientes)").inputValue()).toContain(
        "Lunes",
      );
      await expect
        .poll(() => page.getByTestId("company-logo").evaluate((img: HTMLImageElement) => img.naturalWidth))
        .toBe(1);
    });
  });

  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 1366, height: 768 },
    { width: 1920, height: 1080 },
    PHONE,
  ]) {
    it(`shows whole statuses, deadlines and contract states at ${viewport.width}×${viewport.height}`, async () => {
      await withPage(
        browser,
        `readable-${viewport.width}`,
        async (page) => {
          await uiLogin(page, server.baseUrl, staff.leader.email, PASSWORD, "/queue?view=open");
          // A table on a laptop, cards on the phone: either way the status and time left are whole.
          const item = viewport === PHONE ? "[data-testid=ticket-card]" : "[data-testid=ticket-row]";
          await page.locator(`${item} [data-sla]`).first().waitFor();
          expect(await clipped(page, `${item} [data-status]`)).toEqual([]);
          expect(await clipped(page, `${item} [data-sla]`)).toEqual([]);
          await page.goto(`${server.baseUrl}/contracts`);
          await page.getByTestId("contract-state").first().waitFor();
          expect(await clipped(page, "[data-testid=contract-state]")).toEqual([]);
          await shot(page, `contracts-${viewport.width}`);
          // The contracts table is wider than a phone: it says so and shades the side out of sight.
          const contracts = page.getByTestId("contracts");
          if (viewport === PHONE) {
            await page.getByTestId("table-slides").waitFor();
            await page.locator(".mesa-shade-after").waitFor();
            expect(await page.locator(".mesa-shade-before").count()).toBe(0);
            await contracts.evaluate((table) => {
              const box = table.closest<HTMLElement>(".mantine-ScrollArea-viewport");
              box?.scrollTo({ left: box.scrollWidth });
            });
            await page.locator(".mesa-shade-before").waitFor();
            await page.locator(".mesa-shade-after").waitFor({ state: "detached" });
          } else if (viewport.width === 1920) {
            await contracts.waitFor();
            expect(await page.getByTestId("table-slides").count()).toBe(0);
            expect(await page.locator(".mesa-shade").count()).toBe(0);
          }
        },
        viewport,
      );
    });
  }
});
