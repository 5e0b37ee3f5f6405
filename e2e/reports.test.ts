/** The leader lands on the dashboard; a report shows its chart and table and keeps its filters in the URL. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApiSession,
  browserMissing,
  type Desk,
  openDesk,
  PASSWORD,
  shot,
  uiLogin,
  withPage,
} from "./helpers";

interface TicketJson {
  id: string;
  folio: string;
}

/** A local date in Mexico City, `days` from today. */
const mxDate = (days: number) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "America/Mexico_City" }).format(
    new Date(Date.now() + days * 86_400_000),
  );

describe.skipIf(browserMissing)("dashboard and reports", { timeout: 180_000 }, () => {
  let desk: Desk;
  let breached: TicketJson;
  let answered: TicketJson;

  beforeAll(async () => {
    desk = await openDesk();
    const reception = await ApiSession.login(desk.server.baseUrl, desk.staff.reception.email, PASSWORD);
    const create = (title: string, receivedAt?: string) =>
      reception.ok<TicketJson>("POST", "/api/tickets", {
        clientId: desk.clientId,
        title,
        description: "Detalle",
        urgent: true,
        channel: "phone",
        receivedAt,
      });
    breached = await create("Servidor caído", new Date(Date.now() - 10 * 86_400_000).toISOString());
    answered = await create("Impresora sin red");
    await reception.ok("POST", `/api/tickets/${answered.id}/transitions`, {
      action: "assign",
      assigneeId: desk.staff.technician.id,
    });
    const tech = await ApiSession.login(desk.server.baseUrl, desk.staff.technician.email, PASSWORD);
    await tech.ok("POST", `/api/tickets/${answered.id}/transitions`, { action: "start" });
  }, 120_000);

  afterAll(async () => desk?.close());

  it("a leader lands on the dashboard and sees the breached ticket and the technicians' load", async () => {
    await withPage(desk.browser, "dashboard", async (page) => {
      await uiLogin(page, desk.server.baseUrl, desk.staff.leader.email, PASSWORD);
      await page.waitForURL(/\/dashboard$/);
      const list = page.getByTestId("dash-breached-list");
      await list.getByText(breached.folio).waitFor();
      expect(await page.getByTestId("dash-breached").textContent()).toBe("1");
      const techs = page.getByTestId("dash-technicians");
      expect(await techs.getByRole("row", { name: /Tomás Técnico/ }).textContent()).toContain("1");
      await page
        .getByTestId("report-chart")
        .locator(".recharts-bar-rectangle path")
        .first()
        .waitFor({ state: "attached" });
      await shot(page, "40-dashboard");
    });
  });

  it("the SLA report shows its chart and table, and its filters survive a reload", async () => {
    const from = mxDate(-40);
    const to = mxDate(0);
    await withPage(desk.browser, "report-sla", async (page) => {
      await uiLogin(
        page,
        desk.server.baseUrl,
        desk.staff.leader.email,
        PASSWORD,
        `/reports/sla?from=${from}&to=${to}&bucket=month`,
      );
      const table = page.getByTestId("report-table");
      await table.getByRole("row", { name: /Póliza/ }).waitFor();
      // One urgent contract ticket met (started at once), one breached: 50 %.
      expect(await table.getByRole("row", { name: /Póliza/ }).textContent()).toContain("50 %");
      await page
        .getByTestId("report-chart")
        .locator(".recharts-bar-rectangle path")
        .first()
        .waitFor({ state: "attached" });
      await page.getByTestId("breaches-table").getByText(breached.folio).waitFor();
      await shot(page, "41-report-sla");

      await page.getByRole("combobox", { name: "Canal" }).click();
      await page.getByRole("option", { name: "Correo" }).click();
      await page.getByTestId("report-empty").waitFor();
      expect(new URL(page.url()).searchParams.get("channel")).toBe("email");
      expect(await page.getByTestId("report-csv").getAttribute("href")).toContain("channel=email");
      await page.reload();
      await page.getByTestId("report-empty").waitFor();
      expect(await page.getByRole("combobox", { name: "Canal" }).inputValue()).toBe("Correo");
      expect(new URL(page.url()).searchParams.get("from")).toBe(from);
    });
  });
});
