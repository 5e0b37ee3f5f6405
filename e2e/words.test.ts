/**
 * Words, not codes: a person walking the main pages in Spanish never reads a raw code (history
 * actions, category codes, ISO dates, zone ids) nor an English or missing aria-label; and the
 * consistent states of the staff app (empty clients, all intake errors at once, "Volver" beside
 * "Cancelar ticket", the billable estimate before review).
 */
import type { Browser, Page } from "playwright-core";
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

/** Texts a person must never read on a Spanish screen. */
const RAW = [
  /\btime_entry\b/,
  /\bbackdated\b/,
  /\bsend_back\b/,
  /\bin_progress\b/,
  /\bsoporte\b/, // the category's code ("Soporte general" is its name)
  /America\/Mexico_City/,
  /\b\d{4}-\d{2}-\d{2}\b/,
  /Toggle password visibility/i,
  /\bClose\b/,
];

/** Visible text plus every aria-label, and the buttons a screen reader could not name. */
async function readable(page: Page): Promise<{ text: string; labels: string[]; unnamed: string[] }> {
  return page.evaluate(() => {
    const labels = [...document.querySelectorAll("[aria-label]")].map((e) => e.getAttribute("aria-label")!);
    const unnamed = [...document.querySelectorAll("button")]
      // A NumberInput's steppers repeat what the arrow keys do on the named field itself.
      .filter((b) => !b.classList.contains("mantine-NumberInput-control"))
      .filter(
        (b) => !b.textContent?.trim() && !b.getAttribute("aria-label") && !b.getAttribute("aria-labelledby"),
      )
      .map((b) => b.outerHTML.slice(0, 120));
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered is what a person reads
    return { text: document.body.innerText, labels, unnamed };
  });
}

async function expectWords(page: Page, where: string): Promise<void> {
  const { text, labels, unnamed } = await readable(page);
  for (const raw of RAW) {
    expect(text, `${where}: visible text shows ${raw}`).not.toMatch(raw);
    for (const label of labels) expect(label, `${where}: aria-label "${label}"`).not.toMatch(raw);
  }
  expect(unnamed, `${where}: buttons without a name`).toEqual([]);
}

describe.skipIf(browserMissing)("words, not codes (es)", { timeout: 180_000 }, () => {
  let server: Server;
  let browser: Browser;
  let staff: Staff;
  const s: Record<string, ApiSession> = {};
  let ticketId = "";
  let freshId = "";

  beforeAll(async () => {
    server = await startServer();
    const admin = await ApiSession.login(server.baseUrl, ADMIN.email, ADMIN.password);
    s.admin = admin;
    staff = await seedStaff(admin);
    for (const who of ["reception", "technician"] as const) {
      s[who] = await ApiSession.login(server.baseUrl, staff[who].email, PASSWORD);
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("the empty clients page says there are no clients", async () => {
    await withPage(browser, "words-empty", async (page) => {
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/clients");
      await expect.poll(() => page.getByTestId("clients-empty").textContent()).toBe("No hay clientes.");
      await expectWords(page, "clients");
    });
  });

  it("a worked ticket reads in words: history, category name, billable estimate, Volver", async () => {
    const { clientId } = await seedClient(s.admin!);
    const ticket = await s.reception!.ok<{ id: string }>("POST", "/api/tickets", {
      clientId,
      title: "Sin acceso al sistema",
      description: "Detalle",
      urgent: false,
      channel: "phone",
      category: "soporte",
    });
    ticketId = ticket.id;
    const path = `/api/tickets/${ticketId}`;
    await s.reception!.ok("POST", `${path}/transitions`, {
      action: "assign",
      assigneeId: staff.technician.id,
    });
    await s.technician!.ok("POST", `${path}/transitions`, { action: "start" });
    await s.technician!.ok("POST", `${path}/time-entries`, {
      minutes: 70,
      mode: "remote",
      activity: "Diagnóstico",
    });
    await s.technician!.ok("POST", `${path}/messages`, { body: "Listo", kind: "note" });
    const fresh = await s.reception!.ok<{ id: string }>("POST", "/api/tickets", {
      clientId,
      title: "Impresora",
      description: "",
      urgent: false,
      channel: "phone",
      category: "soporte",
    });
    freshId = fresh.id;

    await withPage(browser, "words-ticket", async (page) => {
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, `/tickets/${ticketId}`);
      const facts = page.getByTestId("ticket-facts");
      await facts.getByText("Soporte general").waitFor();
      await facts.getByText("Tiempo facturable (estimado)").waitFor();
      // 70 min on a contract round to the next quarter hour, shown before review (no "—").
      expect(await page.getByTestId("facts-billable").textContent()).toBe("1 h 15 min");
      await page.getByRole("tab", { name: "Historial" }).click();
      await page.getByTestId("history").getByText("Tiempo de atención registrado").waitFor();
      // The line says how much: the minutes and the mode, in words.
      await page.getByTestId("history").getByText("1 h 10 min, Remota").waitFor();
      await expectWords(page, "ticket");

      await page.goto(`${server.baseUrl}/tickets/${freshId}`);
      await page.getByRole("button", { name: "Cancelar ticket" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByTestId("reason-back").waitFor();
      expect(await dialog.getByTestId("reason-back").textContent()).toBe("Volver");
      expect(await dialog.getByRole("button", { name: "Cancelar", exact: true }).count()).toBe(0);
      await dialog.getByRole("button", { name: "Cerrar" }).waitFor();
      await expectWords(page, "cancel dialog");
    });
  });

  it("the assign dialog names the category and explains in Spanish", async () => {
    await withPage(browser, "words-assign", async (page) => {
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/queue");
      const row = page.locator('[data-testid="ticket-row"]').filter({ hasText: "Impresora" });
      await row.getByRole("button", { name: "Asignar" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByText("Soporte general").waitFor();
      await dialog.getByTestId("assign-reason").first().waitFor();
      const reasons = await dialog.getByTestId("assign-reason").allTextContents();
      expect(reasons.join(" ")).toMatch(/Sin tickets abiertos|Carga actual: \d+ tickets? abiertos?/);
      // The first candidate is marked as the recommendation; no raw ranking number is shown.
      const first = dialog.getByTestId("candidate").first();
      expect(await first.getByTestId("assign-recommended").textContent()).toBe("Recomendado");
      expect(await dialog.getByTestId("assign-recommended").count()).toBe(1);
      expect(await dialog.textContent()).not.toMatch(/Puntaje/);
      await expectWords(page, "assign dialog");
    });
  });

  it("intake shows every missing field at once", async () => {
    await withPage(browser, "words-intake", async (page) => {
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/intake");
      const search = page.getByTestId("caller-search");
      await search.fill("55 8765 4321"); // the contact's phone
      await page.getByTestId("caller-match").first().waitFor();
      await search.press("Enter");
      const form = page.getByTestId("intake-form");
      await form.waitFor();
      await page.getByTestId("intake-submit").click();
      // The title and the urgency question are both missing: both say so after one submit.
      await form.getByText("Pregunta al cliente y elige una respuesta.").waitFor();
      await form.getByText("Requerido").first().waitFor();
      await expectWords(page, "intake");
    });
  });

  it("admin pages: skipped days and the zone in words, password toggles labelled in Spanish", async () => {
    await withPage(browser, "words-admin", async (page) => {
      await page.goto(`${server.baseUrl}/login`);
      await page.getByLabel("Contraseña").waitFor();
      expect(await page.getByRole("button", { name: "Mostrar u ocultar lo escrito" }).count()).toBe(1);
      await expectWords(page, "login");
      await uiLogin(page, server.baseUrl, ADMIN.email, ADMIN.password, "/admin/calendar");
      const zone = page.getByRole("combobox", { name: "Zona horaria" });
      await zone.waitFor();
      expect(await zone.inputValue()).toBe("Ciudad de México (UTC−6)");
      await expectWords(page, "calendar");
      await page.goto(`${server.baseUrl}/admin/sla`);
      await page.getByLabel("Desde").fill("24/12/2026");
      await page.getByLabel("Hora", { exact: true }).fill("18:00");
      await page.getByLabel("Minutos hábiles").fill("600");
      await page.getByRole("button", { name: "Calcular" }).click();
      await page.getByTestId("sla-skipped").first().waitFor();
      const skipped = await page.getByTestId("sla-skipped").allTextContents();
      expect(skipped.join("\n")).toContain("viernes 25 de diciembre de 2026");
      expect(skipped.join("\n")).toContain("sábado 26 de diciembre de 2026: fin de semana");
      await expectWords(page, "sla");
      // The calendar open: its arrows are named (they were two unnamed icon buttons).
      await page.getByLabel("Desde").click();
      await page.getByRole("button", { name: "Mes siguiente" }).waitFor();
      expect(await page.getByRole("button", { name: "Mes anterior" }).count()).toBe(1);
      await expectWords(page, "sla, calendar open");
      await page.keyboard.press("Escape");
      await page.goto(`${server.baseUrl}/account`);
      await page.getByRole("button", { name: "Mostrar u ocultar lo escrito" }).first().waitFor();
      await expectWords(page, "account");
    });
  });
});
