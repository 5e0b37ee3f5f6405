/**
 * A client contact accepts a service order in the portal, on a phone: the order shows what was done,
 * the times and charges, the PDF downloads, and after "Aceptar" the order and the desk record the
 * acceptance by the portal.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ApiSession,
  attendedViaApi,
  browserMissing,
  type Desk,
  openDesk,
  PASSWORD,
  type Server,
  shot,
  withPage,
} from "./helpers";

const PHONE = { width: 390, height: 844 };
const EMAIL = "ana@launica.mx";

describe.skipIf(browserMissing)("service order in the client portal", { timeout: 180_000 }, () => {
  let desk: Desk;
  let server: Server;
  let browser: Browser;
  let ticket: { id: string; folio: string };

  beforeAll(async () => {
    desk = await openDesk();
    ({ server, browser } = desk);
    const { admin, staff } = desk;
    await admin.ok("POST", `/api/contacts/${desk.contactId}/portal-invite`);
    const tech = await ApiSession.login(server.baseUrl, staff.technician.email, PASSWORD);
    ticket = await attendedViaApi(
      { desk: admin, technician: tech, technicianId: staff.technician.id },
      {
        clientId: desk.clientId,
        contactId: desk.contactId,
        title: "No enciende el conmutador",
        description: "Desde la mañana.",
        urgent: false,
        channel: "phone",
      },
      {
        entry: { minutes: 50, mode: "onsite", activity: "Reemplazo de la fuente del conmutador" },
        charges: [{ kind: "spare_part", description: "Fuente de 12 V", quantity: 1, unitPriceCents: 45000 }],
      },
    );
  }, 120_000);

  afterAll(async () => {
    await desk?.close();
  });

  /** The sign-in link as the contact receives it: read from the outbox row Mesa wrote for the mail. */
  async function signInPath(): Promise<string> {
    const res = await fetch(`${server.baseUrl}/api/portal/magic-link`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: EMAIL }),
    });
    expect(res.status).toBe(202);
    const row = await server.app.ctx.db
      .selectFrom("outbox")
      .select("text_body")
      .where("to_addr", "=", EMAIL)
      .where("kind", "=", "portal_link")
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    return /\/portal\/entrar\?token=[A-Za-z0-9_-]+/.exec(row.text_body)![0];
  }

  it("the contact reads the order, downloads the PDF and accepts it", async () => {
    await withPage(
      browser,
      "portal-order",
      async (page) => {
        await page.goto(server.baseUrl + (await signInPath()));
        await page.getByRole("heading", { name: "Mis solicitudes" }).waitFor();
        // The list says which request waits for the contact's word, and its date is what matters now.
        const listed = page.getByTestId("ticket-card").filter({ hasText: ticket.folio });
        await listed.getByTestId("awaits-acceptance").getByText("Por aceptar").waitFor();
        expect(await listed.getByText(/^Respuesta a más tardar/).count()).toBe(0);
        await page.goto(`${server.baseUrl}/portal/tickets/${ticket.id}`);
        const card = page.getByTestId("service-order-slot");
        await card.getByText("Reemplazo de la fuente del conmutador", { exact: false }).waitFor();
        await card.getByText("Pendiente de su aceptación").waitFor();
        expect(await card.getByTestId("order-total-time").textContent()).toBe("Tiempo total: 50 min");
        expect(await card.getByTestId("order-charges-total").textContent()).toMatch(/\$450\.00 MXN/);

        const pdf = await page.request.get(
          `${server.baseUrl}${await card.getByTestId("order-pdf").getAttribute("href")}`,
        );
        expect(pdf.status()).toBe(200);
        expect(pdf.headers()["content-type"]).toBe("application/pdf");

        // Rejecting needs a reason: the confirm button stays off until one is written.
        await card.getByRole("button", { name: "Rechazar" }).click();
        expect(await card.getByRole("button", { name: "Rechazar la orden" }).isDisabled()).toBe(true);
        await card.getByRole("button", { name: "Volver" }).click();

        await shot(page, "portal-order-phone");
        // Accepting is a signature: asked once more, and «Volver» leaves it unsigned.
        await card.getByRole("button", { name: "Aceptar" }).click();
        const confirm = card.getByTestId("confirm-accept");
        await confirm.getByText(/^¿Acepta el trabajo y los cargos de esta orden\?/).waitFor();
        await confirm.getByRole("button", { name: "Volver" }).click();
        await card.getByText("Pendiente de su aceptación").waitFor();
        await card.getByRole("button", { name: "Aceptar" }).click();
        await confirm.getByRole("button", { name: "Aceptar la orden" }).click();
        await card.getByText("Aceptada", { exact: true }).waitFor();
        await card.getByText(/Ana Martínez, .*\(portal\)/).waitFor();
        expect(await card.getByRole("button", { name: "Aceptar" }).count()).toBe(0);
        await page.getByRole("link", { name: /Mis solicitudes/ }).click();
        await listed.waitFor();
        expect(await listed.getByTestId("awaits-acceptance").count()).toBe(0);
      },
      PHONE,
    );
    const row = await server.app.ctx.db
      .selectFrom("service_order_decisions")
      .selectAll()
      .where("ticket_id", "=", ticket.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ decision: "accepted", method: "portal", signer_name: "Ana Martínez" });
    const seen = await desk.admin.ok<{ status: string; acceptance: { via: string } }>(
      "GET",
      `/api/tickets/${ticket.id}`,
    );
    expect(seen.status).toBe("attended");
    expect(seen.acceptance.via).toBe("portal");
  });
});
