/**
 * A hostile HTML mail from an unknown sender, delivered over real SMTP to Mesa's listener, shown to
 * reception in Chromium: nothing in it runs, its text is readable, and reception links the sender to
 * its client through the ticket page.
 */
import nodemailer from "nodemailer";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drain } from "../test/mail-support";
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
  startServer,
  uiLogin,
  withPage,
} from "./helpers";

const SENDER = "extrano@otrodominio.mx";
const SUBJECT = "Se cayó el conmutador";

// Every trick sets window.__hostile (or opens a dialog) if it ever runs in the staff app.
const HOSTILE_HTML = `<html><head><style>body{display:none !important}</style></head><body>
<p>Buenos días, <b>no enciende el conmutador</b> de la oficina.</p>
<script>window.__hostile = "script"; alert("script")</script>
<img src=x onerror="window.__hostile='img';alert('img')">
<iframe src="javascript:parent.__hostile='iframe'"></iframe>
<iframe srcdoc="<script>parent.__hostile='srcdoc'</script>"></iframe>
<a href="javascript:window.__hostile='link'">Ver detalles</a>
<svg onload="window.__hostile='svg'"></svg>
<div style="position:fixed;top:0;left:0;width:100vw;height:100vh;background:#fff;z-index:99999">Tapado</div>
<p>Gracias.</p></body></html>`;

interface Row {
  id: string;
  folio: string;
  title: string;
  clientId: string;
  contactId: string | null;
  unknownSender: boolean;
  serviceKind: string;
}

describe.skipIf(browserMissing)("hostile HTML mail", { timeout: 180_000 }, () => {
  let browser: Browser;
  let server: Server;
  let admin: ApiSession;
  let staff: Staff;
  let clientId: string;

  beforeAll(async () => {
    server = await startServer({
      env: {
        MESA_SMTP_LISTEN: "127.0.0.1:0",
        MESA_SUPPORT_ADDRESS: "soporte@encor.mx",
        MESA_MAIL_FROM: "mesa@encor.mx",
      },
    });
    admin = await ApiSession.login(server.baseUrl, ADMIN.email, ADMIN.password);
    staff = await seedStaff(admin);
    ({ clientId } = await seedClient(admin));
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const mailTicket = async (): Promise<Row | undefined> => {
    const list = await admin.ok<{ items: Row[] }>("GET", "/api/tickets?limit=100");
    return list.items.find((t) => t.title === SUBJECT);
  };

  it("runs nothing from the mail, shows its text, and reception links the sender to its client", async () => {
    const transport = nodemailer.createTransport({
      host: "127.0.0.1",
      port: server.app.smtp!.port,
      secure: false,
      ignoreTLS: true,
    });
    await transport.sendMail({
      from: `Extraño <${SENDER}>`,
      to: "soporte@encor.mx",
      subject: SUBJECT,
      html: HOSTILE_HTML,
    });
    transport.close();
    // The listener stores the mail raw; the task queue (off in e2e) turns it into a ticket.
    await expect
      .poll(async () => {
        await drain(server.app);
        return (await mailTicket())?.unknownSender;
      })
      .toBe(true);
    const ticket = (await mailTicket())!;
    expect(ticket.clientId).not.toBe(clientId);

    await withPage(browser, "hostile-mail", async (page) => {
      const dialogs: string[] = [];
      page.on("dialog", (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/queue");
      const row = page.locator(`[data-testid="ticket-row"][data-folio="${ticket.folio}"]`);
      await row.getByTestId("unknown-sender-badge").getByText("Sin identificar", { exact: true }).waitFor();
      await row.getByRole("link", { name: ticket.folio }).click();

      await page.getByText(`Remitente sin identificar: ${SENDER}`).waitFor();
      const description = page.getByTestId("ticket-description");
      await expect.poll(() => description.textContent()).toContain("no enciende el conmutador");
      expect(await description.isVisible()).toBe(true);
      expect(await description.textContent()).toContain("Gracias.");
      const traces = await page.evaluate(() => ({
        flag: (window as unknown as { __hostile?: string }).__hostile ?? null,
        iframes: document.querySelectorAll("iframe").length,
        jsLinks: document.querySelectorAll('a[href^="javascript:"]').length,
        hidden: getComputedStyle(document.body).display === "none",
      }));
      expect(traces).toEqual({ flag: null, iframes: 0, jsLinks: 0, hidden: false });
      expect(dialogs).toEqual([]);

      await page.getByTestId("link-sender").click();
      // The search starts from the sender's address (a contact that has it would be listed at once).
      expect(await page.getByTestId("caller-search").inputValue()).toBe(SENDER);
      await page.getByTestId("caller-search").fill("Ferretería");
      await page.getByTestId("caller-match").first().click();
      const target = page.getByTestId("link-sender-target");
      await target.getByText("+ Nuevo contacto").click();
      await expect.poll(() => target.getByLabel("Correo electrónico").inputValue()).toBe(SENDER);
      await target.getByLabel("Nombre del contacto").fill("Ernesto Extraño");
      await target.getByRole("button", { name: "Agregar contacto" }).click();
      await target.getByTestId("chosen-contact").getByText("Ernesto Extraño").waitFor();
      await page.getByTestId("link-sender-confirm").click();

      await page.getByText("El ticket quedó vinculado a Ferretería La Única.").waitFor();
      const facts = page.getByTestId("ticket-facts");
      await facts.getByText("Ferretería La Única").waitFor();
      await facts.getByText("Ernesto Extraño").waitFor();
      await facts.getByText("Póliza").waitFor();
      await page.getByTestId("unknown-sender").waitFor({ state: "detached" });
      expect(await page.evaluate(() => (window as unknown as { __hostile?: string }).__hostile ?? null)).toBe(
        null,
      );
      expect(dialogs).toEqual([]);
    });

    const linked = (await mailTicket())!;
    expect(linked).toMatchObject({ clientId, unknownSender: false, serviceKind: "contract" });
    expect(linked.contactId).not.toBeNull();
  });
});
