/**
 * Typed work is never lost: drafts of the intake, time entries, messages and the review/close panels
 * survive an expired session, a reload and Back, per user; leaving a dirty form asks first.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApiSession,
  browserMissing,
  type Desk,
  newPage,
  openDesk,
  PASSWORD,
  type Server,
  type Staff,
  shot,
  uiLogin,
  withPage,
} from "./helpers";

interface TicketJson {
  id: string;
  folio: string;
}

const TITLE = "El conmutador no da tono";
const DESCRIPTION = "Desde la mañana ninguna extensión tiene tono de marcado.";

/** The keys of the drafts this browser holds. */
function draftKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("mesa.draft.")));
}

/** Waits until a draft holding `text` is saved (drafts are written right after each edit). */
async function draftSaved(page: Page, text: string): Promise<void> {
  await page.waitForFunction(
    (wanted) =>
      Object.keys(localStorage).some(
        (k) => k.startsWith("mesa.draft.") && (localStorage.getItem(k) ?? "").includes(wanted),
      ),
    text,
  );
}

/** Reloads, accepting the "leave site?" prompt a dirty form raises; returns the prompts seen. */
async function reloadThroughPrompt(page: Page): Promise<string[]> {
  const seen: string[] = [];
  const accept = (dialog: import("playwright-core").Dialog) => {
    seen.push(dialog.type());
    void dialog.accept();
  };
  page.on("dialog", accept);
  await page.reload();
  page.off("dialog", accept);
  return seen;
}

async function pickCaller(page: Page): Promise<void> {
  const search = page.getByTestId("caller-search");
  await search.fill("55 8765 4321");
  await page.getByTestId("caller-match").first().waitFor();
  await search.press("Enter");
  await page.getByTestId("selected-caller").getByText("Ana Martínez").waitFor();
}

async function fillIntake(page: Page, title = TITLE): Promise<void> {
  await pickCaller(page);
  await page.getByLabel("Asunto").fill(title);
  await page.getByLabel("Descripción").fill(DESCRIPTION);
  await page.getByLabel("Sí, dejó de funcionar (urgente)").check();
  await page.getByRole("combobox", { name: "Categoría" }).click();
  await page.getByRole("option", { name: "Redes" }).click();
  await draftSaved(page, "redes");
}

async function expectIntakeRestored(page: Page, title = TITLE): Promise<void> {
  await page.getByTestId("draft-notice").getByText("Borrador recuperado").waitFor();
  await page.getByTestId("selected-caller").getByText("Ferretería La Única").waitFor();
  await page.getByTestId("selected-caller").getByText("Ana Martínez").waitFor();
  expect(await page.getByLabel("Asunto").inputValue()).toBe(title);
  expect(await page.getByLabel("Descripción").inputValue()).toBe(DESCRIPTION);
  expect(await page.getByLabel("Sí, dejó de funcionar (urgente)").isChecked()).toBe(true);
  expect(await page.getByRole("combobox", { name: "Categoría" }).inputValue()).toBe("Redes");
}

describe.skipIf(browserMissing)("drafts: typed work is never lost", { timeout: 180_000 }, () => {
  let desk: Desk;
  let server: Server;
  let browser: Browser;
  let staff: Staff;
  let clientId = "";
  const s: Record<string, ApiSession> = {};

  const move = (who: string, t: TicketJson, body: Record<string, unknown>) =>
    s[who]!.ok("POST", `/api/tickets/${t.id}/transitions`, body);
  const startedTicket = async (title: string) => {
    const t = await s.reception!.ok<TicketJson>("POST", "/api/tickets", {
      clientId,
      title,
      description: "Detalle",
      urgent: false,
      channel: "phone",
    });
    await move("reception", t, { action: "assign", assigneeId: staff.technician.id });
    await move("technician", t, { action: "start" });
    return t;
  };
  /** Ends the user's browser sessions (all but the test's API one): "signed out in another tab". */
  const endBrowserSessions = async (who: string) => {
    const other = s[who]!;
    const { items } = await other.ok<{ items: { id: string; current: boolean }[] }>(
      "GET",
      "/api/auth/sessions",
    );
    for (const session of items.filter((i) => !i.current)) {
      await other.ok("DELETE", `/api/auth/sessions/${session.id}`);
    }
  };

  beforeAll(async () => {
    desk = await openDesk();
    ({ server, browser, staff, clientId } = desk);
    s.admin = desk.admin;
    for (const role of ["reception", "technician", "senior", "leader"] as const) {
      s[role] = await ApiSession.login(server.baseUrl, staff[role].email, PASSWORD);
    }
  });

  afterAll(async () => {
    await desk?.close();
  });

  it("an intake filled when the session expires is back after signing in again, until it is sent", async () => {
    await withPage(browser, "drafts-expiry", async (page) => {
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/intake");
      await fillIntake(page);
      await endBrowserSessions("reception");

      // The next action meets the expired session: the login screen, on the same address.
      await page.getByTestId("intake-submit").click();
      await page.getByText("Tu sesión expiró.", { exact: false }).waitFor();
      expect(new URL(page.url()).pathname).toBe("/intake");
      await page.getByLabel("Correo electrónico").fill(staff.reception.email);
      await page.getByLabel("Contraseña").fill(PASSWORD);
      await page.getByRole("button", { name: "Entrar" }).click();

      await expectIntakeRestored(page);
      await shot(page, "drafts-intake-restored");
      await page.getByTestId("intake-submit").click();
      await page.getByTestId("intake-result").waitFor();
      expect(await draftKeys(page)).toEqual([]);

      const { items } = await s.reception!.ok<{ items: { title: string }[] }>(
        "GET",
        "/api/tickets?limit=200",
      );
      expect(items.filter((t) => t.title === TITLE)).toHaveLength(1);
      await page.goto(`${server.baseUrl}/intake`);
      await page.getByTestId("caller-search").waitFor();
      expect(await page.getByTestId("draft-notice").count()).toBe(0);
    });
  });

  it("Back from a dirty intake asks first; leaving keeps the draft, which can be discarded", async () => {
    await withPage(browser, "drafts-back", async (page) => {
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/queue");
      await page.getByRole("link", { name: "Recepción de llamadas" }).click();
      await fillIntake(page, "La impresora imprime en blanco");

      await page.evaluate(() => history.back());
      const dialog = page.getByRole("dialog");
      await dialog.getByText("Tienes cambios sin guardar. ¿Salir de todos modos?").waitFor();
      await shot(page, "drafts-leave-dialog");
      await dialog.getByRole("button", { name: "Quedarme" }).click();
      await dialog.waitFor({ state: "hidden" });
      expect(new URL(page.url()).pathname).toBe("/intake");
      expect(await page.getByLabel("Asunto").inputValue()).toBe("La impresora imprime en blanco");

      await page.evaluate(() => history.back());
      await dialog.getByRole("button", { name: "Salir" }).click();
      await page.waitForURL(/\/queue$/);
      await page.getByRole("link", { name: "Recepción de llamadas" }).click();
      await expectIntakeRestored(page, "La impresora imprime en blanco");

      await page.getByRole("button", { name: "Descartar borrador" }).click();
      await page.getByTestId("caller-search").waitFor();
      expect(await page.getByTestId("draft-notice").count()).toBe(0);
      expect(await draftKeys(page)).toEqual([]);
      // A clean form lets the user go without asking.
      await page.getByRole("link", { name: "Cola de tickets" }).click();
      await page.waitForURL(/\/queue$/);
    });
  });

  it("another user on the same browser never sees the first user's draft; logout keeps it", async () => {
    const { context, page } = await newPage(browser);
    try {
      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/intake");
      await fillIntake(page, "Sin correo en recepción");
      await page.getByTestId("user-menu").click();
      await page.getByRole("menuitem", { name: "Cerrar sesión" }).click();
      await page.getByRole("button", { name: "Entrar" }).waitFor();

      await uiLogin(page, server.baseUrl, staff.reception2.email, PASSWORD, "/intake");
      await page.getByTestId("caller-search").waitFor();
      expect(await page.getByTestId("draft-notice").count()).toBe(0);
      expect(await page.getByTestId("selected-caller").count()).toBe(0);
      await page.getByTestId("user-menu").click();
      await page.getByRole("menuitem", { name: "Cerrar sesión" }).click();

      await uiLogin(page, server.baseUrl, staff.reception.email, PASSWORD, "/intake");
      await expectIntakeRestored(page, "Sin correo en recepción");
    } catch (error) {
      await shot(page, "fail-drafts-users").catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  });

  it("a reload in the middle of a time entry and a message puts both back, after asking", async () => {
    const ticket = await startedTicket("Respaldo nocturno fallido");
    await withPage(browser, "drafts-time", async (page) => {
      await uiLogin(page, server.baseUrl, staff.technician.email, PASSWORD, `/tickets/${ticket.id}`);
      await page.getByTestId("time-activity").fill("Revisé la tarea programada del respaldo");
      await page.getByTestId("time-minutes").fill("35");
      await page.getByRole("tab", { name: /Mensajes/ }).click();
      await page.getByTestId("message-body").fill("Le confirmo mañana el resultado");
      await draftSaved(page, "mañana el resultado");
      await draftSaved(page, "tarea programada");

      expect(await reloadThroughPrompt(page)).toContain("beforeunload");
      await page.getByTestId("time-form").waitFor();
      expect(await page.getByTestId("time-activity").inputValue()).toBe(
        "Revisé la tarea programada del respaldo",
      );
      expect(await page.getByTestId("time-minutes").inputValue()).toBe("35");
      await page.getByTestId("time-form").getByText("Borrador recuperado").waitFor();
      await page.getByRole("tab", { name: /Mensajes/ }).click();
      expect(await page.getByTestId("message-body").inputValue()).toBe("Le confirmo mañana el resultado");

      await page.getByRole("tab", { name: /Actividades/ }).click();
      await page.getByTestId("time-submit").click();
      await page.getByText("Tiempo registrado", { exact: false }).waitFor();
      expect(await page.getByTestId("time-activity").inputValue()).toBe("");
      const left = await draftKeys(page);
      expect(left.some((k) => k.includes("time-entry"))).toBe(false);
      expect(left.some((k) => k.includes("message"))).toBe(true);
    });
  });

  it("a charge half typed survives a tab switch and a reload, and is cleared once added", async () => {
    const ticket = await startedTicket("Cambio de cable de red");
    await withPage(browser, "drafts-charge", async (page) => {
      await uiLogin(page, server.baseUrl, staff.technician.email, PASSWORD, `/tickets/${ticket.id}`);
      await page.getByRole("tab", { name: /Cargos/ }).click();
      const form = page.getByTestId("charge-form");
      await form.getByLabel("Descripción").fill("Cable HDMI de 2 m");
      await form.getByLabel("Precio unitario").fill("250");
      await draftSaved(page, "Cable HDMI");
      // The tabs unmount their panels: without a draft the typed charge was gone on coming back.
      await page.getByRole("tab", { name: /Mensajes/ }).click();
      // Away from its tab, the typed charge is still in sight: «Borrador» on «Cargos».
      await page
        .getByRole("tab", { name: /Cargos/ })
        .getByTestId("draft-charge")
        .waitFor();
      await page.getByRole("tab", { name: /Cargos/ }).click();
      expect(await form.getByLabel("Descripción").inputValue()).toBe("Cable HDMI de 2 m");

      expect(await reloadThroughPrompt(page)).toContain("beforeunload");
      // The page opens on the time entries: the charges tab says a typed charge waits there.
      await page
        .getByRole("tab", { name: /Cargos \(0\)/ })
        .getByTestId("draft-charge")
        .waitFor();
      expect(await page.getByTestId("draft-message").count()).toBe(0);
      await page.getByRole("tab", { name: /Cargos/ }).click();
      await form.getByText("Borrador recuperado").waitFor();
      expect(await form.getByLabel("Descripción").inputValue()).toBe("Cable HDMI de 2 m");
      expect(await form.getByLabel("Precio unitario").inputValue()).toBe("250");

      await form.getByRole("button", { name: "Agregar cargo" }).click();
      await page.getByTestId("charges").getByText("Cable HDMI de 2 m").waitFor();
      expect(await form.getByLabel("Descripción").inputValue()).toBe("");
      expect((await draftKeys(page)).some((k) => k.includes("charge"))).toBe(false);
      await page.getByRole("tab", { name: /Mensajes/ }).click();
      expect(await page.getByTestId("draft-charge").count()).toBe(0);
    });
  });

  it("the review reason and the close billing choice are back after a reload", async () => {
    const ticket = await startedTicket("Equipo sin licencia");
    await s.technician!.ok("POST", `/api/tickets/${ticket.id}/time-entries`, {
      minutes: 30,
      mode: "remote",
      activity: "Activación",
    });
    await move("technician", ticket, { action: "attend" });
    await withPage(browser, "drafts-review", async (page) => {
      await uiLogin(page, server.baseUrl, staff.senior.email, PASSWORD, `/tickets/${ticket.id}`);
      const reason = page.getByTestId("review-override");
      await reason.fill("El cliente confirmó por teléfono");
      await draftSaved(page, "confirmó por teléfono");
      await reloadThroughPrompt(page);
      await page.getByTestId("review-panel").getByText("Borrador recuperado").waitFor();
      expect(await reason.inputValue()).toBe("El cliente confirmó por teléfono");
      await page.getByTestId("action-review").click();
      await page.getByText(`${ticket.folio} revisado.`).waitFor();
      expect(await draftKeys(page)).toEqual([]);
    });
    await withPage(browser, "drafts-close", async (page) => {
      await uiLogin(page, server.baseUrl, staff.leader.email, PASSWORD, `/tickets/${ticket.id}`);
      await page.getByTestId("close-billing").click();
      await page.getByRole("option", { name: "Sin cargo", exact: true }).click();
      await draftSaved(page, "no_charge");
      await reloadThroughPrompt(page);
      await page.getByTestId("close-panel").getByText("Borrador recuperado").waitFor();
      expect(await page.getByTestId("close-billing").inputValue()).toBe("Sin cargo");
      await page.getByTestId("action-close").click();
      await page.getByText(`${ticket.folio} cerrado.`).waitFor();
      expect(await draftKeys(page)).toEqual([]);
    });
  });
});
