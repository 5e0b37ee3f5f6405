/**
 * What a newcomer's first day still tripped on after the staff-day work: a late answer read as an
 * open breach, a logged call read "Movimiento", skills read as codes, and on the phone a card that
 * opened only from its folio and controls cut at the right edge.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ADMIN,
  ApiSession,
  browserMissing,
  type Desk,
  openDesk,
  PASSWORD,
  uiLogin,
  withPage,
} from "./helpers";

const PHONE = { width: 390, height: 844 };

/** Texts of the matching elements whose content is wider than their box (cut off), if any. */
function clipped(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els) =>
    els.flatMap((el) => {
      const boxes = [el, ...el.querySelectorAll<HTMLElement>("*")];
      return boxes.some((b) => b.scrollWidth > b.clientWidth + 0.5) ? [el.textContent ?? ""] : [];
    }),
  );
}

describe.skipIf(browserMissing)("a newcomer's day at the desk", { timeout: 240_000 }, () => {
  let desk: Desk;
  let lateId = "";
  let lateFolio = "";

  beforeAll(async () => {
    desk = await openDesk();
    const { server, staff, clientId, contactId } = desk;
    const reception = await ApiSession.login(server.baseUrl, staff.reception.email, PASSWORD);
    const tech = await ApiSession.login(server.baseUrl, staff.technician.email, PASSWORD);
    // Received nine days ago and only answered now: late, but answered.
    const late = await reception.ok<{ id: string; folio: string }>("POST", "/api/tickets", {
      clientId,
      contactId,
      title: "Servidor de respaldos sin espacio",
      description: "Detalle",
      urgent: false,
      channel: "phone",
      category: "windows-server",
      receivedAt: new Date(Date.now() - 9 * 86_400_000).toISOString(),
    });
    lateId = late.id;
    lateFolio = late.folio;
    await reception.ok("POST", `/api/tickets/${late.id}/transitions`, {
      action: "assign",
      assigneeId: staff.technician.id,
    });
    await tech.ok("POST", `/api/tickets/${late.id}/transitions`, { action: "start" });
    await tech.ok("POST", `/api/tickets/${late.id}/messages`, { kind: "call", body: "Le llamé al cliente." });
    await reception.ok("POST", "/api/tickets", {
      clientId,
      title: "Alta de usuario en el servidor",
      description: "Detalle",
      urgent: false,
      channel: "phone",
      category: "windows-server",
    });
  }, 180_000);

  afterAll(() => desk?.close());

  it("shows a late answer as answered late, not as an open breach, and names a logged call", async () => {
    await withPage(desk.browser, "answered-late", async (page) => {
      await uiLogin(page, desk.server.baseUrl, desk.staff.leader.email, PASSWORD, "/queue?view=open");
      const badge = page.locator(`[data-testid=ticket-row][data-folio="${lateFolio}"] [data-sla]`);
      await badge.waitFor();
      expect(await badge.textContent()).toMatch(/^Respondido .+ tarde$/);
      await page.goto(`${desk.server.baseUrl}/tickets/${lateId}`);
      await page.getByRole("tab", { name: "Historial" }).click();
      const history = page.getByTestId("history");
      await history.getByText("Llamada registrada").waitFor();
      expect(await history.textContent()).not.toContain("Movimiento");
    });
  });

  it("names the candidates' skills by category, not by code", async () => {
    await withPage(desk.browser, "assign-skills", async (page) => {
      await uiLogin(page, desk.server.baseUrl, desk.staff.reception.email, PASSWORD, "/queue");
      await page.getByRole("button", { name: "Asignar" }).first().click();
      await page.getByTestId("candidate-skills").first().waitFor();
      const skills = (await page.getByTestId("candidate-skills").allTextContents()).join(" | ");
      expect(skills).toContain("Windows Server");
      expect(skills).toContain("Redes, Fortigate");
      expect(skills).not.toMatch(/windows-server|fortigate/);
    });
  });

  it("reassigning names who has the ticket now and never recommends them", async () => {
    await withPage(desk.browser, "reassign", async (page) => {
      await uiLogin(page, desk.server.baseUrl, desk.staff.leader.email, PASSWORD, "/queue?view=open");
      const row = page.locator(`[data-testid=ticket-row][data-folio="${lateFolio}"]`);
      await row.getByRole("button", { name: "Reasignar" }).click();
      const dialog = page.getByRole("dialog");
      const holder = "Tomás Técnico";
      await dialog.getByText(`Reasignar ${lateFolio} (ahora lo tiene ${holder})`).waitFor();
      const held = dialog.getByTestId("candidate").filter({ has: page.getByTestId("assign-holder") });
      await held.getByText(holder).waitFor();
      expect(await held.getByRole("button").count()).toBe(0);
      const first = dialog.getByTestId("candidate").first();
      expect(await first.getByTestId("assign-recommended").count()).toBe(1);
      expect(await first.textContent()).not.toContain(holder);
    });
  });

  it("on a 1024 px laptop the menu folds away so the queue's deadline and «Reasignar» fit, and stays folded", async () => {
    await withPage(
      desk.browser,
      "laptop-1024",
      async (page) => {
        await uiLogin(page, desk.server.baseUrl, desk.staff.leader.email, PASSWORD, "/queue?view=open");
        const row = page.locator(`[data-testid=ticket-row][data-folio="${lateFolio}"]`);
        const reassign = row.getByRole("button", { name: "Reasignar" });
        await reassign.waitFor();
        await page.getByTestId("nav-toggle-desktop").click();
        const inView = async () => {
          const [button, sla] = [await reassign.boundingBox(), await row.locator("[data-sla]").boundingBox()];
          return !!button && !!sla && button.x + button.width <= 1024 && sla.x + sla.width <= 1024;
        };
        await expect.poll(inView).toBe(true);
        await page.reload();
        await reassign.waitFor();
        expect(await inView()).toBe(true);
        await page.getByTestId("nav-toggle-desktop").click();
        await page.getByRole("navigation").getByRole("link", { name: "Cola de tickets" }).waitFor();
      },
      { width: 1024, height: 768 },
    );
  });

  it("on the phone: a card opens with a tap on its title, and no control is cut", async () => {
    await withPage(
      desk.browser,
      "phone-card",
      async (page) => {
        await uiLogin(page, desk.server.baseUrl, desk.staff.technician.email, PASSWORD, "/mine");
        // A real tap at the title's spot (the folio's link lies over the whole card, so Playwright's
        // own check would refuse: the link "intercepts" — which is the point).
        await page
          .getByTestId("ticket-card")
          .getByText("Servidor de respaldos sin espacio")
          .click({ force: true });
        await page.waitForURL(new RegExp(`/tickets/${lateId}$`));
        await page.getByRole("tab", { name: /Mensajes/ }).click();
        await page.getByTestId("message-kind").waitFor();
        expect(await clipped(page, '[data-testid="message-kind"]')).toEqual([]);
      },
      PHONE,
    );
    await withPage(
      desk.browser,
      "phone-queue",
      async (page) => {
        // Reception's queue on a phone: cards with the status, the time left and «Asignar», no table.
        await uiLogin(page, desk.server.baseUrl, desk.staff.reception.email, PASSWORD, "/queue");
        const card = page.getByTestId("ticket-card").filter({ hasText: "Alta de usuario en el servidor" });
        await card.waitFor();
        expect(await page.getByTestId("ticket-row").count()).toBe(0);
        expect(await clipped(page, "[data-testid=ticket-card] [data-sla]")).toEqual([]);
        await card.getByRole("button", { name: "Asignar" }).click();
        await page.getByTestId("candidate").first().waitFor();
      },
      PHONE,
    );
    await withPage(
      desk.browser,
      "phone-filters",
      async (page) => {
        await uiLogin(page, desk.server.baseUrl, ADMIN.email, ADMIN.password, "/admin/tasks");
        await page.getByTestId("task-filter").waitFor();
        expect(await clipped(page, '[data-testid="task-filter"]')).toEqual([]);
      },
      PHONE,
    );
  });

  it("takes and shows a worked holiday as DD/MM/AAAA and keeps it as an ISO day", async () => {
    await withPage(desk.browser, "calendar-day", async (page) => {
      await uiLogin(page, desk.server.baseUrl, ADMIN.email, ADMIN.password, "/admin/calendar");
      const days = page.getByRole("combobox", { name: "Feriados que sí se trabajan" });
      await days.fill("24/12/2026");
      await days.press("Enter");
      await page.getByRole("button", { name: "Guardar" }).last().click();
      await expect
        .poll(
          async () =>
            (await desk.admin.ok<{ removedHolidays: string[] }>("GET", "/api/settings/calendar"))
              .removedHolidays,
        )
        .toEqual(["2026-12-24"]);
      await page.reload();
      await page.locator(".mantine-Pill-label").first().waitFor();
      expect(await page.locator(".mantine-Pill-label").allTextContents()).toEqual(["24/12/2026"]);
    });
  });
});
