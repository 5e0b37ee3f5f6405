/**
 * A technician's finding changes a ticket's category: the kind follows the póliza's coverage, as intake
 * would have decided it, and the leader's ticket page says so before and after saving.
 */
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
  seedClient,
  seedStaff,
  startServer,
  uiLogin,
  withPage,
} from "./helpers";

describe.skipIf(browserMissing)("reclassifying a ticket", { timeout: 120_000 }, () => {
  let server: Server;
  let browser: Browser;
  let staff: Staff;
  let ticketId = "";
  let clientId = "";
  let admin: ApiSession;
  let reception: ApiSession;

  beforeAll(async () => {
    server = await startServer();
    admin = await ApiSession.login(server.baseUrl, ADMIN.email, ADMIN.password);
    staff = await seedStaff(admin);
    ({ clientId } = await seedClient(admin));
    // The client's SS póliza covers networks only.
    await admin.ok("PUT", "/api/contract-types/SS/coverage", { coverage: ["redes"] });
    reception = await ApiSession.login(server.baseUrl, staff.reception.email, PASSWORD);
    const ticket = await reception.ok<{ id: string; serviceKind: string }>("POST", "/api/tickets", {
      clientId,
      title: "Sin internet en la bodega",
      description: "El access point no enlaza.",
      urgent: false,
      channel: "phone",
      category: "redes",
    });
    expect(ticket.serviceKind).toBe("contract");
    ticketId = ticket.id;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("a category the póliza does not cover makes the ticket «Evento», said before and after saving", async () => {
    await withPage(browser, "reclassify-kind", async (page) => {
      await uiLogin(page, server.baseUrl, staff.leader.email, PASSWORD, `/tickets/${ticketId}`);
      const panel = page.getByTestId("classification");
      expect(await panel.getByRole("radio", { name: "Póliza" }).isChecked()).toBe(true);
      await panel.getByRole("combobox", { name: "Categoría" }).click();
      await page.getByRole("option", { name: "Soporte general" }).click();
      await panel
        .getByText("Al guardar, lo que cubran las pólizas del cliente decide si es Póliza o Evento")
        .waitFor();
      await panel.getByRole("button", { name: "Guardar" }).click();
      await page
        .getByText(
          /^Guardado\. Con la nueva categoría queda como «Evento»; respuesta a más tardar \S+ \d\d\/\d\d\/\d{4} \d\d:\d\d\.$/,
        )
        .waitFor();
      await expect.poll(() => panel.getByRole("radio", { name: "Evento" }).isChecked()).toBe(true);
      // The history says what the edit changed, not only that something did.
      await page.getByRole("tab", { name: /Historial/ }).click();
      await page
        .getByTestId("history")
        .getByText("Categoría: Redes → Soporte general · Tipo de servicio: Póliza → Evento", { exact: false })
        .waitFor();
    });
  });

  it("two admins narrowing one póliza type: the comparison of both, then mine on top of theirs", async () => {
    await withPage(browser, "coverage-conflict", async (page) => {
      await uiLogin(page, server.baseUrl, ADMIN.email, ADMIN.password, "/admin/contract-types");
      const sf = page.getByTestId("coverage-SF");
      await sf.getByLabel("Todas las categorías").uncheck();
      await sf.getByLabel("Categorías que cubre SF").fill("Soporte");
      await page.getByRole("option", { name: "Soporte general" }).click();
      await page.keyboard.press("Escape");
      // Meanwhile another admin narrows SF to networks.
      const types = await admin.ok<{ items: { code: string; version: number }[] }>(
        "GET",
        "/api/contract-types",
      );
      const version = types.items.find((x) => x.code === "SF")?.version;
      await admin.ok("PUT", "/api/contract-types/SF/coverage", { coverage: ["redes"], version });

      await sf.getByRole("button", { name: "Guardar cobertura" }).click();
      const dialog = page.getByTestId("conflict-dialog");
      await dialog.waitFor();
      expect(await dialog.locator('tr[data-field="coverage"] td').allTextContents()).toEqual([
        "Categorías que cubre",
        "Redes",
        "Soporte general",
      ]);
      await dialog.getByTestId("conflict-reapply").click();
      await dialog.waitFor({ state: "detached" });
      await expect
        .poll(async () => {
          const now = await admin.ok<{ items: { code: string; coverage: unknown }[] }>(
            "GET",
            "/api/contract-types",
          );
          return now.items.find((x) => x.code === "SF")?.coverage;
        })
        .toEqual(["soporte"]);
    });
  });

  it("the leader keeps «Póliza» by hand through a new category, with the reason it asks for", async () => {
    const kept = await reception.ok<{ id: string }>("POST", "/api/tickets", {
      clientId,
      title: "Cámara de recepción sin imagen",
      description: "Dejó de verse desde el switch.",
      urgent: false,
      channel: "phone",
      category: "redes",
    });
    await withPage(browser, "reclassify-keep-kind", async (page) => {
      await uiLogin(page, server.baseUrl, staff.leader.email, PASSWORD, `/tickets/${kept.id}`);
      const panel = page.getByTestId("classification");
      await panel.getByRole("combobox", { name: "Categoría" }).click();
      await page.getByRole("option", { name: "Soporte general" }).click();
      const keep = panel.getByRole("switch", { name: "Mantener «Póliza» aunque cambie la categoría" });
      await keep.check({ force: true });
      await panel.getByRole("button", { name: "Guardar" }).click();
      await panel.getByText("Este cambio requiere un motivo.").waitFor();
      await panel
        .getByRole("textbox", { name: "Motivo" })
        .fill("El contrato del cliente incluye soporte general");
      await panel.getByRole("button", { name: "Guardar" }).click();
      await page.getByText("Cambios guardados.", { exact: true }).waitFor();
      expect(await panel.getByRole("radio", { name: "Póliza" }).isChecked()).toBe(true);
      await page.getByRole("tab", { name: /Historial/ }).click();
      await page
        .getByTestId("history")
        .getByText(
          "Categoría: Redes → Soporte general · Tipo de servicio: Póliza, se mantiene aunque cambie la categoría",
          {
            exact: false,
          },
        )
        .waitFor();
    });
    const saved = await reception.ok<{ serviceKind: string }>("GET", `/api/tickets/${kept.id}`);
    expect(saved.serviceKind).toBe("contract");
  });
});
