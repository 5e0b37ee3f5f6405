/** Admin "Correo saliente": the banner while mail is not configured, the outbox by status, and retrying a failed mail. */
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

describe.skipIf(browserMissing)("outbox page", { timeout: 180_000 }, () => {
  let browser: Browser;
  let server: Server;

  beforeAll(async () => {
    server = await startServer();
    const admin = await ApiSession.login(server.baseUrl, ADMIN.email, ADMIN.password);
    const { clientId, contactId } = await seedClient(admin);
    for (const title of ["No enciende el servidor", "Falla de red"]) {
      await admin.ok("POST", "/api/tickets", {
        clientId,
        contactId,
        title,
        description: "",
        urgent: false,
        channel: "phone",
      });
    }
    // One of them gave up earlier (as after eight refused connections).
    await server.app.ctx.db
      .updateTable("outbox")
      .set({ status: "failed", attempts: 8, last_error: "connect ECONNREFUSED 127.0.0.1:587" })
      .where("subject", "like", "%Falla de red")
      .execute();
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("an admin sees that mail waits, the failed mail with its error, and puts it back in the queue", async () => {
    await withPage(browser, "outbox", async (page) => {
      await uiLogin(page, server.baseUrl, ADMIN.email, ADMIN.password, "/admin/users");
      await page.getByRole("link", { name: "Correo saliente" }).click();
      await page.getByRole("heading", { name: "Correo saliente" }).waitFor();
      await page.getByText("El correo no está configurado: los mensajes quedan en cola").waitFor();
      await expect.poll(() => page.getByTestId("outbox-row").count()).toBe(2);
      await page.getByText("Fallido", { exact: true }).first().click();
      await expect.poll(() => page.getByTestId("outbox-row").count()).toBe(1);
      expect(page.url()).toContain("status=failed");
      const row = page.getByTestId("outbox-row");
      await row.getByText("connect ECONNREFUSED 127.0.0.1:587").waitFor();
      await row.getByText(/Falla de red/).waitFor();
      await shot(page, "18-admin-outbox");
      await row.getByRole("button", { name: "Reintentar" }).click();
      await page.getByText("El correo volvió a la cola.").waitFor();
      await page.getByText("No hay correos con este filtro.").waitFor();
      const rows = await server.app.ctx.db.selectFrom("outbox").select("status").execute();
      expect(rows.map((r) => r.status)).toEqual(["queued", "queued"]);
    });
  });
});
