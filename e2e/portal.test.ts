/** The client portal in Chromium on a phone: a sign-in link by mail, the contact's tickets, a new ticket and its folio. */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  ApiSession,
  browserMissing,
  launchBrowser,
  type Server,
  seedClient,
  shot,
  startServer,
  uiLogin,
  withPage,
} from "./helpers";

const PHONE = { width: 390, height: 844 };
const EMAIL = "ana@launica.mx";

describe.skipIf(browserMissing)("client portal", { timeout: 180_000 }, () => {
  let browser: Browser;
  let server: Server;

  let clientId = "";
  beforeAll(async () => {
    server = await startServer();
    const admin = await ApiSession.login(server.baseUrl, ADMIN.email, ADMIN.password);
    const seeded = await seedClient(admin);
    clientId = seeded.clientId;
    await admin.ok("POST", `/api/contacts/${seeded.contactId}/portal-invite`);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The sign-in link as the contact receives it: read from the outbox row Mesa wrote for the mail. */
  async function mailedLinkPath(email = EMAIL): Promise<string> {
    const row = await server.app.ctx.db
      .selectFrom("outbox")
      .select("text_body")
      .where("to_addr", "=", email)
      .where("kind", "=", "portal_link")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    const m = /\/portal\/entrar\?token=[A-Za-z0-9_-]+/.exec(row.text_body);
    if (!m) throw new Error("no link in the mail");
    return m[0];
  }

  /** Another contact of the client, invited to the portal. */
  async function invitedContact(admin: ApiSession, name: string, email: string) {
    const contact = await admin.ok<{ id: string }>("POST", "/api/contacts", { clientId, name, email });
    await admin.ok("POST", `/api/contacts/${contact.id}/portal-invite`);
  }

  it("a contact asks for a link, opens it, sees its tickets, files one and reads its folio", async () => {
    let link = "";
    await withPage(
      browser,
      "portal",
      async (page) => {
        await page.goto(`${server.baseUrl}/portal`);
        await page.getByLabel("Correo electrónico").fill(EMAIL);
        await page.getByRole("button", { name: "Enviarme el enlace" }).click();
        await page.getByText("Revise su correo").waitFor();
        await page
          .getByTestId("opening-hours")
          .getByText(/Horario de atención: lun–vie 09:00–17:00/)
          .waitFor();

        link = await mailedLinkPath();
        await page.goto(server.baseUrl + link);
        await page.getByRole("heading", { name: "Mis solicitudes" }).waitFor();
        await page.getByText("Aún no hay solicitudes.").waitFor();
        // The footer follows the portal's language, the zone named as people say it.
        const hours = page.getByTestId("opening-hours");
        await hours.getByText("Horario de atención: lun–vie 09:00–17:00 (hora estándar central)").waitFor();
        // The switch is the account's language too: the firm's mails follow it.
        const accountLocale = async (locale: string) => {
          for (let i = 0; i < 50; i++) {
            const row = await server.app.ctx.db
              .selectFrom("users")
              .select("locale")
              .where("email", "=", EMAIL)
              .executeTakeFirstOrThrow();
            if (row.locale === locale) return;
            await page.waitForTimeout(100);
          }
          throw new Error(`the account's language never became ${locale}`);
        };
        await page.getByRole("button", { name: "English" }).click();
        await hours.getByText("Opening hours: Mon–Fri 09:00–17:00 (Central Standard Time)").waitFor();
        await accountLocale("en");
        await page.getByRole("button", { name: "Español" }).click();
        await hours.getByText(/Horario de atención: lun–vie/).waitFor();
        await accountLocale("es-MX");

        await page.getByRole("link", { name: "Nueva solicitud" }).click();
        // Sent empty: the portal's own message in Spanish, not the browser's «Please fill out this field».
        await page.getByRole("button", { name: "Enviar solicitud" }).click();
        await page.getByText("Escriba el asunto de su solicitud.").waitFor();
        await page.getByLabel("Asunto").fill("El conmutador dejó de dar tono");
        await page.getByLabel("Describa el problema").fill("Desde las 9:00 ninguna extensión tiene tono.");
        await page.getByLabel("Sí, funcionaba y dejó de funcionar").check();
        await page.getByRole("button", { name: "Enviar solicitud" }).click();

        const folio = page.getByTestId("folio");
        await folio.waitFor();
        expect(await folio.textContent()).toMatch(/^OS-\d{4}-\d{6}$/);
        await page
          .getByTestId("created-notice")
          .getByText(/Su folio es OS-/)
          .waitFor();
        await page.getByText("Urgente").first().waitFor();
        await page.getByTestId("service-order-slot").waitFor();
        await shot(page, "portal-ticket-phone");

        await page.getByRole("link", { name: /Mis solicitudes/ }).click();
        await expect.poll(() => page.getByTestId("ticket-card").count()).toBe(1);
        await page.getByTestId("ticket-card").getByText("El conmutador dejó de dar tono").waitFor();
        // At a phone's width the status and «Urgente» are whole words, not «RE…», «UR…».
        const labels = page.getByTestId("ticket-card").locator(".mantine-Badge-label");
        expect(await labels.allTextContents()).toEqual(["Recibida", "Urgente"]);
        // Each status has its colour, as in the staff app (a cancelled one never looks attended).
        const status = page.getByTestId("ticket-card").locator('[data-status="new"]');
        expect(await status.getAttribute("style")).toContain("blue");
        const cut = await labels.evaluateAll(
          (els) => els.filter((el) => el.scrollWidth > el.clientWidth).length,
        );
        expect(cut).toBe(0);

        // The same link opened again in this signed-in browser (a double click, a mail scanner):
        // the contact lands on the portal, not on «Este enlace ya se usó».
        await page.goto(server.baseUrl + link);
        await page.getByRole("link", { name: "Nueva solicitud" }).waitFor();
        expect(new URL(page.url()).pathname).toBe("/portal");
        expect(await page.getByTestId("link-error").count()).toBe(0);
      },
      PHONE,
    );

    // The same link a second time: a clear page, no session.
    await withPage(
      browser,
      "portal-used-link",
      async (page) => {
        await page.goto(server.baseUrl + link);
        await page.getByRole("heading", { name: "Este enlace ya se usó" }).waitFor();
        await page.getByRole("button", { name: "Pedir un enlace nuevo" }).click();
        await page.getByRole("button", { name: "Enviarme el enlace" }).waitFor();
      },
      PHONE,
    );
  });

  it("staff read the contact's message as «Mensaje del cliente», and a file's size as the portal does", async () => {
    const admin = await ApiSession.login(server.baseUrl, ADMIN.email, ADMIN.password);
    await admin.ok("POST", "/api/portal/magic-link", { email: EMAIL });
    const link = await mailedLinkPath();
    await withPage(
      browser,
      "portal-message",
      async (page) => {
        await page.goto(server.baseUrl + link);
        await page.getByTestId("ticket-card").first().click();
        await page.getByLabel("Escriba un mensaje").fill("Sigue sin tono la extensión 12.");
        await page.getByRole("button", { name: "Enviar", exact: true }).click();
        await page.getByText("Sigue sin tono la extensión 12.").waitFor();
        await page.locator('input[type="file"]').setInputFiles({
          name: "nota.txt",
          mimeType: "text/plain",
          buffer: Buffer.from("catorce bytes!"), // 14 bytes
        });
        await page.getByRole("link", { name: "nota.txt (14 B)" }).waitFor();
      },
      PHONE,
    );
    const { items } = await admin.ok<{ items: { id: string; title: string }[] }>("GET", "/api/tickets");
    const ticket = items.find((i) => i.title === "El conmutador dejó de dar tono");
    await withPage(browser, "staff-client-message", async (page) => {
      await uiLogin(page, server.baseUrl, ADMIN.email, ADMIN.password, `/tickets/${ticket!.id}`);
      await page.getByRole("tab", { name: /Mensajes/ }).click();
      const message = page.getByTestId("message").filter({ hasText: "Sigue sin tono la extensión 12." });
      await message.waitFor();
      expect(await message.getByTestId("message-kind-label").textContent()).toBe("Mensaje del cliente");
      await page.getByTestId("attachments").getByRole("link", { name: "nota.txt (14 B)" }).waitFor();
      await shot(page, "portal-message-staff");
    });
    // Withdrawn at the desk: the portal shows no deadline left for a request nobody will answer.
    await admin.ok("POST", `/api/tickets/${ticket!.id}/transitions`, {
      action: "cancel",
      reason: "El cliente lo resolvió",
    });
    await admin.ok("POST", "/api/portal/magic-link", { email: EMAIL });
    const again = await mailedLinkPath();
    await withPage(
      browser,
      "portal-cancelled",
      async (page) => {
        await page.goto(server.baseUrl + again);
        await page.getByTestId("ticket-card").first().click();
        await page.locator('[data-status="cancelled"]').first().waitFor();
        await page.getByText("Recibida", { exact: true }).first().waitFor();
        expect(await page.getByText("Respuesta a más tardar").count()).toBe(0);
        expect(await page.getByText("Solución estimada").count()).toBe(0);
      },
      PHONE,
    );
  });
  it("a request typed when the session ends is kept: after signing in again it is offered and sent once", async () => {
    // Another contact of the firm (each address gets 3 links per 15 minutes; the tests above used them).
    const cashier = "caja@launica.mx";
    const admin = await ApiSession.login(server.baseUrl, ADMIN.email, ADMIN.password);
    await invitedContact(admin, "Caja La Única", cashier);
    await admin.ok("POST", "/api/portal/magic-link", { email: cashier });
    const first = await mailedLinkPath(cashier);
    await withPage(
      browser,
      "portal-draft",
      async (page) => {
        await page.goto(server.baseUrl + first);
        await page.getByRole("link", { name: "Nueva solicitud" }).click();
        await page.getByLabel("Asunto").fill("La impresora de caja no enciende");
        await page
          .getByLabel("Describa el problema")
          .fill("Desde ayer no prende; ya probamos otro contacto.");
        await page.getByText("Sí, funcionaba y dejó de funcionar").click();
        // The session ends while the contact types (signed out elsewhere, or expired).
        await page.context().clearCookies();
        await page.getByRole("button", { name: "Enviar solicitud" }).click();
        await page
          .getByTestId("new-error")
          .getByText(/Su sesión terminó. Lo que escribió se guardó/)
          .waitFor();
        await page.getByTestId("new-sign-in").click();
        await page.getByLabel("Correo electrónico").fill(cashier);
        await page.getByRole("button", { name: "Enviarme el enlace" }).click();
        await page.getByText("Revise su correo").waitFor();
        await expect.poll(() => mailedLinkPath(cashier)).not.toBe(first);
        await page.goto(server.baseUrl + (await mailedLinkPath(cashier)));
        await page.getByTestId("unsent-request").getByRole("link", { name: "Continuar" }).click();
        await page.getByTestId("draft-notice").waitFor();
        expect(await page.getByLabel("Asunto").inputValue()).toBe("La impresora de caja no enciende");
        expect(await page.getByLabel("Describa el problema").inputValue()).toBe(
          "Desde ayer no prende; ya probamos otro contacto.",
        );
        await page.getByRole("button", { name: "Enviar solicitud" }).click();
        await page.getByTestId("created-notice").waitFor();
        await page.getByRole("link", { name: /Mis solicitudes/ }).click();
        await page.getByTestId("ticket-card").getByText("La impresora de caja no enciende").waitFor();
        expect(await page.getByTestId("unsent-request").count()).toBe(0);

        // Signed in again in another tab: this tab's CSRF token is the old session's; the request
        // still goes, once (it reads the current token and sends again).
        await page.getByRole("link", { name: "Nueva solicitud" }).click();
        await page.getByLabel("Asunto").fill("El escáner no guarda en la carpeta");
        await page.getByText("No, es algo nuevo o aún no estaba en operación").click();
        await admin.ok("POST", "/api/portal/magic-link", { email: cashier });
        const other = await page.context().newPage();
        await other.goto(server.baseUrl + (await mailedLinkPath(cashier)));
        await other.getByRole("heading", { name: "Mis solicitudes" }).waitFor();
        await other.close();
        await page.getByRole("button", { name: "Enviar solicitud" }).click();
        await page.getByTestId("created-notice").waitFor();
      },
      PHONE,
    );
    const { items } = await admin.ok<{ items: { title: string; urgent: boolean }[] }>("GET", "/api/tickets");
    const filed = items.filter((i) => i.title === "La impresora de caja no enciende");
    expect(filed.map((i) => i.urgent)).toEqual([true]);
    expect(items.filter((i) => i.title === "El escáner no guarda en la carpeta")).toHaveLength(1);
  });

  it("a browser that never chose a language shows the account's (the one its mails come in)", async () => {
    const traveller = "viajes@launica.mx";
    const admin = await ApiSession.login(server.baseUrl, ADMIN.email, ADMIN.password);
    await invitedContact(admin, "Viajes La Única", traveller);
    await server.app.ctx.db
      .updateTable("users")
      .set({ locale: "en" })
      .where("email", "=", traveller)
      .execute();
    await admin.ok("POST", "/api/portal/magic-link", { email: traveller });
    const link = await mailedLinkPath(traveller);
    await withPage(browser, "portal-account-language", async (page) => {
      await page.goto(server.baseUrl + link);
      await page.getByRole("heading", { name: "My requests" }).waitFor();
      await page.getByRole("button", { name: "Español" }).waitFor();
    });
  });
});
