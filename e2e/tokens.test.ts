/** User menu → "Tokens de API" (create, shown once, use, revoke) and "Mi cuenta" (sessions, password change). */
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

  it("My account: sessions listed and ended one by one; a password change ends the others and the tokens", async () => {
    const user = staff.technician;
    const phone = await ApiSession.login(server.baseUrl, user.email, PASSWORD);
    const token = (await phone.ok<{ token: string }>("POST", "/api/auth/tokens", { name: "script" })).token;
    const tablet = await ApiSession.login(server.baseUrl, user.email, PASSWORD);
    const NEW = "contrasena-nueva-2026";
    await withPage(browser, "account", async (page) => {
      await uiLogin(page, server.baseUrl, user.email, PASSWORD, "/mine");
      await page.getByTestId("user-menu").click();
      await page.getByRole("menuitem", { name: "Mi cuenta" }).click();
      await page.getByRole("heading", { name: "Mi cuenta" }).waitFor();
      const rows = page.getByTestId("session-row");
      await rows.nth(2).waitFor();
      expect(await rows.count()).toBe(3);
      await page
        .locator('[data-testid="session-row"][data-current="true"]')
        .getByText("Esta sesión")
        .waitFor();
      // The device as people name it, not the browser's User-Agent text.
      await page
        .locator('[data-testid="session-row"][data-current="true"]')
        .getByText("Chrome en Linux", { exact: true })
        .waitFor();

      await rows
        .filter({ hasNotText: "Esta sesión" })
        .first()
        .getByRole("button", { name: "Cerrar sesión" })
        .click();
      await page.getByText("Sesión cerrada.").waitFor();
      await rows.nth(2).waitFor({ state: "detached" });
      const stillIn = [
        (await phone.call("GET", "/api/auth/me")).status,
        (await tablet.call("GET", "/api/auth/me")).status,
      ];
      expect(stillIn.sort()).toEqual([200, 401]);

      const form = page.getByTestId("password-form");
      await form.getByLabel("Contraseña actual").fill("no-es-mi-clave");
      await form.getByLabel("Nueva contraseña").fill("corta-123");
      await form.getByRole("button", { name: "Cambiar contraseña" }).click();
      await form.getByText("Mínimo 10 caracteres", { exact: true }).waitFor(); // the contract's rule, before sending
      await form.getByLabel("Nueva contraseña").fill(NEW);
      await form.getByRole("button", { name: "Cambiar contraseña" }).click();
      await form.getByText("La contraseña actual no es correcta.").waitFor();
      await form.getByLabel("Contraseña actual").fill(PASSWORD);
      await form.getByRole("button", { name: "Cambiar contraseña" }).click();
      await page.getByText("Contraseña cambiada.", { exact: false }).waitFor();
      await shot(page, "28-account-password-changed");
      await page.reload();
      await page.getByRole("heading", { name: "Mi cuenta" }).waitFor(); // this session stays
      await rows.first().waitFor();
      expect(await rows.count()).toBe(1);
    });
    expect((await phone.call("GET", "/api/auth/me")).status).toBe(401);
    expect((await tablet.call("GET", "/api/auth/me")).status).toBe(401);
    expect((await meWith(token)).status).toBe(401);
    await ApiSession.login(server.baseUrl, user.email, NEW);
  });
});
