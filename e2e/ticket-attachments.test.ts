/**
 * A technician attaches photos to a ticket (the «foto de la etiqueta» a senior asks for): at a laptop's
 * width and a phone's, one visible to the client and one kept internal; the client's portal shows only
 * the first. A file of its own because e2e/ticket.test.ts is already past 500 lines.
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
  seedClient,
  seedStaff,
  shot,
  startServer,
  uiLogin,
  withPage,
} from "./helpers";

const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const CONTACT = "ana@launica.mx";
/** A real 1×1 PNG: the server tells its type by these bytes. */
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const png = (name: string) => ({ name, mimeType: "image/png", buffer: PNG });

describe.skipIf(browserMissing)("ticket attachments from staff", { timeout: 180_000 }, () => {
  let server: Server;
  let browser: Browser;
  let staff: Staff;
  let ticketId = "";

  beforeAll(async () => {
    server = await startServer();
    const admin = await ApiSession.login(server.baseUrl, ADMIN.email, ADMIN.password);
    staff = await seedStaff(admin);
    const { clientId, contactId } = await seedClient(admin);
    await admin.ok("POST", `/api/contacts/${contactId}/portal-invite`);
    const reception = await ApiSession.login(server.baseUrl, staff.reception.email, PASSWORD);
    const technician = await ApiSession.login(server.baseUrl, staff.technician.email, PASSWORD);
    const ticket = await reception.ok<{ id: string }>("POST", "/api/tickets", {
      clientId,
      contactId,
      title: "Impresora de etiquetas sin imprimir",
      description: "La Zebra del almacén no imprime.",
      urgent: false,
      channel: "phone",
    });
    ticketId = ticket.id;
    const move = (who: ApiSession, body: object) =>
      who.ok("POST", `/api/tickets/${ticketId}/transitions`, body);
    await move(reception, { action: "assign", assigneeId: staff.technician.id });
    await move(technician, { action: "start" });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openAttachments(page: Page) {
    await uiLogin(page, server.baseUrl, staff.technician.email, PASSWORD, `/tickets/${ticketId}`);
    await page.getByRole("tab", { name: /Mensajes/ }).click();
    return page.getByTestId("attachments");
  }

  it("at 1366 px a technician attaches a photo for the client, and refuses an empty file in Spanish", async () => {
    await withPage(
      browser,
      "staff-attach-laptop",
      async (page) => {
        const panel = await openAttachments(page);
        await panel.getByText("Sin archivos adjuntos.").waitFor();
        const input = page.getByTestId("attachment-input");
        // A phone offers its camera and its gallery: images and documents, no forced capture.
        expect(await input.getAttribute("accept")).toContain("image/*");
        expect(await input.getAttribute("accept")).toContain("application/pdf");
        expect(await input.getAttribute("capture")).toBeNull();

        await input.setInputFiles({ name: "vacio.png", mimeType: "image/png", buffer: Buffer.alloc(0) });
        await page.getByTestId("attachment-problem").getByText("El archivo está vacío.").waitFor();

        await input.setInputFiles(png("etiqueta.png"));
        const row = panel.getByTestId("attachment").filter({ hasText: "etiqueta.png" });
        await row.waitFor();
        await row.getByText(/^Tomás Técnico · /).waitFor();
        expect(await row.getByTestId("attachment-internal").count()).toBe(0);
        // Client-visible: the notice says whom the mail went to (the ticket's contact).
        await page
          .getByTestId("attachment-status")
          .getByText("Se adjuntó etiqueta.png y se envió por correo a ana@launica.mx.")
          .waitFor();
        expect(await page.getByTestId("attachment-problem").count()).toBe(0);
        await shot(page, "staff-attachment-laptop");
      },
      LAPTOP,
    );
  });

  it("at 390 px, by keyboard, the technician marks a photo «Interno»; it is badged and in the history", async () => {
    await withPage(
      browser,
      "staff-attach-phone",
      async (page) => {
        const panel = await openAttachments(page);
        await panel.getByText("etiqueta.png", { exact: false }).waitFor();
        // Listen for the chooser before any key: Playwright turns interception on without waiting
        // for it, so a listener made in the same breath as the key press can miss it on a loaded machine.
        const chooserOpened = page.waitForEvent("filechooser", { timeout: 60_000 });
        // Keyboard only: the visibility choice, then the button opens the file chooser.
        await page.getByRole("radio", { name: "Visible para el cliente" }).focus();
        // A client-visible file is also mailed to the client: the form says so before the choice changes.
        await page
          .getByText("El cliente lo verá en el portal y se le enviará por correo", { exact: false })
          .waitFor();
        await page.keyboard.press("ArrowDown");
        expect(await page.getByRole("radio", { name: "Interno" }).isChecked()).toBe(true);
        await page.getByText("Solo lo ve el personal; el cliente no lo ve en el portal.").waitFor();
        await page.getByTestId("attachment-upload").press("Enter");
        const chooser = await chooserOpened;
        await chooser.setFiles(png("rack.png"));
        const row = panel.getByTestId("attachment").filter({ hasText: "rack.png" });
        await row.getByTestId("attachment-internal").getByText("Interno").waitFor();
        // Nothing of the panel runs past a phone's width.
        const overflow = await panel.evaluate((el) => el.scrollWidth - el.clientWidth);
        expect(overflow).toBeLessThanOrEqual(0);
        await shot(page, "staff-attachment-phone");

        await page.getByRole("tab", { name: /Historial/ }).click();
        await page.getByTestId("history").getByText("rack.png · Interno").waitFor();
        await page.getByTestId("history").getByText("etiqueta.png").waitFor();
      },
      PHONE,
    );
  });

  it("the client's portal lists and serves only the client-visible photo", async () => {
    await withPage(
      browser,
      "staff-attach-portal",
      async (page) => {
        await page.goto(`${server.baseUrl}/portal`);
        await page.getByLabel("Correo electrónico").fill(CONTACT);
        await page.getByRole("button", { name: "Enviarme el enlace" }).click();
        await page.getByText("Revise su correo").waitFor();
        await page.goto(server.baseUrl + (await mailedLinkPath()));
        await page.getByRole("heading", { name: "Mis solicitudes" }).waitFor();
        await page.getByTestId("ticket-card").getByText("Impresora de etiquetas sin imprimir").click();
        const visible = page.getByRole("link", { name: /etiqueta\.png/ });
        await visible.waitFor();
        expect(await page.getByText("rack.png").count()).toBe(0);
        const served = await page.request.get(server.baseUrl + (await visible.getAttribute("href")));
        expect(served.status()).toBe(200);
        expect(Buffer.compare(await served.body(), PNG)).toBe(0);
      },
      PHONE,
    );
  });

  /** The sign-in link as the contact receives it: read from the outbox row Mesa wrote for the mail. */
  async function mailedLinkPath(): Promise<string> {
    const row = await server.app.ctx.db
      .selectFrom("outbox")
      .select("text_body")
      .where("to_addr", "=", CONTACT)
      .where("kind", "=", "portal_link")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    const m = /\/portal\/entrar\?token=[A-Za-z0-9_-]+/.exec(row.text_body);
    if (!m) throw new Error("no link in the mail");
    return m[0];
  }
});
