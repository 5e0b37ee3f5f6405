/**
 * A technician's typing on a ticket in progress, on the phone: numbers out of range stay as typed and
 * are refused in their field (never clamped and saved), an empty or overlong message says so, the
 * attention mode chosen last is the next entry's, a timer stopped within a minute logs one minute, and
 * a refusal of the time range goes away once the range is changed.
 */
import type { Browser, Locator } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApiSession,
  browserMissing,
  type Desk,
  openDesk,
  PASSWORD,
  type Server,
  type Staff,
  transitionsOf,
  uiLogin,
  withPage,
} from "./helpers";

const PHONE = { width: 390, height: 844 };

interface TicketJson {
  id: string;
  timeEntries: { minutes: number; mode: string }[];
  charges: unknown[];
  messages: unknown[];
}

describe.skipIf(browserMissing)("a technician's input on a ticket", { timeout: 180_000 }, () => {
  let desk: Desk;
  let server: Server;
  let browser: Browser;
  let staff: Staff;
  let technician: ApiSession;

  beforeAll(async () => {
    desk = await openDesk();
    ({ server, browser, staff } = desk);
    technician = await ApiSession.login(server.baseUrl, staff.technician.email, PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await desk?.close();
  });

  /** A ticket assigned to the technician and started (time may be logged on it). */
  const ticketInProgress = async (title: string) => {
    const ticket = await desk.admin.ok<{ id: string }>("POST", "/api/tickets", {
      clientId: desk.clientId,
      title,
      description: "Detalle",
      urgent: false,
      channel: "phone",
    });
    const move = transitionsOf(ticket.id);
    await move(desk.admin, { action: "assign", assigneeId: staff.technician.id });
    await move(technician, { action: "start" });
    return ticket.id;
  };
  const ticketNow = (id: string) => technician.ok<TicketJson>("GET", `/api/tickets/${id}`);

  /** The field's own error text (Mantine's error element of the input's wrapper). */
  const fieldError = (input: Locator) =>
    input.evaluate((el) => {
      const id = el
        .getAttribute("aria-describedby")
        ?.split(" ")
        .find((d) => d.endsWith("-error"));
      return id ? (document.getElementById(id)?.textContent ?? "") : "";
    });

  it("minutes out of range stay as typed and are refused in the field; nothing is saved", async () => {
    const id = await ticketInProgress("Minutos fuera de rango");
    await withPage(
      browser,
      "minutes-refused",
      async (page) => {
        await uiLogin(page, server.baseUrl, staff.technician.email, PASSWORD, `/tickets/${id}`);
        const minutes = page.getByTestId("time-minutes");
        await page.getByTestId("time-activity").fill("Revisión del conmutador");
        for (const [typed, message] of [
          ["2000", "Un registro dura de 1 minuto a 24 horas"],
          ["-45", "Al menos 1 minuto"],
          ["0", "Al menos 1 minuto"],
          ["1.5", "Minutos enteros"],
        ] as const) {
          await minutes.fill(typed);
          await minutes.press("Tab");
          expect(await minutes.inputValue()).toBe(typed);
          await page.getByTestId("time-submit").click();
          await expect.poll(() => fieldError(minutes)).toBe(message);
          expect(await minutes.inputValue()).toBe(typed);
        }
        // Typing again answers the refusal: its message goes.
        await minutes.fill("45");
        expect(await fieldError(minutes)).toBe("");
      },
      PHONE,
    );
    expect((await ticketNow(id)).timeEntries).toEqual([]);
  });

  it("a charge's quantity below one is refused in the field, not saved as one", async () => {
    const id = await ticketInProgress("Cantidad negativa");
    await withPage(
      browser,
      "quantity-refused",
      async (page) => {
        await uiLogin(page, server.baseUrl, staff.technician.email, PASSWORD, `/tickets/${id}`);
        await page.getByRole("tab", { name: /Cargos/ }).click();
        await page.getByLabel("Descripción").fill("Cable UTP cat 6");
        await page.getByLabel("Precio unitario").fill("150.50");
        const quantity = page.getByLabel("Cantidad");
        await quantity.fill("-3");
        await quantity.press("Tab");
        expect(await quantity.inputValue()).toBe("-3");
        await page.getByRole("button", { name: "Agregar cargo" }).click();
        await expect.poll(() => fieldError(quantity)).toBe("Al menos 1");
        expect(await quantity.inputValue()).toBe("-3");
      },
      PHONE,
    );
    expect((await ticketNow(id)).charges).toEqual([]);
  });

  it("an empty or overlong message or note says so in its field and is not sent", async () => {
    const id = await ticketInProgress("Mensajes inválidos");
    await withPage(
      browser,
      "message-refused",
      async (page) => {
        await uiLogin(page, server.baseUrl, staff.technician.email, PASSWORD, `/tickets/${id}`);
        await page.getByRole("tab", { name: /Mensajes/ }).click();
        const body = page.getByTestId("message-body");
        await page.getByTestId("message-submit").click();
        await expect.poll(() => fieldError(body)).toBe("Requerido");
        await page.getByTestId("message-form").getByText("Nota interna").click();
        await body.fill("x".repeat(20_001));
        expect(await fieldError(body)).toBe("");
        await page.getByTestId("message-submit").click();
        await expect.poll(() => fieldError(body)).toBe("Máximo 20,000 caracteres");
      },
      PHONE,
    );
    expect((await ticketNow(id)).messages).toEqual([]);
  });

  it("the attention mode chosen last is the next entry's, on any ticket", async () => {
    const first = await ticketInProgress("Visita en sitio");
    const second = await ticketInProgress("Segunda visita en sitio");
    await withPage(
      browser,
      "mode-remembered",
      async (page) => {
        await uiLogin(page, server.baseUrl, staff.technician.email, PASSWORD, `/tickets/${first}`);
        const mode = (name: string) => page.getByTestId("time-form").getByRole("radio", { name });
        expect(await mode("Remota").isChecked()).toBe(true);
        await page.getByTestId("time-form").getByText("Presencial").click();
        await page.getByTestId("time-minutes").fill("30");
        await page.getByTestId("time-activity").fill("Cambio de switch");
        await page.getByTestId("time-submit").click();
        await page.getByTestId("time-entries").getByText("30 min").waitFor();
        // «Corregir» and «Eliminar» are finger-sized on the phone, with room between them.
        const fix = await page.getByRole("button", { name: /^Corregir: 30 min/ }).boundingBox();
        const remove = await page.getByRole("button", { name: /^Eliminar: 30 min/ }).boundingBox();
        expect(fix!.height).toBeGreaterThanOrEqual(36);
        expect(remove!.height).toBeGreaterThanOrEqual(36);
        expect(remove!.x - (fix!.x + fix!.width)).toBeGreaterThanOrEqual(12);
        await page.goto(`${server.baseUrl}/tickets/${second}`);
        await page.getByTestId("time-form").waitFor();
        expect(await mode("Presencial").isChecked()).toBe(true);
      },
      PHONE,
    );
    expect((await ticketNow(first)).timeEntries[0]?.mode).toBe("onsite");
  });

  it("a timer stopped within its first minute logs one minute", async () => {
    const id = await ticketInProgress("Cronómetro corto");
    await withPage(
      browser,
      "short-timer",
      async (page) => {
        await uiLogin(page, server.baseUrl, staff.technician.email, PASSWORD, `/tickets/${id}`);
        await page.getByTestId("timer-start").click();
        await page.getByTestId("timer-stop").click();
        await page.getByTestId("timer-result").getByText("Tiempo del cronómetro: 1 min").waitFor();
        await page.getByTestId("time-activity").fill("Reinicio del módem");
        await page.getByTestId("time-submit").click();
        await page.getByTestId("time-entries").getByText("1 min").waitFor();
      },
      PHONE,
    );
    expect((await ticketNow(id)).timeEntries.map((e) => e.minutes)).toEqual([1]);
  });

  it("a refusal of the time range goes once the range is changed", async () => {
    const id = await ticketInProgress("Rango en el futuro");
    await withPage(browser, "stale-range-error", async (page) => {
      await uiLogin(page, server.baseUrl, staff.technician.email, PASSWORD, `/tickets/${id}`);
      await page.getByTestId("time-form").getByText("Inicio y fin").click();
      // A day certainly ahead in the calendar's zone (the desk's default, Mexico City).
      const ahead = new Date(Date.now() + 36 * 3600_000);
      const day = ahead.toLocaleDateString("en-CA", { timeZone: "America/Mexico_City" });
      await page.getByTestId("time-date").fill(day);
      await page.getByTestId("time-start").fill("09:00");
      await page.getByTestId("time-end").fill("10:00");
      await page.getByTestId("time-activity").fill("Visita programada");
      await page.getByTestId("time-submit").click();
      const refusal = page.getByText("El fin no puede estar en el futuro");
      await refusal.waitFor();
      await page.getByTestId("time-end").fill("10:30");
      await refusal.waitFor({ state: "detached" });
    });
    expect((await ticketNow(id)).timeEntries).toEqual([]);
  });
});
