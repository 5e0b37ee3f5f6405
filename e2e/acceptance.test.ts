/**
 * The client accepts a service order from the mailed link, in a real browser and without signing in;
 * the staff ticket then shows the acceptance, and the spent link says so in Spanish. Also: a staff
 * user's e-mail notice switches in the account page.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
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

describe.skipIf(browserMissing)("service order acceptance by link", { timeout: 180_000 }, () => {
  let desk: Desk;
  let server: Server;
  let browser: Browser;
  let staff: Staff;
  let ticket: { id: string; folio: string };
  let linkPath = "";

  beforeAll(async () => {
    desk = await openDesk();
    ({ server, browser, staff } = desk);
    const tech = await ApiSession.login(server.baseUrl, staff.technician.email, PASSWORD);
    ticket = await desk.admin.ok("POST", "/api/tickets", {
      clientId: desk.clientId,
      contactId: desk.contactId,
      title: "No enciende el conmutador",
      description: "Desde la mañana.",
      urgent: false,
      channel: "phone",
    });
    await desk.admin.ok("POST", `/api/tickets/${ticket.id}/transitions`, {
      action: "assign",
      assigneeId: staff.technician.id,
    });
    await tech.ok("POST", `/api/tickets/${ticket.id}/transitions`, { action: "start" });
    await tech.ok("POST", `/api/tickets/${ticket.id}/time-entries`, {
      minutes: 50,
      mode: "onsite",
      activity: "Reemplazo de la fuente del conmutador",
    });
    await tech.ok("POST", `/api/tickets/${ticket.id}/transitions`, { action: "attend" });
    // No SMTP server here: the order waits in the outbox; its link is what the client would click.
    const mail = await server.app.ctx.db
      .selectFrom("outbox")
      .select("text_body")
      .where("ticket_id", "=", ticket.id)
      .where("kind", "=", "service_order")
      .executeTakeFirstOrThrow();
    linkPath = new URL(/https?:\/\/\S+\/orden\?token=\S+/.exec(mail.text_body)![0]).search;
  }, 120_000);

  afterAll(async () => {
    await desk?.close();
  });

  it("the client opens the link, reads the order and accepts it", async () => {
    await withPage(
      browser,
      "order-accept",
      async (page) => {
        await page.goto(`${server.baseUrl}/orden${linkPath}`);
        await page.getByTestId("order-title").getByText(`Orden de servicio ${ticket.folio}`).waitFor();
        await page.getByText("Reemplazo de la fuente del conmutador").waitFor();
        await page.getByTestId("order-accept").click();
        await page.getByText("Indique su nombre.").waitFor();
        await page.getByTestId("order-name").fill("Ana Martínez");
        await shot(page, "order-link");
        await page.getByTestId("order-accept").click();
        await page
          .getByTestId("order-done")
          .getByText(`La orden de servicio ${ticket.folio} quedó aceptada`)
          .waitFor();
      },
      { width: 390, height: 844 },
    );
  });

  it("the staff ticket shows the acceptance by link, and the spent link is refused in Spanish", async () => {
    await withPage(browser, "order-staff", async (page) => {
      await uiLogin(page, server.baseUrl, ADMIN.email, ADMIN.password, `/tickets/${ticket.id}`);
      await page
        .getByTestId("acceptance")
        .getByText(/Ana Martínez/)
        .waitFor();
      await page
        .getByTestId("acceptance")
        .getByText(/por el enlace del correo/)
        .waitFor();
      await page.getByTestId("service-order-pdf").waitFor();
    });
    await withPage(browser, "order-reused", async (page) => {
      await page.goto(`${server.baseUrl}/orden${linkPath}`);
      await page.getByTestId("order-refused").getByText("Enlace ya utilizado").waitFor();
    });
  });

  it("a technician turns off assignment e-mails in the account page, and the choice stays", async () => {
    await withPage(browser, "prefs", async (page) => {
      await uiLogin(page, server.baseUrl, staff.technician.email, PASSWORD, "/account");
      await page.getByRole("heading", { name: "Avisos por correo" }).waitFor();
      const assignment = page.getByRole("switch", { name: "Tickets que me asignan" });
      await expect.poll(() => assignment.isChecked()).toBe(true);
      await assignment.click({ force: true });
      await page.getByText("Preferencias guardadas.").waitFor();
      await page.reload();
      await expect
        .poll(() => page.getByRole("switch", { name: "Tickets que me asignan" }).isChecked())
        .toBe(false);
      await expect
        .poll(() =>
          page.getByRole("switch", { name: "Tickets por vencer o vencidos (escalamiento)" }).isChecked(),
        )
        .toBe(true);
    });
  });
});
