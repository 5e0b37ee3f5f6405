import { describe, expect, it } from "vitest";
import { pdfText } from "../../../../test/pdf-text.js";
import type { ServiceOrder } from "../../../contract/service-orders.js";
import { serviceOrderPdf } from "./pdf.js";

const ZONE = "America/Mexico_City";

function order(over: Partial<ServiceOrder> = {}): ServiceOrder {
  return {
    ticketId: "t1",
    folio: "OS-2026-000123",
    title: "No arranca el servidor",
    status: "attended",
    clientName: "Acme Industrial",
    contactName: "Ana Pérez",
    company: {
      name: "Encor Soluciones",
      rfc: "ESO010101AA1",
      address: "Av. Juárez 1",
      phone: null,
      email: null,
    },
    activities: [{ at: "2026-11-24T16:00:00Z", mode: "remote", minutes: 45, activity: "Diagnóstico remoto" }],
    minutesByMode: [{ mode: "remote", minutes: 45 }],
    totalMinutes: 45,
    charges: [
      {
        kind: "spare_part",
        description: "Fuente 500 W",
        quantity: 2,
        unitPriceCents: 42500,
        amountCents: 85000,
      },
    ],
    chargesTotalCents: 85000,
    decision: null,
    ...over,
  };
}

const pages = (pdf: Buffer) => pdf.toString("latin1").match(/\/Type \/Page\b/g)?.length ?? 0;

describe("the service order PDF", () => {
  it.each([
    {
      name: "pending, in Spanish",
      o: order(),
      lang: "es" as const,
      shows: [
        "Encor Soluciones",
        "RFC ESO010101AA1",
        "Orden de servicio OS-2026-000123",
        "Cliente: ",
        "Acme Industrial",
        "Diagnóstico remoto",
        "24/11/2026 10:00",
        "Fuente 500 W",
        "$850.00",
        "Pendiente de aceptación por el cliente",
      ],
    },
    {
      name: "accepted by portal, in English",
      o: order({
        decision: {
          decision: "accepted",
          method: "portal",
          signerName: "Ana Pérez",
          reason: null,
          at: "2026-11-24T18:00:00Z",
        },
      }),
      lang: "en" as const,
      shows: [
        "Service order OS-2026-000123",
        "Activities performed",
        "Accepted by Ana Pérez, 24/11/2026 12:00 (portal)",
      ],
    },
    {
      name: "rejected with its reason",
      o: order({
        decision: {
          decision: "rejected",
          method: "link",
          signerName: "Ana",
          reason: "Sigue fallando",
          at: "2026-11-24T18:00:00Z",
        },
      }),
      lang: "es" as const,
      shows: ["Rechazada por Ana", "Motivo: Sigue fallando"],
    },
  ])("prints $name", async ({ o, lang, shows }) => {
    const pdf = await serviceOrderPdf(o, ZONE, lang);
    expect(pdf.subarray(0, 8).toString()).toBe("%PDF-1.4");
    const text = pdfText(pdf);
    for (const s of shows) expect(text).toContain(s);
  });

  it("runs a long activity list onto more pages, every activity printed", async () => {
    const activities = Array.from({ length: 80 }, (_, i) => ({
      at: "2026-11-24T16:00:00Z",
      mode: "onsite" as const,
      minutes: 10,
      activity: `Actividad número ${i + 1} con una descripción larga que ocupa más de una línea en la tabla`,
    }));
    const pdf = await serviceOrderPdf(order({ activities }), ZONE, "es");
    expect(pages(pdf)).toBeGreaterThan(1);
    const text = pdfText(pdf).replace(/\n/g, " ");
    for (const n of [1, 40, 80]) expect(text).toContain(`Actividad número ${n} `);
  });

  it("prints characters the built-in font lacks as ? instead of garbage", async () => {
    const pdf = await serviceOrderPdf(order({ title: "Emoji 🙂 y 中文 (ñ)" }), ZONE, "es");
    expect(pdfText(pdf)).toContain("Emoji ? y ?? (ñ)");
  });

  it("ignores a logo it cannot read rather than failing", async () => {
    const pdf = await serviceOrderPdf(order(), ZONE, "es", { logo: Buffer.from("no es una imagen") });
    expect(pdfText(pdf)).toContain("Encor Soluciones");
  });
});
