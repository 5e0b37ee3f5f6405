/** The built app and the API docs run under the strict CSP with no violation; a page framing Mesa shows nothing. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupName } from "../src/server/platform/ops/nightly-backup";
import { backupSqlite, dbPath } from "../src/server/platform/ops/sqlite-backup";
import { ADMIN, browserMissing, launchBrowser, type Server, startServer, uiLogin, withPage } from "./helpers";

/** Collects every CSP complaint of a page: Chromium's console errors and the DOM violation events. */
async function watchCsp(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on("console", (m) => {
    if (m.text().includes("Content Security Policy")) seen.push(m.text());
  });
  page.on("pageerror", (e) => seen.push(`pageerror: ${e.message}`));
  await page.addInitScript(() =>
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(
        `Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`,
      ),
    ),
  );
  return seen;
}

describe.skipIf(browserMissing)("security headers in the browser", { timeout: 180_000 }, () => {
  let browser: Browser;
  let server: Server;
  let attacker: http.Server;
  let attackerUrl: string;

  beforeAll(async () => {
    server = await startServer();
    const { dataDir } = server.app.ctx.config;
    await backupSqlite(dbPath(dataDir), path.join(dataDir, "backups", backupName(new Date())));
    // Another port on the same host: same-site, as the page that framed Mesa in the report.
    attacker = http.createServer((_req, res) => {
      res.setHeader("content-type", "text/html; charset=utf-8");
      res.end(
        `<!doctype html><h1>Gana un premio</h1><iframe id="mesa" src="${server.baseUrl}/" width="800" height="600"></iframe>`,
      );
    });
    await new Promise<void>((resolve) => attacker.listen(0, "127.0.0.1", resolve));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => attacker?.close(resolve));
    await server?.close();
  });

  it("the app signs in, shows its screens and saves the backup settings with no CSP violation", async () => {
    await withPage(browser, "csp-app", async (page) => {
      const violations = await watchCsp(page);
      await uiLogin(page, server.baseUrl, ADMIN.email, ADMIN.password);
      await page.getByRole("link", { name: "Copias de seguridad" }).click();
      await page.getByRole("heading", { name: "Copias de seguridad" }).waitFor();
      await page
        .getByTestId("backups")
        .getByText(/^mesa-\d{8}T\d{6}Z\.sqlite$/)
        .waitFor();
      // A decimal typed key by key stays as typed and is refused beside the field, not saved as 45.
      const hour = page.getByLabel("Hora (0–23)");
      await hour.fill("");
      await hour.pressSequentially("4.5");
      await page.getByRole("button", { name: "Guardar" }).click();
      await page.getByText("Hora entera de 0 a 23").waitFor();
      expect(await hour.inputValue()).toBe("4.5");
      expect(await page.getByText("Cambios guardados.").count()).toBe(0);
      await hour.fill("4");
      await page.getByRole("button", { name: "Guardar" }).click();
      await page.getByText("Cambios guardados.").waitFor();
      const saved = await page.evaluate(() => fetch("/api/settings/backup").then((r) => r.json()));
      expect(saved.hour).toBe(4);
      await page.getByRole("link", { name: "Calendario" }).click();
      await page.getByRole("heading", { name: "Calendario hábil" }).waitFor();
      expect(violations).toEqual([]);
    });
  });

  it("the Swagger UI at /api/docs renders under the same policy", async () => {
    await withPage(browser, "csp-docs", async (page) => {
      const violations = await watchCsp(page);
      await page.goto(`${server.baseUrl}/api/docs`);
      await page.getByText("Mesa API", { exact: false }).first().waitFor();
      await page.locator(".opblock").first().waitFor();
      expect(violations).toEqual([]);
    });
  });

  it("a page framing Mesa cannot display it", async () => {
    await withPage(browser, "csp-frame", async (page) => {
      const violations = await watchCsp(page);
      await page.goto(attackerUrl);
      await page.getByRole("heading", { name: "Gana un premio" }).waitFor();
      await expect.poll(() => violations.some((v) => v.includes("frame-ancestors"))).toBe(true);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      // Chromium replaces a refused frame with its own error page: none of Mesa's document is there.
      const mesaInside = await frame?.evaluate(() => !!document.querySelector("#root")).catch(() => false);
      expect(mesaInside ?? false).toBe(false);
      expect(frame?.url() ?? "").not.toBe(`${server.baseUrl}/`);
    });
  });
});
