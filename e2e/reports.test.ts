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
      // Urgent and nobody's yet: the list says both, so the leader knows the next step from it.
      await list.getByText("Urgente").waitFor();
      expect(await list.getByTestId("dash-assignee").textContent()).toBe("Sin asignar");
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
      // Counts of tickets: the axis has whole ticks only.
      const ticks = await page
        .getByTestId("report-chart")
        .locator(".recharts-yAxis-tick-labels text")
        .allTextContents();
      expect(ticks.length).toBeGreaterThan(0);
      expect(ticks.filter((v) => !/^\d+$/.test(v.trim()))).toEqual([]);
      // The period reads as the desk writes dates (día/mes/año), not as the URL holds them.
      const dmy = (iso: string) => iso.split("-").reverse().join("/");
      await page.getByText(`Del ${dmy(from)} al ${dmy(to)}, en la zona del calendario hábil.`).waitFor();
      await shot(page, "41-report-sla");
      // A breached folio opens its ticket.
      await page.getByTestId("breaches-table").getByRole("link", { name: breached.folio }).click();
      await page.getByTestId("ticket-folio").getByText(breached.folio).waitFor();
      await page.goBack();

      await page.getByRole("combobox", { name: "Canal" }).click();
      await page.getByRole("option", { name: "Correo" }).click();
      await page.getByTestId("report-empty").waitFor();
      expect(new URL(page.url()).searchParams.get("channel")).toBe("email");
      expect(await page.getByTestId("report-csv").getAttribute("href")).toContain("channel=email");
      await page.reload();
      await page.getByTestId("report-empty").waitFor();
      expect(await page.getByRole("combobox", { name: "Canal" }).inputValue()).toBe("Correo");
      expect(new URL(page.url()).searchParams.get("from")).toBe(from);

      // «Hasta» before «Desde» is said under «Hasta» before anything is requested, not as a failed load.
      const early = mxDate(-50);
      const requested: string[] = [];
      page.on("request", (r) => {
        if (r.url().includes("/api/reports/")) requested.push(r.url());
      });
      const until = page.getByRole("textbox", { name: "Hasta" });
      await until.fill(dmy(early));
      await until.press("Tab");
      await expect.poll(() => new URL(page.url()).searchParams.get("to")).toBe(early);
      await page.getByTestId("report-filters").getByText("La fecha final es anterior a la inicial").waitFor();
      expect(await until.getAttribute("aria-invalid")).toBe("true");
      expect(await page.getByText("No se pudo cargar").count()).toBe(0);
      expect(await page.getByRole("button", { name: "Reintentar" }).count()).toBe(0);
      expect(requested.filter((url) => url.includes(`to=${early}`))).toEqual([]);
    });
  });

  it("every report tab opens from every other without an error page", async () => {
    // A contract ticket with an extra charge, closed (so «por facturar» until the month's run) and
    // surveyed: the unbilled and satisfaction reports have rows.
    const login = (email: string) => ApiSession.login(desk.server.baseUrl, email, PASSWORD);
    const [reception, tech, senior, leader] = [
      await login(desk.staff.reception.email),
      await login(desk.staff.technician.email),
      await login(desk.staff.senior.email),
      await login(desk.staff.leader.email),
    ];
    const ticket = await reception.ok<TicketJson>("POST", "/api/tickets", {
      clientId: desk.clientId,
      title: "Lector de códigos sin respuesta",
      description: "Detalle",
      urgent: false,
      channel: "phone",
    });
    const move = (who: ApiSession, body: Record<string, unknown>) =>
      who.ok("POST", `/api/tickets/${ticket.id}/transitions`, body);
    await move(reception, { action: "assign", assigneeId: desk.staff.technician.id });
    await move(tech, { action: "start" });
    await tech.ok("POST", `/api/tickets/${ticket.id}/time-entries`, {
      minutes: 30,
      mode: "remote",
      activity: "Configuración",
    });
    await tech.ok("POST", `/api/tickets/${ticket.id}/charges`, {
      kind: "spare_part",
      description: "Cable USB",
      quantity: 1,
      unitPriceCents: 15000,
    });
    await move(tech, { action: "attend" });
    await move(senior, { action: "review", reason: "Aceptado por teléfono" });
    await move(leader, { action: "close" });
    await reception.ok("POST", `/api/tickets/${ticket.id}/survey`, {
      overall: 5,
      technician: 4,
      timeliness: 5,
    });

    const tabs = [
      ["sla", "Cumplimiento de respuesta"],
      ["response", "Tiempo de respuesta"],
      ["resolution", "Atención y cierre"],
      ["workload", "Carga de trabajo"],
      ["hour-bank", "Bolsa de horas"],
      ["satisfaction", "Satisfacción"],
      ["unbilled", "Por facturar"],
    ] as const;
    const query = `from=${mxDate(-40)}&to=${mxDate(0)}`;
    await withPage(desk.browser, "report-tabs", async (page) => {
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      await uiLogin(page, desk.server.baseUrl, desk.staff.leader.email, PASSWORD, `/reports/sla?${query}`);
      const moves: string[] = [];
      const shown = page.locator('[data-testid="report-table"], [data-testid="report-empty"]');
      const crashed = page.getByText("Unexpected Application Error");
      // Each move from a fresh load of the first tab, so the second tab's answer is never cached yet.
      for (const [from] of tabs) {
        for (const [to, label] of tabs) {
          if (to === from) continue;
          await page.goto(`${desk.server.baseUrl}/reports/${from}?${query}`);
          await shown.first().waitFor();
          errors.splice(0);
          const answered = page
            .waitForResponse((r) => new URL(r.url()).pathname === `/api/reports/${to}`)
            .catch(() => null);
          await page.getByTestId("report-tabs").getByText(label, { exact: true }).click();
          await page.waitForURL((url) => url.pathname === `/reports/${to}`);
          // A view that throws never asks for its report: the error page is the answer then.
          await Promise.race([answered, crashed.waitFor().catch(() => null)]);
          await shown.or(crashed).first().waitFor();
          if ((await crashed.count()) > 0 || errors.length > 0)
            moves.push(`${from} → ${to}: ${errors.splice(0)[0]?.split("\n")[0] ?? "error page"}`);
        }
      }
      expect(moves).toEqual([]);
      // The data made above is what the last tabs show.
      await page.goto(`${desk.server.baseUrl}/reports/unbilled?${query}`);
      await page.getByTestId("report-table").getByText(ticket.folio).first().waitFor();
      // What waits to be billed at a glance.
      const totals = page.getByTestId("unbilled-totals");
      await totals.getByText("Tickets por facturar").waitFor();
      await totals.getByText("Cargos por facturar").waitFor();
      await page.getByText("Cerrado el", { exact: true }).first().waitFor();
      await page.goto(`${desk.server.baseUrl}/reports/satisfaction?${query}`);
      await page.getByTestId("report-table").getByText("Tomás Técnico").first().waitFor();
    });
  });

  // After the tabs' test: its reviewed contract ticket gives the month's bank a row.
  it("the hour bank report plots hours: whole-hour ticks named as hours, not minutes", async () => {
    await withPage(desk.browser, "report-hour-bank", async (page) => {
      await uiLogin(page, desk.server.baseUrl, desk.staff.leader.email, PASSWORD, "/reports/hour-bank");
      const chart = page.getByTestId("report-chart");
      await chart.locator(".recharts-cartesian-axis-tick-value", { hasText: /^10 h$/ }).waitFor();
      await chart.getByText("Horas", { exact: true }).waitFor();
      await chart.getByText("Horas incluidas").first().waitFor();
      expect(await chart.getByText("600", { exact: true }).count()).toBe(0);
      await shot(page, "42-report-hour-bank");
    });
  });
});
