/** User menu → "Tokens de API": create (the secret shown once, with copy), use, list, revoke. */
import type { Browser } from "playwright-core";
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
  withPage,
} from "./helpers";

describe.skipIf(browserMissing)("API tokens", { timeout: 180_000 }, () => {
  let server: Server;
  let browser: Browser;
  let staff: Staff;

  beforeAll(async () => {
    server = await startServer();
    const admin = await ApiSession.login(server.baseUrl, ADMIN.email, ADMIN.password);
    staff = await seedStaff(admin);
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const meWith = (token: string) =>
    fetch(`${server.baseUrl}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });

  it("a token is shown once with a warning and a copy button, works as Bearer, and is revoked", async () => {
    let token = "";
    await withPage(browser, "tokens", async (page) => {
      await page
        .context()
        .grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.baseUrl });
      await uiLogin(page, server.baseUrl, staff.leader.email, PASSWORD, "/closing");
      await page.getByTestId("user-menu").click();
      await page.getByRole("menuitem", { name: "Tokens de API" }).click();
      await page.getByRole("heading", { name: "Tokens de API" }).waitFor();
      await page.getByText("Aún no tienes tokens.").waitFor();

      await page.getByRole("button", { name: "Crear token" }).click();
      await page.getByText("Requerido").waitFor(); // the contract's TokenBody, checked before sending
      await page.getByLabel("Nombre del token").fill("Integración Microsip");
      await page.getByRole("button", { name: "Crear token" }).click();
      const dialog = page.getByTestId("new-token-dialog");
      await dialog.getByText("Copia el token ahora: no se volverá a mostrar.", { exact: false }).waitFor();
      token = await dialog.getByTestId("new-token").inputValue();
      expect(token.length).toBeGreaterThan(20);
      await dialog.getByRole("button", { name: "Copiar" }).click();
      await dialog.getByRole("button", { name: "Copiado" }).waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
      await shot(page, "26-token-created");
      await dialog.getByRole("button", { name: "Ya lo guardé" }).click();
      await dialog.waitFor({ state: "detached" });

      const row = page.locator('[data-testid="token-row"][data-name="Integración Microsip"]');
      await row.getByText("Activo").waitFor();
      const lastUsed = row.getByTestId("token-last-used");
      await lastUsed.filter({ hasText: "Nunca" }).waitFor();
      expect(await page.content()).not.toContain(token); // never shown again

      expect((await meWith(token)).status).toBe(200);
      await page.reload();
      await lastUsed.filter({ hasText: /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/ }).waitFor();
      await row.getByRole("button", { name: "Revocar" }).click();
      await page.getByTestId("revoke-confirm").click();
      await page.getByText("Token «Integración Microsip» revocado.").waitFor();
      await row.getByText(/^Revocado/).waitFor();
      expect(await row.getByRole("button", { name: "Revocar" }).count()).toBe(0);
      await shot(page, "27-token-revoked");
    });
    expect((await meWith(token)).status).toBe(401);
  });
});
