/**
 * The all-open queue's filters (kept in the URL across a reload) and the header's notification bell
 * fed by the SLA escalation job.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { escalateSla } from "../src/server/platform/jobs/definitions";
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
  shot,
  startServer,
  uiLogin,
  waitForFolios,
  withPage,
} from "./helpers";

interface TicketJson {
  id: string;
  folio: string;
  title: string;
}

describe.skipIf(browserMissing)("queue filters and notifications", { timeout: 180_000 }, () => {
  let server: Server;
  let browser: Browser;
  let staff: Staff;
  let reception: ApiSession;
  let paperId = "";
  let ana = { clientId: "", contactId: "" };
  const tickets: Record<"breached" | "paperAssigned" | "paperUrgent" | "working", TicketJson> = {} as never;

  const create = async (clientId: string, title: string, urgent: boolean, receivedAt?: string) =>
    reception.ok<TicketJson>("POST", "/api/tickets", {
      clientId,
      title,
      description: "Detalle",
      urgent,
      channel: "phone",
      receivedAt,
    });

  beforeAll(async () => {
    server = await startServer();
    const admin = await ApiSession.login(server.baseUrl, ADMIN.email, ADMIN.password);
    staff = await seedStaff(admin);
    const seeded = await seedClient(admin);
    const clientId = seeded.clientId;
    ana = seeded;
    paperId = (await admin.ok<{ id: string }>("POST", "/api/clients", { name: "Papelería El Lápiz" })).id;
    reception = await ApiSession.login(server.baseUrl, staff.reception.email, PASSWORD);
    const tenDaysAgo = new Date(Date.now() - 10 * 24 * 3600_000).toISOString();
    tickets.breached = await create(clientId, "Servidor de correo caído", true, tenDaysAgo);
    tickets.paperAssigned = await create(paperId, "Alta de usuario nuevo", false);
    tickets.paperUrgent = await create(paperId, "Impresora de facturas sin red", true);
    tickets.working = await create(clientId, "Respaldo semanal falló", false);
    const assign = (t: TicketJson, assigneeId: string) =>
      reception.ok("POST", `/api/tickets/${t.id}/transitions`, { action: "assign", assigneeId });
    await assign(tickets.paperAssigned, staff.technician.id);
    await assign(tickets.working, staff.technician2.id);
    const technician2 = await ApiSession.login(server.baseUrl, staff.technician2.email, PASSWORD);
    await technician2.ok("POST", `/api/tickets/${tickets.working.id}/transitions`, { action: "start" });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const folios = (...keys: (keyof typeof tickets)[]) => keys.map((k) => tickets[k].folio);
  const filters = (page: Page) => page.getByTestId("queue-filters");
  const pick = async (page: Page, label: string, option: string) => {
    await page.getByRole("combobox", { name: label }).click();
    await page.getByRole("option", { name: option }).click();
  };

  it("filters the open queue by overdue, client, urgency, technician and status, and keeps them on reload", async () => {
    await withPage(browser, "queue-filters", async (page) => {
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/queue?view=open");
      const filters = page.getByTestId("queue-filters");
      await waitForFolios(page, folios("breached", "paperAssigned", "paperUrgent", "working"));

      const toggle = (name: string, on: boolean) =>
        on ? filters.getByRole("switch", { name }).check() : filters.getByRole("switch", { name }).uncheck();
      await toggle("Solo vencidos", true);
      await waitForFolios(page, folios("breached"));
      await toggle("Solo vencidos", false);

      await pick(page, "Cliente", "Papelería El Lápiz");
      await waitForFolios(page, folios("paperAssigned", "paperUrgent"));
      await toggle("Solo urgentes", true);
      await waitForFolios(page, folios("paperUrgent"));
      expect(new URL(page.url()).searchParams.get("urgent")).toBe("1");
      await shot(page, "17-queue-filters");

      await page.reload();
      await waitForFolios(page, folios("paperUrgent"));
      expect(await filters.getByRole("switch", { name: "Solo urgentes" }).isChecked()).toBe(true);
      expect(await page.getByRole("combobox", { name: "Cliente" }).inputValue()).toBe("Papelería El Lápiz");

      await filters.getByRole("button", { name: "Quitar filtros" }).click();
      await waitForFolios(page, folios("breached", "paperAssigned", "paperUrgent", "working"));
      await pick(page, "Técnico", "Tomás Técnico");
      await waitForFolios(page, folios("paperAssigned"));
      await toggle("Solo sin asignar", true);
      await waitForFolios(page, folios("breached", "paperUrgent"));
      expect(await page.getByRole("combobox", { name: "Técnico" }).isDisabled()).toBe(true);

      await filters.getByRole("button", { name: "Quitar filtros" }).click();
      await pick(page, "Estados", "En progreso");
      await waitForFolios(page, folios("working"));
      expect(new URL(page.url()).searchParams.get("status")).toBe("in_progress");
    });
  });

  it("the client and technician pickers ignore accents and case, and say when nothing matches", async () => {
    await withPage(browser, "queue-pickers", async (page) => {
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/queue?view=open");
      await waitForFolios(page, folios("breached", "paperAssigned", "paperUrgent", "working"));
      const client = page.getByRole("combobox", { name: "Cliente" });
      await client.fill("papeleria el lapiz");
      await page.getByRole("option", { name: "Papelería El Lápiz" }).click();
      await waitForFolios(page, folios("paperAssigned", "paperUrgent"));

      await client.fill("PAPELERÍA");
      await page.getByRole("option", { name: "Papelería El Lápiz" }).waitFor();
      await client.fill("ferreteria la unica");
      await page.getByRole("option", { name: "Ferretería La Única" }).waitFor();
      await client.fill("zapateria");
      await page.getByText("Sin resultados").waitFor();
      expect(await page.getByRole("option").count()).toBe(0);
      await page.keyboard.press("Escape");

      await filters(page).getByRole("button", { name: "Quitar filtros" }).click();
      await page.getByRole("combobox", { name: "Técnico" }).fill("tomas tecnico");
      await page.getByRole("option", { name: "Tomás Técnico" }).click();
      await waitForFolios(page, folios("paperAssigned"));
    });
  });

  it("the search narrows to one client and one technician, kept in the address on reload", async () => {
    await withPage(browser, "search-filters", async (page) => {
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/search?q=detalle");
      await waitForFolios(page, folios("breached", "paperAssigned", "paperUrgent", "working"));
      const narrow = page.getByTestId("search-filters");
      await narrow.getByRole("combobox", { name: "Cliente" }).fill("papeleria");
      await page.getByRole("option", { name: "Papelería El Lápiz" }).click();
      await waitForFolios(page, folios("paperAssigned", "paperUrgent"));
      await narrow.getByRole("combobox", { name: "Técnico" }).fill("tomas");
      await page.getByRole("option", { name: "Tomás Técnico" }).click();
      await waitForFolios(page, folios("paperAssigned"));
      const address = new URL(page.url()).searchParams;
      expect([address.get("q"), address.get("client"), address.get("tech")]).toEqual([
        "detalle",
        paperId,
        staff.technician.id,
      ]);

      await page.reload();
      await waitForFolios(page, folios("paperAssigned"));
      await expect
        .poll(() => narrow.getByRole("combobox", { name: "Cliente" }).inputValue())
        .toBe("Papelería El Lápiz");
      // Opened again on its choice, the client list shows the chosen client.
      await narrow.getByRole("combobox", { name: "Cliente" }).click();
      await page.getByRole("option", { name: "Papelería El Lápiz" }).waitFor();
      await page.keyboard.press("Escape");
      await page.getByTestId("search-input").fill("facturas");
      await waitForFolios(page, []);
    });
  });

  it("reception finds a caller's tickets by typing the number they ring from in the header search", async () => {
    const anas = await reception.ok<TicketJson>("POST", "/api/tickets", {
      clientId: ana.clientId,
      contactId: ana.contactId,
      title: "No enciende el punto de venta",
      description: "Caja 2",
      urgent: false,
      channel: "phone",
    });
    await withPage(browser, "search-phone", async (page) => {
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/queue?view=open");
      const box = page.getByRole("textbox", { name: "Buscar tickets" }).first();
      expect(await box.getAttribute("placeholder")).toContain("teléfono");
      await box.fill("(55) 8765-4321");
      await box.press("Enter");
      await waitForFolios(page, [anas.folio]);
      expect(new URL(page.url()).searchParams.get("q")).toBe("(55) 8765-4321");
    });
  });

  it("the client picker asks the server: a client past the first 200 is found by typing, and kept on reload", async () => {
    // 205 clients sort before it («Relleno …» after the others, «Vidriería …» after them): the picker
    // once loaded the first 200 clients and could never offer it.
    const names = Array.from({ length: 205 }, (_, i) => `Relleno ${String(i).padStart(3, "0")}`);
    for (let i = 0; i < names.length; i += 15)
      await Promise.all(names.slice(i, i + 15).map((name) => reception.ok("POST", "/api/clients", { name })));
    const far = await reception.ok<{ id: string }>("POST", "/api/clients", { name: "Vidriería Ñandú" });
    const glass = await create(far.id, "Cristal del mostrador roto", false);
    await withPage(browser, "queue-client-201", async (page) => {
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/queue?view=open");
      const client = page.getByRole("combobox", { name: "Cliente" });
      await client.click();
      await page.getByRole("option", { name: "Relleno 000" }).waitFor();
      expect(await page.getByRole("option", { name: "Vidriería Ñandú" }).count()).toBe(0);
      await client.fill("vidrieria nandu");
      await page.getByRole("option", { name: "Vidriería Ñandú" }).click();
      await waitForFolios(page, [glass.folio]);
      expect(new URL(page.url()).searchParams.get("client")).toBe(far.id);

      await page.reload();
      await waitForFolios(page, [glass.folio]);
      await expect.poll(() => client.inputValue()).toBe("Vidriería Ñandú");
      await client.fill("relleno 204");
      await page.getByRole("option", { name: "Relleno 204" }).waitFor();
      expect(await page.getByRole("option").count()).toBe(1);

      // The ✕ is in reach of the keyboard (Tab from the picker), named for its field; Enter clears the filter.
      await page.keyboard.press("Escape");
      await page.keyboard.press("Tab");
      expect(await page.locator(":focus").getAttribute("aria-label")).toBe("Borrar Cliente");
      await page.keyboard.press("Enter");
      await expect.poll(() => new URL(page.url()).searchParams.get("client")).toBeNull();
      await expect.poll(() => client.inputValue()).toBe("");
      // The ✕ went with the value: the focus is back in the field it cleared, not lost to the page.
      expect(await client.evaluate((el) => el === document.activeElement)).toBe(true);
    });
  });

  it("«Asignar» closed with Esc gives focus back to the button that opened it (ticket page and queue)", async () => {
    await withPage(browser, "assign-focus", async (page) => {
      const folio = tickets.paperUrgent.folio;
      const hasFocus = (opener: ReturnType<Page["getByRole"]>) =>
        expect
          .poll(() => opener.evaluate((el) => el === document.activeElement), { timeout: 5_000 })
          .toBe(true);
      const closedFrom = async (opener: ReturnType<Page["getByRole"]>) => {
        await opener.focus();
        await page.keyboard.press("Enter");
        await page.getByRole("dialog").getByTestId("candidate").first().waitFor();
        await page.keyboard.press("Escape");
        await page.getByRole("dialog").waitFor({ state: "hidden" });
        await hasFocus(opener);
      };
      // Esc as the dialog appears, before Mantine's focus trap takes focus a timer tick later (a quick
      // hand, or a busy browser, which runs input before timers): the trap's late tick focused the
      // closing dialog, and focus ended on <body>.
      const closedAtOnce = async (opener: ReturnType<Page["getByRole"]>) => {
        await opener.focus();
        await page.evaluate(async () => {
          const dialogShown = new Promise<void>((resolve) => {
            const watch = new MutationObserver(() => {
              if (!document.querySelector("[role=dialog]")) return;
              watch.disconnect();
              resolve();
            });
            watch.observe(document.body, { childList: true, subtree: true });
          });
          (document.activeElement as HTMLElement).click();
          await dialogShown;
          const esc = new KeyboardEvent("keydown", { key: "Escape", bubbles: true });
          (document.activeElement ?? document.body).dispatchEvent(esc);
        });
        await page.getByRole("dialog").waitFor({ state: "hidden" });
        await hasFocus(opener);
      };
      // The first opening loads the dialog (it mounts already open); the second reuses it.
      const ticketPath = `/tickets/${tickets.paperUrgent.id}`;
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, ticketPath);
      const onTicket = page.getByRole("button", { name: "Asignar", exact: true });
      await closedFrom(onTicket);
      await closedFrom(onTicket);
      await closedAtOnce(onTicket);
      await page.goto(`${server.baseUrl}/queue`);
      const row = page.locator(`[data-testid="ticket-row"][data-folio="${folio}"]`);
      await closedFrom(row.getByRole("button", { name: "Asignar", exact: true }));
      await closedAtOnce(row.getByRole("button", { name: "Asignar", exact: true }));
    });
  });

  it("the bell counts unread SLA notices, links to the ticket and marks them read", async () => {
    const longAgo = new Date(Date.now() - 5 * 24 * 3600_000).toISOString();
    await create(paperId, "Sin acceso a la VPN", false, longAgo); // a second overdue ticket: two notices
    await escalateSla(server.app.ctx, new Date());
    const { unreadCount } = await reception.ok<{ unreadCount: number }>("GET", "/api/notifications");
    expect(unreadCount).toBeGreaterThan(0);
    await withPage(browser, "bell", async (page) => {
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/search");
      const bell = page.getByRole("button", { name: `Avisos: ${unreadCount} sin leer` });
      await bell.click();
      const notice = page
        .getByTestId("notification")
        .filter({ hasText: `${tickets.breached.folio} venció su tiempo de respuesta` });
      await notice.getByText("Vencido").waitFor();
      await shot(page, "18-notifications");
      await notice.getByRole("link", { name: "Ver ticket" }).click();
      await page.getByTestId("ticket-folio").getByText(tickets.breached.folio).waitFor();
      await page.getByRole("button", { name: `Avisos: ${unreadCount - 1} sin leer` }).click();
      await page.getByRole("button", { name: "Marcar todo como leído" }).click();
      await page.getByRole("button", { name: "Avisos: 0 sin leer" }).waitFor();
    });
    const after = await reception.ok<{ unreadCount: number }>("GET", "/api/notifications");
    expect(after.unreadCount).toBe(0);
  });
});
