import { describe, expect, it } from "vitest";
import { correctionDetail } from "./historyDetail";

const modes: Record<string, string> = {
  "mode.remote": "Remota",
  "mode.onsite": "Presencial",
  "attachments.internal": "Interno",
};
const t = ((key: string, params?: Record<string, unknown>) =>
  key === "history.backdatedAt"
    ? `Recibido el ${params?.received}; registrado el ${params?.registered}`
    : (modes[key] ?? key)) as Parameters<typeof correctionDetail>[0];

describe("a history line's detail of recorded work", () => {
  it.each([
    [
      "charge",
      { kind: "consumable", quantity: 2, unitPriceCents: 15_000, amountCents: 30_000 },
      "2 × $150.00 MXN = $300.00 MXN",
    ],
    // Lines written before quantities were kept say the amount alone.
    ["charge", { kind: "consumable", amountCents: 25_000 }, "$250.00 MXN"],
    [
      "charge_edited",
      {
        before: { description: "Cable de 3 m", quantity: 1, unitPriceCents: 25_000, amountCents: 25_000 },
        after: { description: "Cable de 5 m", quantity: 2, unitPriceCents: 30_000, amountCents: 60_000 },
      },
      "1 × $250.00 MXN = $250.00 MXN · Cable de 3 m → 2 × $300.00 MXN = $600.00 MXN · Cable de 5 m",
    ],
    ["charge_deleted", { before: { description: "Cable", amountCents: 9_000 } }, "$90.00 MXN · Cable"],
    ["time_entry", { minutes: 70, mode: "remote" }, "1 h 10 min, Remota"],
    [
      "time_entry_edited",
      { before: { minutes: 20, mode: "remote" }, after: { minutes: 35, mode: "onsite" } },
      "20 min, Remota → 35 min, Presencial",
    ],
    ["attachment", { filename: "etiqueta.jpg", visibility: "client" }, "etiqueta.jpg"],
    ["attachment", { filename: "rack.jpg", visibility: "internal" }, "rack.jpg · Interno"],
    [
      "backdated",
      { receivedAt: "2026-11-23T15:00:00.000Z", registeredAt: "2026-11-24T16:00:00.000Z" },
      "Recibido el 23/11/2026 09:00; registrado el 24/11/2026 10:00",
    ],
    ["assign", { assigneeId: "u1" }, null],
  ])("%s %j → %s", (action, changes, shown) => {
    expect(correctionDetail(t, action, changes)).toBe(shown);
  });
});

describe("a ticket's «Registrado» line says why a client with pólizas was filed per event", () => {
  const said = ((key: string, params?: Record<string, unknown>) =>
    `${key} ${JSON.stringify(params ?? {})}`) as Parameters<typeof correctionDetail>[0];
  it("names the pólizas in force that do not cover the category", () => {
    const changes = { serviceKind: "event", uncoveredBy: ["SH", "SF"], uncoveredCategory: "Impresoras" };
    expect(correctionDetail(said, "create", changes)).toBe(
      'intake.notCovered {"count":2,"types":"SH, SF","category":"Impresoras"}',
    );
  });
  it.each([
    [{ serviceKind: "event" }],
    [{ serviceKind: "contract" }],
    [{ serviceKind: "event", uncoveredBy: [] }],
    [null],
  ])("says nothing more for %j", (changes) => {
    expect(correctionDetail(said, "create", changes)).toBeNull();
  });
});
